import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { CountsToCheck, clearCountsMoved, correctCounts, postsToRecount } from '../../../../server/repositories/posts';

const MINUTE = 60_000;
/** A counter that moved this long ago has no call left between its two writes (functions stop after 20 s). */
export const SETTLED_MS = 2 * MINUTE;
/** Posts recounted in one read; a run reads again while its budget lasts and the page came full. */
const PAGE = 100;
const MAX_PAGES = 5;

const countedRight = (p: CountsToCheck): boolean => p.likes === p.likeCount && p.reports === p.reportCount;

/**
 * Every 5 minutes: posts whose like or report counter moved (before its like or report was written)
 * at least two minutes ago are recounted from their likes and reports, oldest move first. A call that
 * died between its two writes, or whose write threw without saying whether it was stored, left a
 * counter off by one; the correction is conditional on the counters (and their stamp) not having
 * moved since they were read, so it never races a live like. Posts counted right lose their stamp
 * in one update; each one off costs one conditional update.
 */
export async function recountCounts(now: Date, budget: Budget = UNBOUNDED): Promise<{ checked: number; corrected: number }> {
  const settledAt = new Date(now.getTime() - SETTLED_MS);
  let checked = 0;
  let corrected = 0;
  for (let page = 0; page < MAX_PAGES && !budget.spent(); page++) {
    const due = await postsToRecount(settledAt, PAGE);
    checked += due.length;
    await clearCountsMoved(
      due.filter(countedRight).map((p) => p._id),
      settledAt,
    );
    for (const post of due.filter((p) => !countedRight(p))) {
      // Out of time: the rest stay due for the next run.
      if (budget.spent()) return { checked, corrected };
      if (await correctCounts(post)) corrected++;
    }
    if (due.length < PAGE) break;
  }
  return { checked, corrected };
}
