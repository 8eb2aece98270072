import { Signup } from '../../../../domain/activities';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { inTransaction } from '../../../../server/kit/transaction';
import { addConfirmedInTransaction, getActivityInTransaction } from '../../../../server/repositories/activities';
import { getSignupInTransaction, setSignupInTransaction } from '../../../../server/repositories/signups';
import { toSignup } from '../views';
import { promoteWaitlist } from './promote';

/** Cancels my own signup before the activity starts; a freed seat goes to the first on the waitlist. */
export async function cancelSignup(input: { signupId: string }, ctx: RequestContext): Promise<Signup> {
  const result = await inTransaction(async (tx) => {
    const signup = await getSignupInTransaction(tx, input.signupId);
    if (!signup || signup.openid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到你的这条报名');
    if (signup.status === 'cancelled') return { signup, freed: false };
    if (signup.status === 'rejected') throw new AppError('FAILED_PRECONDITION', '这条报名未通过审核，不需要取消');
    const activity = await getActivityInTransaction(tx, signup.activityId);
    if (!activity) throw new AppError('NOT_FOUND', '没有找到这个活动');
    if (ctx.now >= activity.startAt) throw new AppError('FAILED_PRECONDITION', '活动已经开始，不能取消报名');
    const freed = signup.status === 'confirmed';
    await setSignupInTransaction(tx, signup._id, { status: 'cancelled', decidedAt: ctx.now }, false);
    if (freed) await addConfirmedInTransaction(tx, activity, signup.shiftId, -signup.seats, ctx.now);
    return { signup: { ...signup, status: 'cancelled' as const, decidedAt: ctx.now }, freed };
  });
  if (result.freed) await promoteWaitlist(result.signup.activityId, result.signup.shiftId, ctx.now);
  return toSignup(result.signup);
}
