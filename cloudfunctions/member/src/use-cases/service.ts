import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { AppError } from '../../../../domain/result';
import { TOKEN_REFRESH_SECONDS, mintCheckinToken, verifyCheckinToken } from '../../../../server/checkin-token';
import { RequestContext } from '../../../../server/kit/router';
import { ClaimDoc, getClaim, moveClaim } from '../../../../server/repositories/member-claims';
import { getTask } from '../../../../server/repositories/member-tasks';
import { requireCommittee, requireOwnClaim } from '../access';
import { toClaim } from '../views';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/** Check-in opens this long before the start, as for activities. */
const EARLY_MS = 3600_000;

/**
 * The committee's live QR for a task on site: the activities' 30-second token, bound to this task
 * occurrence (its id takes the activity's place in the token), so a code of another shift, or one
 * photographed a minute ago, checks no one in.
 */
export async function checkinCode(input: In<'checkinCode'>, ctx: RequestContext) {
  const task = await getTask(input.taskId);
  if (!task) throw new AppError('NOT_FOUND', '没有找到这个任务');
  requireCommittee(ctx, task.communityId);
  if (!task.startAt || !task.endAt) throw new AppError('FAILED_PRECONDITION', '这个任务不需要现场签到');
  const { token, expiresAt } = mintCheckinToken({ activityId: task._id, shift: 0, issuedAt: ctx.now });
  return { token, expiresAt: expiresAt.toISOString(), refreshInSeconds: TOKEN_REFRESH_SECONDS };
}

async function scanned(claimId: string, token: string, ctx: RequestContext): Promise<ClaimDoc> {
  const doc = await getClaim(claimId);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这条认领');
  requireOwnClaim(ctx, doc);
  const check = verifyCheckinToken(token, doc.taskId, ctx.now);
  if (!check.ok) throw new AppError('FAILED_PRECONDITION', check.problem === 'expired' ? '签到码已过期，请重新扫码' : '这不是本任务的签到码');
  return doc;
}

export async function checkin(input: In<'checkin'>, ctx: RequestContext) {
  const doc = await scanned(input.claimId, input.token, ctx);
  if (doc.state !== 'claimed') {
    if (doc.checkinAt) return toClaim(doc);
    throw new AppError('FAILED_PRECONDITION', '这条认领不能再签到');
  }
  if (!doc.startAt || !doc.endAt) throw new AppError('FAILED_PRECONDITION', '这个任务不需要现场签到');
  if (ctx.now.getTime() < doc.startAt.getTime() - EARLY_MS) throw new AppError('FAILED_PRECONDITION', '还没到签到时间，开始前 1 小时内可以签到');
  if (ctx.now >= doc.endAt) throw new AppError('FAILED_PRECONDITION', '班次已经结束，不能再签到');
  const patch = { state: 'checkedIn' as const, checkinAt: ctx.now, swapTo: null, updatedAt: ctx.now };
  if (await moveClaim(doc._id, 'claimed', patch, { openid: ctx.openid })) return toClaim({ ...doc, ...patch });
  const first = await getClaim(doc._id);
  if (!first?.checkinAt) throw new AppError('FAILED_PRECONDITION', '认领状态已变化，请刷新后再试');
  return toClaim(first);
}

/** Leaving: the stay goes to the committee to verify (hours are credited only then). */
export async function checkout(input: In<'checkout'>, ctx: RequestContext) {
  const doc = await scanned(input.claimId, input.token, ctx);
  if (doc.checkoutAt) return toClaim(doc);
  if (doc.state !== 'checkedIn') throw new AppError('FAILED_PRECONDITION', '请先签到');
  const patch = { state: 'submitted' as const, checkoutAt: ctx.now, updatedAt: ctx.now };
  if (await moveClaim(doc._id, 'checkedIn', patch, { openid: ctx.openid })) return toClaim({ ...doc, ...patch });
  const first = await getClaim(doc._id);
  if (!first?.checkoutAt) throw new AppError('FAILED_PRECONDITION', '认领状态已变化，请刷新后再试');
  return toClaim(first);
}

/** Work off site (a wish, a task without a place and time): a note and a photo for the verifier. */
export async function submitProof(input: In<'submitProof'>, ctx: RequestContext) {
  const doc = await getClaim(input.claimId);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这条认领');
  requireOwnClaim(ctx, doc);
  if (doc.kind === 'shift') throw new AppError('FAILED_PRECONDITION', '值守班次请现场扫码签到签退');
  if (doc.state !== 'claimed') throw new AppError('FAILED_PRECONDITION', '这条认领已经提交过了');
  const patch = { state: 'submitted' as const, note: input.note, photo: input.photo, updatedAt: ctx.now };
  if (!(await moveClaim(doc._id, 'claimed', patch, { openid: ctx.openid }))) throw new AppError('FAILED_PRECONDITION', '认领状态已变化，请刷新后再试');
  return toClaim({ ...doc, ...patch });
}
