/** 报到审核 (pure): a pending registration as the committee reads it, with the days left of the 7 to review it. */
import { REVIEW_DAYS } from '../../../generated/domain';
import type { Registration, Team } from '../../services/party-types';
import { shanghaiDateTime } from '../../../utils/time';

export interface RegistrationRow {
  id: string;
  name: string;
  unit: string;
  contact: string;
  skills: string;
  times: string;
  /** "还剩 3 天" or "已超过 7 天，请尽快审核". */
  due: string;
  overdue: boolean;
  time: string;
}

const DAY = 86_400_000;

export function daysLeftText(reviewDueAt: string, overdue: boolean, now: number): { due: string; overdue: boolean } {
  const left = Math.ceil((Date.parse(reviewDueAt) - now) / DAY);
  if (overdue || left <= 0) return { due: `已超过 ${REVIEW_DAYS} 天，请尽快审核`, overdue: true };
  return { due: `还剩 ${left} 天`, overdue: false };
}

export function registrationRow(r: Registration, now = Date.now()): RegistrationRow {
  return {
    id: r.id,
    name: r.displayName,
    unit: `${r.workUnit} · ${r.branch}`,
    contact: `单位联系人：${r.contactName}${r.contactPhone ? ` ${r.contactPhone}` : ''}`,
    skills: r.skills.length ? `特长：${r.skills.join('、')}` : '',
    times: `可服务时间：${r.serveTimes.join('、')}`,
    ...daysLeftText(r.reviewDueAt, r.overdue, now),
    time: `报到于 ${shanghaiDateTime(r.createdAt)}`,
  };
}

export const teamChoices = (items: Team[]) => items.map((t) => ({ id: t.id, name: `${t.name}（${t.members} 人）`, plain: t.name }));

export function decidedText(r: Registration): string {
  return r.state === 'approved' ? `已通过：${r.displayName} 编入 ${r.teamName ?? '服务队'}` : `已退回 ${r.displayName} 的报到，理由会告诉本人`;
}
