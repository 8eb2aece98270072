import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { logFailure } from '../../../../server/kit/log';
import { ActivityDoc, ORPHAN_HOLDER_MS, activitiesChangedSince, activitiesWithHolders } from '../../../../server/repositories/activities';
import { giveBackSeats } from '../../../../server/repositories/activity-seats';
import { activitiesOfSignupsEndedSince, getSignups } from '../../../../server/repositories/signups';
import { seatsLeft } from '../views';
import { promoteWaitlist } from './promote';

/** Activities whose seats changed this recently are looked at (the timer fires every 5 minutes). */
const LOOK_BACK_MS = 30 * 60_000;
const MAX_ACTIVITIES = 100;

/**
 * Timer `reconcileSeats` (every 5 minutes, config.json). A signup takes its seats and then writes
 * its signup; a call that dies between the two leaves a holder entry naming a signup that does not
 * exist (a cancellation that dies after ending its signup, one naming a cancelled signup; one that
 * dies after handing seats on, one naming a signup still waitlisted; a review that dies after taking
 * seats, one naming a signup still pending). For every activity whose seats
 * changed, or a signup of which was cancelled, in the last half hour this gives back the seats of
 * holders older than ORPHAN_HOLDER_MS whose signup is not confirmed (nor ended less than that ago),
 * then serves the waitlist of every counter with seats free: those just given back, and any a waitlisted signup missed because it was
 * written just as a seat came free. Safe to run twice at once: each give-back is conditional on the
 * holder entry still naming the same signup, and promotion runs in transactions.
 */
export async function reconcileSeats(now: Date, budget: Budget = UNBOUNDED): Promise<{ activities: number; released: number; promoted: number }> {
  let released = 0;
  let promoted = 0;
  const since = new Date(now.getTime() - LOOK_BACK_MS);
  const changed = await activitiesChangedSince(since, MAX_ACTIVITIES);
  // A cancellation that died after ending its signup left its seats held on an activity it did not touch.
  const seen = new Set(changed.map((a) => a._id));
  const ended = (await activitiesOfSignupsEndedSince(since, MAX_ACTIVITIES)).filter((id) => !seen.has(id));
  const activities = [...changed, ...(await activitiesWithHolders(ended)).filter((a) => a.status === 'published')];
  for (const activity of activities) {
    if (budget.spent()) break;
    try {
      const freed = await releaseOrphans(activity, now);
      released += freed;
      if (activity.startAt <= now) continue;
      // With committee approval seats are only taken by the committee, and pending signups wait for it.
      if (activity.approval !== 'auto' && freed === 0) continue;
      for (const shiftId of [null, ...activity.shifts.map((s) => s.id)]) {
        // Seats free as read, or just given back (a counter that looked full may have room now).
        if (seatsLeft(activity, shiftId) > 0 || freed > 0) promoted += await promoteWaitlist(activity._id, shiftId, now);
      }
    } catch (error) {
      logFailure('activity', 'timer:reconcileSeats', error);
    }
  }
  return { activities: activities.length, released, promoted };
}

async function releaseOrphans(activity: ActivityDoc, now: Date): Promise<number> {
  const old = Object.entries(activity.holders ?? {}).filter(([, h]) => now.getTime() - h.at.getTime() >= ORPHAN_HOLDER_MS);
  if (old.length === 0) return 0;
  const keep = new Set<string>();
  for (let i = 0; i < old.length; i += 100) {
    for (const s of await getSignups(old.slice(i, i + 100).map(([, h]) => h.id))) {
      // A signup ended under a minute ago: the call that ended it may still be passing its seats on.
      const settling = s.decidedAt !== null && s.status !== 'confirmed' && now.getTime() - s.decidedAt.getTime() < ORPHAN_HOLDER_MS;
      if ((s.status === 'confirmed' || settling) && s.activityId === activity._id) keep.add(s._id);
    }
  }
  let released = 0;
  for (const [key, holder] of old) {
    if (!keep.has(holder.id) && (await giveBackSeats(activity._id, key, holder, now))) released++;
  }
  return released;
}
