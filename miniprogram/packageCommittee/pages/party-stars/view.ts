/** 岗位评星 (pure): each member with the scores the committee gives and the stars once posted, the parts checked. */
import { scorePartSchema } from '../../../generated/domain';
import type { Registration, StarRecord } from '../../services/party-types';

const STATE_NAMES: Record<StarRecord['state'], string> = { draft: '未公示', posted: '公示中', objected: '有异议，待重新公示', final: '已确定' };

export interface StarRow {
  id: string;
  openid: string;
  name: string;
  unit: string;
  peer: string;
  party: string;
  /** "★★★★ 82 分 · 公示中", or '' before the stars are posted. */
  stars: string;
  objection: string;
}

export const starRow = (r: Registration): StarRow => ({ id: r.id, openid: r.openid, name: r.displayName, unit: r.workUnit, peer: '', party: '', stars: '', objection: '' });

export function withStars(row: StarRow, s: StarRecord | null): StarRow {
  if (!s) return row;
  return {
    ...row,
    peer: String(s.peer),
    party: String(s.party),
    stars: s.state === 'draft' ? `已评分（互评 ${s.peer}，组织 ${s.party}），待公示` : `${'★'.repeat(s.stars)} ${Math.round(s.score)} 分 · ${STATE_NAMES[s.state]}`,
    objection: s.objection ? `异议：${s.objection}` : '',
  };
}

export function scoresOf(row: StarRow): { ok: true; peer: number; party: number } | { ok: false; message: string } {
  const peer = Number(row.peer);
  const party = Number(row.party);
  if (row.peer.trim() === '' || row.party.trim() === '') return { ok: false, message: `请填写${row.name}的互评分和组织评分` };
  for (const v of [peer, party]) {
    const got = scorePartSchema.safeParse(v);
    if (!got.success) return { ok: false, message: got.error.issues[0]?.message || '分数应在 0 到 100 之间' };
  }
  return { ok: true, peer, party };
}
