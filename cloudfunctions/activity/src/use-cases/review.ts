import { z } from 'zod/mini';
import { activityContract } from '../../../../domain/contract/activity';
import { SignupStatus } from '../../../../domain/activities';
import { RequestContext } from '../../../../server/kit/router';
import { inTransaction } from '../../../../server/kit/transaction';
import { ActivityNotice, notifyActivity } from '../../../../server/notifications';
import { getActivity, getActivityInTransaction } from '../../../../server/repositories/activities';
import { activityWithSignups, holderOf, moveSeatsInTransaction } from '../../../../server/repositories/activity-seats';
import { getSignupInTransaction, setSignupInTransaction } from '../../../../server/repositories/signups';
import { seatsLeft } from '../views';
import { managedActivity } from './manage-activity';
import { promoteWaitlist } from './promote';

type Input = z.infer<typeof activityContract.review.input>;
type Outcome = { signupId: string; status: SignupStatus; message: string | null };

/**
 * The committee approves signups (oldest first, never past capacity: the rest stay pending with a
 * message) or rejects them with a reason. Each signup is decided in its own transaction. Rejecting a
 * pending signup gives its place in the queue to the next on the waitlist.
 */
export async function review(input: Input, ctx: RequestContext) {
  // The activity and the signups to decide, in one request.
  const found = await activityWithSignups(input.activityId, { _id: { $in: input.signupIds } }, input.signupIds.length);
  const activity = managedActivity(found?.activity, ctx);
  const targets = (found?.signups ?? []).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
  const results: Outcome[] = input.signupIds.filter((id) => !targets.some((t) => t._id === id)).map((id) => ({ signupId: id, status: 'cancelled', message: '没有找到这条报名' }));
  const notices: ActivityNotice[] = [];
  const about = { id: activity._id, title: activity.title, startAt: activity.startAt, placeText: activity.place.text };
  const queuesLeft = new Set<string | null>();
  for (const target of targets) {
    let leftQueue = false;
    const outcome = await inTransaction(async (tx): Promise<Outcome> => {
      leftQueue = false;
      const signup = await getSignupInTransaction(tx, target._id);
      if (!signup) return { signupId: target._id, status: 'cancelled', message: '没有找到这条报名' };
      if (signup.status !== 'pending' && signup.status !== 'waitlisted') return { signupId: signup._id, status: signup.status, message: '这条报名已经处理过了' };
      if (input.decision === 'reject') {
        await setSignupInTransaction(tx, signup._id, { status: 'rejected', reason: input.reason ?? null, decidedAt: ctx.now }, false);
        leftQueue = signup.status === 'pending';
        return { signupId: signup._id, status: 'rejected', message: null };
      }
      const current = await getActivityInTransaction(tx, activity._id);
      if (!current || current.status !== 'published') return { signupId: signup._id, status: signup.status, message: '活动已取消' };
      if (seatsLeft(current, signup.shiftId) < signup.seats) return { signupId: signup._id, status: signup.status, message: '名额已满，仍为待审核' };
      // A signup call of the same person holds seats for a moment (it is giving them back).
      if (holderOf(current, signup.shiftId, signup.openid)) return { signupId: signup._id, status: signup.status, message: '这条报名正在变动，请稍后再审核' };
      await setSignupInTransaction(tx, signup._id, { status: 'confirmed', decidedAt: ctx.now }, true);
      await moveSeatsInTransaction(tx, current, signup.shiftId, { hold: [signup] }, ctx.now);
      return { signupId: signup._id, status: 'confirmed', message: null };
    }, 20);
    results.push(outcome);
    if (leftQueue) queuesLeft.add(target.shiftId);
    if (outcome.message === null) {
      notices.push({ kind: outcome.status === 'confirmed' ? 'signupApproved' : 'signupRejected', openid: target.openid, activity: about, reason: input.reason });
    }
  }
  await notifyActivity(notices, ctx.now);
  for (const shiftId of queuesLeft) await promoteWaitlist(activity._id, shiftId, ctx.now);
  const after = (await getActivity(activity._id)) ?? activity;
  return { results, confirmed: after.confirmed, seatsLeft: seatsLeft(after) };
}
