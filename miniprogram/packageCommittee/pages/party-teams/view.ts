/** 服务队与岗位 (pure): the teams, each approved member with their team and post, the post choices in words. */
import { POSTS, POST_NAMES, teamNameSchema } from '../../../generated/domain';
import type { Post, Registration, Team } from '../../services/party-types';

/** 无岗位 first, then 楼组长 / 分队长 / 督导员. */
export const POST_CHOICES: Array<{ value: Post | null; name: string }> = [{ value: null, name: '无岗位' }, ...POSTS.map((value) => ({ value, name: POST_NAMES[value] }))];

export interface TeamRow {
  id: string;
  name: string;
  note: string;
}

export const teamRow = (t: Team): TeamRow => ({ id: t.id, name: t.name, note: `${t.members} 名党员` });

export interface MemberRow {
  id: string;
  name: string;
  unit: string;
  teamId: string;
  teamIndex: number;
  postIndex: number;
  /** "助老服务队 · 督导员". */
  place: string;
}

export function memberRow(r: Registration, teams: Team[]): MemberRow {
  const post = POST_CHOICES.findIndex((p) => p.value === r.post);
  return {
    id: r.id,
    name: r.displayName,
    unit: r.workUnit,
    teamId: r.teamId ?? '',
    teamIndex: Math.max(
      0,
      teams.findIndex((t) => t.id === r.teamId),
    ),
    postIndex: Math.max(0, post),
    place: `${r.teamName ?? '未编队'} · ${POST_NAMES[r.post as Post] ?? '无岗位'}`,
  };
}

export function checkedTeamName(name: string): { ok: true; name: string } | { ok: false; message: string } {
  const checked = teamNameSchema.safeParse(name);
  return checked.success ? { ok: true, name: checked.data } : { ok: false, message: checked.error.issues[0]?.message || '请填写服务队名称' };
}
