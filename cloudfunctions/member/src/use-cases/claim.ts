import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { AppError } from '../../../../domain/result';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { ClaimDoc, claimWithJoins, deadClaimKey, getClaim, insertClaim, liveClaimKey, liveClaimOf, moveClaim } from '../../../../server/repositories/member-claims';
import { giveBackHeldPlace, giveBackPlace, takePlace } from '../../../../server/repositories/member-places';
import { TaskDoc, getTask, taskWithLiveClaimOf } from '../../../../server/repositories/member-tasks';
import { rolesFrom, rolesLookup } from '../../../../server/repositories/users';
import { isPartyMember, requireOwnClaim } from '../access';
import { toClaim } from '../views';
import { releaseOrphanHolds } from './places';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/**
 * A member takes a place in 3 requests: the task with the member's live claim on it in one read,
 * ONE conditional update that takes the place only while the task is open, before its deadline and
 * start, with a place left (so 30 members at the last 3 places get exactly 3), then the claim
 * written under the unique live key task|member. The place's hold is left for the reconcilePlaces
 * job to settle: a call that dies before writing the claim leaves a hold with no claim, whose place
 * that job (or the next member turned away from the full task) gives back. If the member already
 * had a live claim (a double tap), the place goes back and the first claim is the answer. A retry
 * with the same idempotency key gets the first answer from the router's wrapper.
 */
export async function claim(input: In<'claim'>, ctx: RequestContext) {
  const read = await taskWithLiveClaimOf(input.taskId, ctx.openid);
  const task = read?.task;
  if (!task || task.state === 'vetting') throw new AppError('NOT_FOUND', '没有找到这个任务');
  if (!isPartyMember(ctx, task.communityId)) throw new AppError('PERMISSION_DENIED', '报到通过的在职党员才能认领任务');
  if (task.wisher?.openid === ctx.openid) throw new AppError('FAILED_PRECONDITION', '不能认领自己的心愿');
  if (read.live) return toClaim(read.live);
  const id = newId(ctx.now);
  await takeOrRefuse(task, id, ctx);
  const doc: ClaimDoc = {
    _id: id,
    taskId: task._id,
    communityId: task.communityId,
    kind: task.kind,
    title: task.title,
    openid: ctx.openid,
    state: 'claimed',
    liveKey: liveClaimKey(task._id, ctx.openid),
    startAt: task.startAt,
    endAt: task.endAt,
    checkinAt: null,
    checkoutAt: null,
    note: null,
    photo: null,
    hours: null,
    points: null,
    year: null,
    verifiedAt: null,
    reason: null,
    swapTo: null,
    swappedFrom: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  if (await insertClaim(doc)) return toClaim(doc);
  // Another call of mine wrote its claim first: this place goes back, that claim is the answer.
  await giveBackHeldPlace(task._id, id, ctx.now);
  const first = await liveClaimOf(task._id, ctx.openid);
  if (!first) throw new AppError('CONFLICT', '认领的人很多，请稍后再试');
  return toClaim(first);
}

/**
 * Takes a place held for the claim `id`, or says why not. A task that looks full may hold places
 * of calls that died before writing their claim: those go back first, and the take is tried again.
 */
async function takeOrRefuse(task: TaskDoc, id: string, ctx: RequestContext): Promise<void> {
  if (await takePlace(task._id, task.communityId, id, ctx.now)) return;
  const fresh = await getTask(task._id);
  if (!fresh || fresh.state !== 'open') throw new AppError('FAILED_PRECONDITION', '这个任务已经结束');
  if (fresh.claimBy && fresh.claimBy <= ctx.now) throw new AppError('FAILED_PRECONDITION', '认领已经截止');
  if (fresh.startAt && fresh.startAt <= ctx.now) throw new AppError('FAILED_PRECONDITION', '任务已经开始，不能再认领');
  if ((await releaseOrphanHolds(fresh, ctx.now)).released > 0 && (await takePlace(task._id, task.communityId, id, ctx.now))) return;
  throw new AppError('FAILED_PRECONDITION', '名额已满');
}

async function ownClaim(claimId: string, ctx: RequestContext): Promise<ClaimDoc> {
  const doc = await getClaim(claimId);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这条认领');
  requireOwnClaim(ctx, doc);
  return doc;
}

/** Cancel before the start: the place goes back once (only the call that moved the claim gives it back). */
export async function cancel(input: In<'cancel'>, ctx: RequestContext) {
  const doc = await ownClaim(input.claimId, ctx);
  if (doc.state === 'cancelled') return toClaim(doc);
  if (doc.state !== 'claimed') throw new AppError('FAILED_PRECONDITION', '已经签到或提交的任务不能取消');
  if (doc.startAt && doc.startAt <= ctx.now) throw new AppError('FAILED_PRECONDITION', '任务已经开始，不能取消');
  const patch = { state: 'cancelled' as const, liveKey: deadClaimKey(doc._id), swapTo: null, updatedAt: ctx.now };
  if (!(await moveClaim(doc._id, 'claimed', patch, { openid: ctx.openid }))) throw new AppError('FAILED_PRECONDITION', '认领状态已变化，请刷新后再试');
  await giveBackPlace(doc.taskId, ctx.now);
  return toClaim({ ...doc, ...patch });
}

/** Ask another approved member of the community to take my shift: the claim with the other's roles in one read, one conditional write. */
export async function askSwap(input: In<'askSwap'>, ctx: RequestContext) {
  const found = await claimWithJoins(input.claimId, { other: rolesLookup(input.toOpenid, 'other') });
  if (!found) throw new AppError('NOT_FOUND', '没有找到这条认领');
  const doc = found.claim;
  requireOwnClaim(ctx, doc);
  if (doc.kind !== 'shift') throw new AppError('FAILED_PRECONDITION', '只有值守班次可以换班');
  if (input.toOpenid === ctx.openid) throw new AppError('INVALID_ARGUMENT', '请选择另一位党员');
  const other = rolesFrom(found.joined.other);
  if (!other?.roles.some((r) => r.role === 'partyMember' && r.communityId === doc.communityId)) throw new AppError('NOT_FOUND', '对方不是本社区报到的党员');
  if (doc.startAt && doc.startAt <= ctx.now) throw new AppError('FAILED_PRECONDITION', '班次已经开始，不能换班');
  const patch = { swapTo: input.toOpenid, updatedAt: ctx.now };
  if (!(await moveClaim(doc._id, 'claimed', patch, { openid: ctx.openid }))) throw new AppError('FAILED_PRECONDITION', '已经签到的班次不能换班');
  return toClaim({ ...doc, ...patch });
}

/** The asked member takes the shift over: the claim becomes theirs in one update (refused if they already hold this shift). */
export async function acceptSwap(input: In<'acceptSwap'>, ctx: RequestContext) {
  const doc = await getClaim(input.claimId);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这条认领');
  if (doc.swapTo !== ctx.openid) throw new AppError('PERMISSION_DENIED', '这个班次没有请你换班');
  if (doc.startAt && doc.startAt <= ctx.now) throw new AppError('FAILED_PRECONDITION', '班次已经开始，不能换班');
  const patch = { openid: ctx.openid, liveKey: liveClaimKey(doc.taskId, ctx.openid), swapTo: null, swappedFrom: doc.openid, updatedAt: ctx.now };
  if (!(await moveClaim(doc._id, 'claimed', patch, { openid: doc.openid, swapTo: ctx.openid }))) throw new AppError('FAILED_PRECONDITION', '换班没有成功：你已有这个班次，或对方已取消');
  return toClaim({ ...doc, ...patch });
}
