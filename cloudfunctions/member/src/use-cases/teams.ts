import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { AppError } from '../../../../domain/result';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { approvedMembers, changeApproved, registrationWith } from '../../../../server/repositories/member-registrations';
import { TeamDoc, getTeam, saveTeam as storeTeam, teamsOf } from '../../../../server/repositories/member-teams';
import { requireCommittee, requirePartyMember } from '../access';
import { toRegistration } from '../views';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/** A community's teams with how many members each: for the committee and the members. */
export async function teams(input: In<'teams'>, ctx: RequestContext) {
  requirePartyMember(ctx, input.communityId);
  const [list, members] = await Promise.all([teamsOf(input.communityId), approvedMembers(input.communityId)]);
  const count = (id: string) => members.filter((m) => m.teamId === id).length;
  return { items: list.map((t) => ({ id: t._id, communityId: t.communityId, name: t.name, members: count(t._id) })) };
}

export async function saveTeam(input: In<'saveTeam'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  const existing = input.teamId ? await getTeam(input.teamId) : null;
  if (input.teamId && (!existing || existing.communityId !== input.communityId)) throw new AppError('NOT_FOUND', '没有找到这个服务队');
  const doc: TeamDoc = { _id: existing?._id ?? newId(ctx.now), communityId: input.communityId, name: input.name, createdAt: existing?.createdAt ?? ctx.now, updatedAt: ctx.now };
  await storeTeam(doc);
  return { id: doc._id, communityId: doc.communityId, name: doc.name, members: 0 };
}

/** The committee moves an approved member to a team and gives them a post (楼组长 / 分队长 / 督导员) or none. */
export async function setPost(input: In<'setPost'>, ctx: RequestContext) {
  const found = await registrationWith(input.registrationId, { teamId: input.teamId });
  if (!found) throw new AppError('NOT_FOUND', '没有找到这份报到');
  const { reg, team } = found;
  requireCommittee(ctx, reg.communityId);
  if (reg.state !== 'approved') throw new AppError('FAILED_PRECONDITION', '报到通过后才能安排岗位');
  if (!team || team.communityId !== reg.communityId) throw new AppError('NOT_FOUND', '没有找到这个服务队');
  const patch = { teamId: team._id, teamName: team.name, post: input.post, updatedAt: ctx.now };
  // One conditional write: a registration no longer approved since the read gets no post.
  if (!(await changeApproved(reg._id, patch))) throw new AppError('FAILED_PRECONDITION', '报到通过后才能安排岗位');
  return toRegistration({ ...reg, ...patch }, ctx);
}
