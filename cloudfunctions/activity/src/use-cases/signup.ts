import { z } from 'zod/mini';
import { Signup } from '../../../../domain/activities';
import { answersProblem, audienceIncludes } from '../../../../domain/activity-rules';
import { activityContract } from '../../../../domain/contract/activity';
import { AppError } from '../../../../domain/result';
import { isDuplicateWrite } from '../../../../server/kit/errors';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { inTransaction } from '../../../../server/kit/transaction';
import { ActivityDoc, addConfirmedInTransaction, getActivityInTransaction } from '../../../../server/repositories/activities';
import { SignupDoc, insertSignupInTransaction, liveKeyOf, liveSignup, waitlistAhead } from '../../../../server/repositories/signups';
import { seatsLeft, toSignup } from '../views';

type Input = z.infer<typeof activityContract.signup.input>;

/**
 * Signs the caller up: confirmed when seats remain (auto approval), pending for the committee, or
 * waitlisted when full. The seat count and the signup change in one transaction; the unique live key
 * makes a retried or doubled call return the first call's signup instead of a second one.
 */
export async function signup(input: Input, ctx: RequestContext): Promise<Signup> {
  const shiftId = input.shiftId ?? null;
  const key = liveKeyOf(input.activityId, shiftId, ctx.openid);
  try {
    const created = await inTransaction(async (tx) => {
      const activity = await getActivityInTransaction(tx, input.activityId);
      if (!activity) throw new AppError('NOT_FOUND', '没有找到这个活动');
      checkMayJoin(activity, shiftId, input, ctx);
      const seats = 1 + (input.answers.companions ?? 0);
      const fits = seatsLeft(activity, shiftId) >= seats;
      const status = !fits ? 'waitlisted' : activity.approval === 'auto' ? 'confirmed' : 'pending';
      const doc: SignupDoc = {
        _id: newId(ctx.now),
        activityId: activity._id,
        shiftId,
        communityId: activity.communityId,
        openid: ctx.openid,
        status,
        liveKey: key,
        answers: { phone: input.answers.phone ?? null, companions: input.answers.companions ?? 0, note: input.answers.note ?? null },
        seats,
        reason: null,
        createdAt: ctx.now,
        decidedAt: status === 'confirmed' ? ctx.now : null,
        checkinAt: null,
        checkoutAt: null,
        hours: null,
      };
      if (status === 'confirmed') await addConfirmedInTransaction(tx, activity, shiftId, seats, ctx.now);
      await insertSignupInTransaction(tx, doc);
      return doc;
    }, 40);
    return toSignup(created, created.status === 'waitlisted' ? (await waitlistAhead(created)) + 1 : null);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    // Already signed up (a retry, a double tap, or a second signup): the live one is the answer.
    const existing = await liveSignup(key);
    if (!existing) throw error;
    return toSignup(existing, existing.status === 'waitlisted' ? (await waitlistAhead(existing)) + 1 : null);
  }
}

function checkMayJoin(activity: ActivityDoc, shiftId: string | null, input: Input, ctx: RequestContext): void {
  if (activity.status !== 'published') throw new AppError('FAILED_PRECONDITION', '活动已取消');
  if (ctx.now < activity.signupOpensAt) throw new AppError('FAILED_PRECONDITION', '报名还没有开始');
  if (ctx.now >= activity.startAt) throw new AppError('FAILED_PRECONDITION', '活动已经开始，不能再报名');
  if (ctx.now > activity.signupClosesAt) throw new AppError('FAILED_PRECONDITION', '报名已经截止');
  if (shiftId && !activity.shifts.some((s) => s.id === shiftId)) throw new AppError('NOT_FOUND', '没有找到这个岗位');
  if (!audienceIncludes(activity.audience, activity.communityId, ctx.user)) {
    if (!ctx.user.buildingId) throw new AppError('PERMISSION_DENIED', '请先绑定楼组，再报名本社区活动');
    throw new AppError('PERMISSION_DENIED', ctx.user.communityId === activity.communityId ? '这个活动只面向部分楼组或网格的居民' : '这个活动只面向本居民区的居民');
  }
  const problem = answersProblem(activity.form, input.answers);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem);
}
