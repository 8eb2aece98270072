import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { logFailure } from '../../../../server/kit/log';
import { claimStatesFrom, claimStatesLookup, claimsByIds, tasksOfClaimsEndedSince } from '../../../../server/repositories/member-claims';
import { ORPHAN_HOLD_MS, giveBackHeldPlace, setPlacesLeft, settleHold, settleHolds, taskWith, tasksHolding } from '../../../../server/repositories/member-places';
import { TaskDoc } from '../../../../server/repositories/member-tasks';

const PAGE = 50;

/**
 * A task's holds old enough that no call can still be behind them (ORPHAN_HOLD_MS): a hold whose
 * claim was written is settled (the place stays taken; a claim's call leaves its hold for this); a hold
 * with no claim gives its place back. Each is conditional on the hold still being there, so two runs
 * at once (or a run and a member turned away from the full task) free a place once, and holds of
 * calls still running are never touched: a concurrent claim cannot lose its place to this.
 */
export async function releaseOrphanHolds(task: TaskDoc, now: Date): Promise<{ released: number; settled: number }> {
  const old = Object.values(task.holds ?? {}).filter((h) => now.getTime() - h.at.getTime() >= ORPHAN_HOLD_MS);
  let released = 0;
  let settled = 0;
  if (old.length === 0) return { released, settled };
  const written = new Set((await claimsByIds(old.map((h) => h.id))).filter((c) => c.taskId === task._id).map((c) => c._id));
  const toSettle = old.filter((h) => written.has(h.id)).map((h) => h.id);
  // Every claim's hold is left to be settled here: all of a task's in one update, one by one only after a race.
  if (toSettle.length > 1 && (await settleHolds(task._id, toSettle, now))) settled = toSettle.length;
  else for (const id of toSettle) if (await settleHold(task._id, id, now)) settled++;
  for (const hold of old) if (!written.has(hold.id) && (await giveBackHeldPlace(task._id, hold.id, now))) released++;
  return { released, settled };
}

/**
 * Timer job `reconcilePlaces`: a member's claim takes the place and then writes the claim; a call
 * that dies between the two would lose the place for good. Every task still holding places is
 * looked at: the holds of written claims settled, the places of dead calls given back (see releaseOrphanHolds).
 */
export async function reconcilePlaces(now: Date, budget: Budget = UNBOUNDED): Promise<{ tasks: number; released: number; settled: number }> {
  const total = { tasks: 0, released: 0, settled: 0 };
  for (let after: string | null = null; !budget.spent();) {
    const page = await tasksHolding(after, PAGE);
    for (const task of page) {
      if (budget.spent()) break;
      total.tasks++;
      try {
        const { released, settled } = await releaseOrphanHolds(task, now);
        total.released += released;
        total.settled += settled;
      } catch (error) {
        logFailure('member', 'timer:reconcilePlaces', error);
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]._id;
  }
  return total;
}

/** The job runs daily: claims ended this far back are looked at, so a missed run is covered. */
const ENDED_LOOK_BACK_MS = 3 * 86_400_000;
const ENDED_AT_MOST = 1000;
/** The states in which a claim holds its place. */
const HOLDING = new Set(['claimed', 'checkedIn', 'submitted', 'verified']);

/**
 * Timer job `recountPlaces`: a cancellation or a rejected proof moves its claim and then gives the
 * place back; a call that dies between the two would keep the place taken for good. Each task with a
 * claim ended in the last 3 days, still open, is recounted, those with the latest ending first (within
 * the budget, a task is recounted the night after its claim ended; older ones had their nights): its places less its claims holding one and its holds
 * with no claim. Only a count that is short is raised, only when no call can still be between its
 * writes on the task (no claim ended, no hold taken, under ORPHAN_HOLD_MS ago), and only while the
 * task is as read (a place taken or given back meanwhile refuses it: the next run decides again).
 */
export async function recountPlaces(now: Date, budget: Budget = UNBOUNDED): Promise<{ tasks: number; recounted: number }> {
  const total = { tasks: 0, recounted: 0 };
  const recent = (at: Date) => now.getTime() - at.getTime() < ORPHAN_HOLD_MS;
  for (const taskId of await tasksOfClaimsEndedSince(new Date(now.getTime() - ENDED_LOOK_BACK_MS), ENDED_AT_MOST)) {
    if (budget.spent()) break;
    total.tasks++;
    try {
      const found = await taskWith(taskId, claimStatesLookup(taskId, 'claims'));
      // Only an open task's places can be taken.
      if (found?.task.state !== 'open') continue;
      const { task } = found;
      const claims = claimStatesFrom(found.found);
      const holds = Object.values(task.holds ?? {});
      if (claims.some((c) => !HOLDING.has(c.state) && recent(c.updatedAt)) || holds.some((h) => recent(h.at))) continue;
      const written = new Set(claims.map((c) => c._id));
      const taken = claims.filter((c) => HOLDING.has(c.state)).length + holds.filter((h) => !written.has(h.id)).length;
      if (task.placesLeft < task.places - taken && (await setPlacesLeft(task, task.places - taken, now))) total.recounted++;
    } catch (error) {
      logFailure('member', 'timer:recountPlaces', error);
    }
  }
  return total;
}
