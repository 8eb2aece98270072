import { TimerJob } from '../../../../server/kit/timers';
import { flagOverdueReviews } from '../../../../server/repositories/member-registrations';
import { reconcilePlaces } from './places';
import { generateShifts } from './publish';
import { finaliseStars } from './stars';

/** Registrations the committee has let pass 7 days are flagged (shown first, counted on the dashboard). */
export async function flagOverdue(now: Date): Promise<{ flagged: number }> {
  return { flagged: await flagOverdueReviews(now) };
}

/**
 * The jobs of the function's one timer trigger (config.json `jobs`, daily at 02:10 Shanghai), in this
 * order, each with its own error handling and budget: give back the places of claims whose call
 * died (first, so the shifts generated and the hall after it count right), flag overdue reviews,
 * generate the coming weeks' shifts, make posted stars final.
 */
export const MEMBER_JOBS: readonly TimerJob[] = [
  { name: 'reconcilePlaces', budgetMs: 4000, run: reconcilePlaces },
  { name: 'flagOverdue', budgetMs: 4000, run: flagOverdue },
  { name: 'generateShifts', budgetMs: 6000, run: generateShifts },
  { name: 'finaliseStars', budgetMs: 4000, run: finaliseStars },
];
