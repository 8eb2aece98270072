/** 核实服务 (pure): a submitted service as the committee checks it, and what a decision did, in plain words. */
import { TASK_KIND_NAMES } from '../../../generated/domain';
import type { Claim, Proof } from '../../services/party-types';
import { shanghaiDateTime } from '../../../utils/time';

export interface ProofRow {
  id: string;
  member: string;
  title: string;
  kind: string;
  note: string;
  /** "签到 12月7日 07:02 · 签退 09:01", or '' for work done off site. */
  onSite: string;
  photo: string;
  time: string;
}

export function proofRow(p: Proof, photoUrl: string): ProofRow {
  const c = p.claim;
  const onSite = c.checkinAt ? `签到 ${shanghaiDateTime(c.checkinAt)}${c.checkoutAt ? ` · 签退 ${shanghaiDateTime(c.checkoutAt)}` : ''}` : '';
  return {
    id: c.id,
    member: `${p.memberName}${p.workUnit ? `（${p.workUnit}）` : ''}`,
    title: c.title,
    kind: TASK_KIND_NAMES[c.kind],
    note: c.note ? `服务记录：${c.note}` : '',
    onSite,
    photo: photoUrl,
    time: `认领于 ${shanghaiDateTime(c.createdAt)}`,
  };
}

export function decidedText(c: Claim): string {
  return c.state === 'verified' ? `已核实“${c.title}”，计入 ${c.hours ?? 0} 小时、${c.points ?? 0} 积分` : `已退回“${c.title}”，名额已空出，理由会告诉党员`;
}
