import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { getActivities } from '../../../../server/repositories/activities';
import { dueCheckouts } from '../../../../server/repositories/signups';
import { creditStay, windowOf } from './attendance';

const BATCH = 100;
/** A run stops after this many batches; the timer comes back in 5 minutes for the rest. */
const MAX_BATCHES = 5;

/**
 * The scheduler (every 5 minutes, config.json): a volunteer who checked in and forgot to check out
 * is checked out at the end of their shift (or activity), with the hours that earns. Each stay is
 * credited once however often this runs, at once with a late scan included (see creditStay).
 */
export async function closeCheckins(now: Date, budget: Budget = UNBOUNDED): Promise<{ closed: number }> {
  let closed = 0;
  for (let batch = 0; batch < MAX_BATCHES && !budget.spent(); batch++) {
    const due = await dueCheckouts(now, BATCH);
    const activities = new Map((await getActivities(due.map((s) => s.activityId))).map((a) => [a._id, a]));
    let progressed = 0;
    for (const signup of due) {
      const activity = activities.get(signup.activityId);
      if (!activity || !signup.checkinAt) continue;
      await creditStay(activity, { ...signup, checkinAt: signup.checkinAt }, windowOf(activity, signup.shiftId).endAt);
      progressed++;
    }
    closed += progressed;
    // A short batch was the last; one where nothing could be closed would only repeat itself.
    if (due.length < BATCH || progressed === 0) break;
  }
  return { closed };
}
