import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { REVIEW_DAYS } from '../../../../domain/members/model';
import { Role } from '../../../../domain/people';
import { AppError } from '../../../../domain/result';
import { logFailure } from '../../../../server/kit/log';
import { RequestContext } from '../../../../server/kit/router';
import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { decodeCursor, encodeCursor } from '../../../../server/repositories/docs';
import {
  RegistrationDoc,
  approvedBetween,
  decidePending,
  getRegistration,
  registrationIdOf,
  registrationWithJoins,
  registrationsOf,
  submitRegistration,
} from '../../../../server/repositories/member-registrations';
import { teamFrom, teamLookup } from '../../../../server/repositories/member-teams';
import { grantRole, rolesFrom, rolesLookup } from '../../../../server/repositories/users';
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

/**
 * Approve in 3 requests, no transaction: the registration with its team and the person's roles in
 * one read, the registration approved by one write only while still pending (of two reviews at once
 * one decides), marked as owing the role (`roleDue`), then the partyMember role added to the person.
 * A call that dies between the two leaves an approved member without the role, who can do nothing a
 * member does yet: the committee's approving again (same team) or the `grantApproved` job adds it
 * while it is still owed: revoking the role (user's revokeRole) clears the mark, and no role is added
 * to an account whose deletion was asked for.
 */
export async function approve(input: In<'approve'>, ctx: RequestContext) {
  const found = await registrationWithJoins(input.registrationId, { team: teamLookup(input.teamId, 'team'), person: rolesLookup(null, 'person') });
  if (!found) throw new AppError('NOT_FOUND', '没有找到这份报到');
  const { reg } = found;
  requireCommittee(ctx, reg.communityId);
  const person = rolesFrom(found.joined.person);
  if (reg.state === 'approved' && reg.teamId === input.teamId) {
    if (person && roleDue(reg, person)) await grantRole(reg.openid, partyMemberOf(reg), ctx.now);
    return toRegistration(reg, ctx);
  }
  if (reg.state !== 'pending') throw new AppError('FAILED_PRECONDITION', '这份报到已经审核过了');
  const team = teamFrom(found.joined.team);
  if (!team || team.communityId !== reg.communityId) throw new AppError('NOT_FOUND', '没有找到这个服务队');
  if (!person) throw new AppError('NOT_FOUND', '没有找到这位居民');
  const patch = { state: 'approved' as const, teamId: team._id, teamName: team.name, reviewedAt: ctx.now, overdue: false, roleDue: true, updatedAt: ctx.now };
  if (!(await decidePending(reg._id, patch))) throw new AppError('FAILED_PRECONDITION', '这份报到已经审核过了');
  if (!hasRole(person.roles, reg)) await grantRole(reg.openid, partyMemberOf(reg), ctx.now);
  return toRegistration({ ...reg, ...patch }, ctx);
}

const partyMemberOf = (reg: RegistrationDoc) => ({ role: 'partyMember' as const, communityId: reg.communityId });
const hasRole = (roles: Role[], reg: RegistrationDoc) => roles.some((r) => r.role === 'partyMember' && r.communityId === reg.communityId);
/**
 * The approval's role is owed and the person lacks it. A registration approved before `roleDue` was
 * kept owes it only while the person's document is older than the approval (nothing revoked it since).
 */
const roleDue = (reg: RegistrationDoc, person: { roles: Role[]; updatedAt: Date }) => !hasRole(person.roles, reg) && reg.reviewedAt !== null && (reg.roleDue ?? person.updatedAt < reg.reviewedAt);

/** The job runs daily: approvals this far back are looked at; a younger one than ROLE_DUE_MS may still have its call running. */
const LOOK_BACK_MS = 3 * 86_400_000;
const ROLE_DUE_MS = 5 * 60_000;
const PAGE = 100;

/** Timer job `grantApproved`: members approved by a call that died before adding their role get it while it is owed (see approve). */
export async function grantApproved(now: Date, budget: Budget = UNBOUNDED): Promise<{ approved: number; granted: number }> {
  const total = { approved: 0, granted: 0 };
  const from = new Date(now.getTime() - LOOK_BACK_MS);
  const to = new Date(now.getTime() - ROLE_DUE_MS);
  for (let after: string | null = null; !budget.spent();) {
    const page = await approvedBetween(from, to, after, PAGE, rolesLookup(null, 'person'));
    total.approved += page.length;
    for (const { reg, person: raw } of page) {
      const person = rolesFrom(raw);
      if (budget.spent() || !person || !roleDue(reg, person)) continue;
      try {
        if (await grantRole(reg.openid, partyMemberOf(reg), now)) total.granted++;
      } catch (error) {
        logFailure('member', 'timer:grantApproved', error);
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].reg._id;
  }
  return total;
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
