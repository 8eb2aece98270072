import { inTransaction } from '../../../../server/kit/transaction';
import { notifyActivity } from '../../../../server/notifications';
import { getActivityInTransaction } from '../../../../server/repositories/activities';
import { holderOf, moveSeatsInTransaction } from '../../../../server/repositories/activity-seats';
import { SignupDoc, getSignupInTransaction, setSignupInTransaction, waitlist } from '../../../../server/repositories/signups';
import { seatsLeft } from '../views';

/**
 * Fills freed seats from the waitlist, first come first served: the earliest waitlisted signup whose
 * party fits takes the seats (auto approval) or goes to the committee for review (committee approval).
 * Each promotion is its own transaction, so concurrent cancellations never over-fill. Someone who
 * joined the waitlist after the caller read it waits for the next promotion or the `reconcileSeats` timer.
 */
export async function promoteWaitlist(activityId: string, shiftId: string | null, now: Date, waiting?: SignupDoc[]): Promise<number> {
  let promoted = 0;
  let reviewBudget: number | null = null;
  // The waitlist as the caller read it, in order, or as it is now.
  for (const candidate of waiting ?? (await waitlist(activityId, shiftId, 50))) {
    const outcome = await inTransaction(async (tx) => {
      const activity = await getActivityInTransaction(tx, activityId);
      if (!activity || activity.status !== 'published' || activity.startAt <= now) return 'stop' as const;
      const free = seatsLeft(activity, shiftId);
      // In committee mode a promotion does not take seats yet; promote only as many as are free.
      if (reviewBudget === null) reviewBudget = free;
      const budget = activity.approval === 'auto' ? free : reviewBudget;
      if (budget <= 0) return 'stop' as const;
      if (candidate.seats > budget) return 'skip' as const;
      const current = await getSignupInTransaction(tx, candidate._id);
      if (current?.status !== 'waitlisted') return 'skip' as const;
      if (activity.approval === 'auto') {
        // This person's own signup call is taking seats at this moment: it gives them back and serves
        // the waitlist itself once it finds their waitlisted signup, so stop here rather than pass them over.
        if (holderOf(activity, shiftId, candidate.openid)) return 'stop' as const;
        await setSignupInTransaction(tx, candidate._id, { status: 'confirmed', decidedAt: now }, true);
        await moveSeatsInTransaction(tx, activity, shiftId, { hold: [candidate] }, now);
      } else {
        await setSignupInTransaction(tx, candidate._id, { status: 'pending' }, true);
      }
      return { activity, approval: activity.approval };
    });
    if (outcome === 'stop') break;
    if (outcome === 'skip') continue;
    promoted++;
    if (outcome.approval === 'committee') reviewBudget = (reviewBudget ?? 0) - candidate.seats;
    else {
      const a = outcome.activity;
      await notifyActivity([{ kind: 'promoted', openid: candidate.openid, activity: { id: a._id, title: a.title, startAt: a.startAt, placeText: a.place.text } }], now);
    }
  }
  return promoted;
}
