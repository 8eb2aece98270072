import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { cappedHours, pointsFor, shanghaiDate, stayHours } from '../../../../domain/members/rules';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { inTransaction } from '../../../../server/kit/transaction';
import { creditOnce } from '../../../../server/repositories/hours-ledger';
import { ClaimDoc, deadClaimKey, getClaim, getClaimInTransaction, moveClaim, updateClaimInTransaction } from '../../../../server/repositories/member-claims';
import { creditedOnDay, setCreditedOnDay } from '../../../../server/repositories/member-days';
import { pointsSettingsOf } from '../../../../server/repositories/member-settings';
import { giveBackPlace } from '../../../../server/repositories/member-places';
import { TaskDoc, changeTask, getTask } from '../../../../server/repositories/member-tasks';
import { toClaim } from '../views';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/** The committee verifies; a wish's own resident (or whoever posted it for them) confirms it was fulfilled. */
async function verifiable(claimId: string, ctx: RequestContext): Promise<{ claim: ClaimDoc; task: TaskDoc }> {
  const claim = await getClaim(claimId);
  const task = claim ? await getTask(claim.taskId) : null;
  if (!claim || !task) throw new AppError('NOT_FOUND', '没有找到这条服务记录');
  const wisher = task.kind === 'wish' && (task.wisher?.openid === ctx.openid || task.wisher?.postedBy === ctx.openid);
  if (!wisher && !canManageCommunity(ctx.user.roles, task.communityId)) throw new AppError('PERMISSION_DENIED', '只有居委会或提出心愿的居民可以核实');
  if (claim.openid === ctx.openid) throw new AppError('PERMISSION_DENIED', '不能核实自己的服务');
  return { claim, task };
}

/**
 * Verifies a service and credits its hours once. The claim moves to verified and the member's day
 * total grows in ONE transaction (so two verifications at once, of this claim or of two claims on
 * the same day, cannot both pass the 8 h cap); the ledger entry follows, unique per claim, so a
 * repeated or concurrent verify (or one whose call died after the transaction) credits it once.
 */
export async function verify(input: In<'verify'>, ctx: RequestContext) {
  const { claim, task } = await verifiable(input.claimId, ctx);
  if (claim.state !== 'verified' && claim.state !== 'submitted') throw new AppError('FAILED_PRECONDITION', '这条服务还没有提交，或已被退回');
  const settings = await pointsSettingsOf(task.communityId);
  const worked = claim.checkoutAt ?? ctx.now;
  const date = shanghaiDate(worked);
  const done = await inTransaction(async (tx) => {
    const fresh = await getClaimInTransaction(tx, claim._id);
    if (!fresh) throw new AppError('NOT_FOUND', '没有找到这条服务记录');
    if (fresh.state === 'verified') return fresh;
    if (fresh.state !== 'submitted') throw new AppError('FAILED_PRECONDITION', '这条服务已被退回');
    const raw = fresh.checkinAt && fresh.checkoutAt ? stayHours(fresh.checkinAt, fresh.checkoutAt, fresh) : (task.hours ?? 0);
    const already = await creditedOnDay(tx, fresh.openid, date);
    const hours = cappedHours(raw, already);
    const patch = { state: 'verified' as const, hours, points: pointsFor(fresh.kind, hours, settings), year: Number(date.slice(0, 4)), verifiedAt: ctx.now, updatedAt: ctx.now };
    await setCreditedOnDay(tx, fresh.openid, date, already + hours);
    await updateClaimInTransaction(tx, fresh._id, patch);
    return { ...fresh, ...patch };
  });
  await creditOnce({
    _id: `member-${done._id}`,
    signupId: `member-${done._id}`,
    activityId: done.taskId,
    shiftId: null,
    communityId: done.communityId,
    openid: done.openid,
    hours: done.hours ?? 0,
    points: done.points ?? 0,
    month: date.slice(0, 7),
    year: Number(date.slice(0, 4)),
    at: worked,
  });
  if (task.kind === 'wish' && task.state === 'open') await changeTask(task._id, 'open', { state: 'fulfilled', updatedAt: ctx.now });
  return toClaim(done);
}

/** Proof turned down with a reason: nothing is credited, the place is free again. */
export async function rejectProof(input: In<'rejectProof'>, ctx: RequestContext) {
  const { claim } = await verifiable(input.claimId, ctx);
  if (claim.state === 'rejected') return toClaim(claim);
  if (claim.state !== 'submitted') throw new AppError('FAILED_PRECONDITION', '只能退回待核实的服务');
  const patch = { state: 'rejected' as const, reason: input.reason, liveKey: deadClaimKey(claim._id), updatedAt: ctx.now };
  if (!(await moveClaim(claim._id, 'submitted', patch))) throw new AppError('FAILED_PRECONDITION', '这条服务已经核实过了');
  await giveBackPlace(claim.taskId, ctx.now);
  return toClaim({ ...claim, ...patch });
}
