import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { REVIEW_DAYS } from '../../../../domain/members/model';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { inTransaction } from '../../../../server/kit/transaction';
import { decodeCursor, encodeCursor } from '../../../../server/repositories/docs';
import {
  RegistrationDoc,
  getRegistration,
  getRegistrationInTransaction,
  registrationIdOf,
  registrationsOf,
  decidePending,
  submitRegistration,
  updateRegistrationInTransaction,
} from '../../../../server/repositories/member-registrations';
import { getTeamInTransaction } from '../../../../server/repositories/member-teams';
import { getUserInTransaction, setRolesInTransaction } from '../../../../server/repositories/users';
import { requireCommittee } from '../access';
import { toRegistration } from '../views';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/** 报到: a resident bound to a building registers with their work unit; the committee has 7 days to review. */
export async function register(input: In<'register'>, ctx: RequestContext) {
  const communityId = ctx.user.communityId;
  if (!communityId || !ctx.user.buildingId) throw new AppError('PERMISSION_DENIED', '请先绑定所住楼组，再向社区报到');
  const id = registrationIdOf(communityId, ctx.openid);
  const doc: RegistrationDoc = {
    _id: id,
    openid: ctx.openid,
    communityId,
    displayName: ctx.user.displayName,
    ...input,
    state: 'pending',
    reason: null,
    teamId: null,
    teamName: null,
    post: null,
    createdAt: ctx.now,
    reviewDueAt: new Date(ctx.now.getTime() + REVIEW_DAYS * 86_400_000),
    overdue: false,
    reviewedAt: null,
    updatedAt: ctx.now,
  };
  // One write (a first registration, or again after a rejection); only a refusal reads what stands.
  if (!(await submitRegistration(doc))) {
    const previous = await getRegistration(id);
    if (previous?.state === 'approved') throw new AppError('FAILED_PRECONDITION', '你已经在本社区报到');
    throw new AppError('FAILED_PRECONDITION', '报到信息正在审核中，请耐心等待');
  }
  return toRegistration(doc, ctx);
}

export async function me(_input: In<'me'>, ctx: RequestContext) {
  const communityId = ctx.user.communityId;
  const doc = communityId ? await getRegistration(registrationIdOf(communityId, ctx.openid)) : null;
  return { registration: doc ? toRegistration(doc, ctx) : null };
}

export async function registrations(input: In<'registrations'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  const limit = input.limit ?? 20;
  const page = await registrationsOf(input.communityId, input.state ?? 'pending', decodeCursor(input.cursor), limit + 1);
  return { items: page.slice(0, limit).map((d) => toRegistration(d, ctx)), nextCursor: page.length > limit ? encodeCursor(page[limit - 1]._id) : null };
}

/** Approve: the member gets the partyMember role in the community and a team, in one transaction. */
export async function approve(input: In<'approve'>, ctx: RequestContext) {
  const doc = await inTransaction(async (tx) => {
    const reg = await getRegistrationInTransaction(tx, input.registrationId);
    if (!reg) throw new AppError('NOT_FOUND', '没有找到这份报到');
    requireCommittee(ctx, reg.communityId);
    if (reg.state === 'approved' && reg.teamId === input.teamId) return reg;
    if (reg.state !== 'pending') throw new AppError('FAILED_PRECONDITION', '这份报到已经审核过了');
    const team = await getTeamInTransaction(tx, input.teamId);
    if (!team || team.communityId !== reg.communityId) throw new AppError('NOT_FOUND', '没有找到这个服务队');
    const user = await getUserInTransaction(tx, reg.openid);
    if (!user) throw new AppError('NOT_FOUND', '没有找到这位居民');
    const patch = { state: 'approved' as const, teamId: team._id, teamName: team.name, reviewedAt: ctx.now, overdue: false, updatedAt: ctx.now };
    await updateRegistrationInTransaction(tx, reg._id, patch);
    if (!user.roles.some((r) => r.role === 'partyMember' && r.communityId === reg.communityId)) {
      await setRolesInTransaction(tx, reg.openid, [...user.roles, { role: 'partyMember', communityId: reg.communityId }], ctx.now);
    }
    return { ...reg, ...patch };
  });
  return toRegistration(doc, ctx);
}

export async function reject(input: In<'reject'>, ctx: RequestContext) {
  const reg = await getRegistration(input.registrationId);
  if (!reg) throw new AppError('NOT_FOUND', '没有找到这份报到');
  requireCommittee(ctx, reg.communityId);
  const patch = { state: 'rejected' as const, reason: input.reason, reviewedAt: ctx.now, overdue: false, updatedAt: ctx.now };
  // One conditional write: a registration reviewed since the read is not decided twice.
  if (reg.state !== 'pending' || !(await decidePending(reg._id, patch))) throw new AppError('FAILED_PRECONDITION', '这份报到已经审核过了');
  return toRegistration({ ...reg, ...patch }, ctx);
}
