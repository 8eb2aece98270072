import { Signup } from '../../../../domain/activities';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { inTransaction } from '../../../../server/kit/transaction';
import { notifyActivity } from '../../../../server/notifications';
import { getActivityInTransaction } from '../../../../server/repositories/activities';
import { holderOf, moveSeatsInTransaction } from '../../../../server/repositories/activity-seats';
import { SignupDoc, getSignup, getSignupInTransaction, setSignupInTransaction, waitlist } from '../../../../server/repositories/signups';
import { seatsLeft, toSignup } from '../views';
import { promoteWaitlist } from './promote';

/**
 * Cancels my own signup before the activity starts; a freed seat goes to the first on the waitlist. So
 * does a place in the committee's queue: a pending signup that leaves lets the next waitlisted be reviewed.
 *
 * With auto approval the freed seats pass to the waitlist inside the cancelling transaction, so a
 * newcomer signing up at that moment never finds them free and jumps the queue. The waitlist is read
 * just before (queries cannot run inside a transaction); each candidate is re-checked inside it.
 */
export async function cancelSignup(input: { signupId: string }, ctx: RequestContext): Promise<Signup> {
  const known = await getSignup(input.signupId);
  const queue = known && known.openid === ctx.openid && known.status === 'confirmed' ? await waitlist(known.activityId, known.shiftId, 20) : [];
  const result = await inTransaction(async (tx) => {
    const signup = await getSignupInTransaction(tx, input.signupId);
    if (!signup || signup.openid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到你的这条报名');
    if (signup.status === 'cancelled') return { signup, freed: false, leftQueue: false, handedTo: [] as SignupDoc[], stillFree: 0, about: null };
    if (signup.status === 'rejected') throw new AppError('FAILED_PRECONDITION', '这条报名未通过审核，不需要取消');
    const activity = await getActivityInTransaction(tx, signup.activityId);
    if (!activity) throw new AppError('NOT_FOUND', '没有找到这个活动');
    if (ctx.now >= activity.startAt) throw new AppError('FAILED_PRECONDITION', '活动已经开始，不能取消报名');
    const freed = signup.status === 'confirmed';
    await setSignupInTransaction(tx, signup._id, { status: 'cancelled', decidedAt: ctx.now }, false);
    const handedTo: SignupDoc[] = [];
    let stillFree = 0;
    if (freed) {
      stillFree = seatsLeft(activity, signup.shiftId) + signup.seats;
      for (const candidate of activity.approval === 'auto' && activity.status === 'published' ? queue : []) {
        if (stillFree <= 0) break;
        if (candidate.seats > stillFree) continue;
        const current = await getSignupInTransaction(tx, candidate._id);
        if (current?.status !== 'waitlisted') continue;
        // Their own signup call holds seats for a moment; it serves the waitlist after giving them back.
        if (holderOf(activity, signup.shiftId, candidate.openid)) break;
        await setSignupInTransaction(tx, candidate._id, { status: 'confirmed', decidedAt: ctx.now }, true);
        stillFree -= candidate.seats;
        handedTo.push(candidate);
      }
      await moveSeatsInTransaction(tx, activity, signup.shiftId, { release: signup, hold: handedTo }, ctx.now);
    }
    const about = { id: activity._id, title: activity.title, startAt: activity.startAt, placeText: activity.place.text };
    return { signup: { ...signup, status: 'cancelled' as const, decidedAt: ctx.now }, freed, leftQueue: signup.status === 'pending', handedTo, stillFree, about };
  });
  const about = result.about;
  if (about && result.handedTo.length > 0)
    await notifyActivity(
      result.handedTo.map((c) => ({ kind: 'promoted' as const, openid: c.openid, activity: about })),
      ctx.now,
    );
  // Seats still free (a party too big for them, committee review, someone who joined the waitlist meanwhile) go the usual way.
  if ((result.freed && result.stillFree > 0) || result.leftQueue) await promoteWaitlist(result.signup.activityId, result.signup.shiftId, ctx.now);
  return toSignup(result.signup);
}
