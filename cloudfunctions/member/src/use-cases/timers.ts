import { onFirstCall } from '../../../../server/kit/on-first-call';
import { TimerJob } from '../../../../server/kit/timers';

// Loaded when the timer first runs them, not at every cold start.
const registrations = onFirstCall(() => import('../../../../server/repositories/member-registrations'));
const places = onFirstCall(() => import('./places'));
const publish = onFirstCall(() => import('./publish'));
const register = onFirstCall(() => import('./register'));
const stars = onFirstCall(() => import('./stars'));
const verify = onFirstCall(() => import('./verify'));

/** Registrations the committee has let pass 7 days are flagged (shown first, counted on the dashboard). */
export async function flagOverdue(now: Date): Promise<{ flagged: number }> {
  return { flagged: await registrations.flagOverdueReviews(now) };
}

/**
 * The jobs of the function's one timer trigger (config.json `jobs`, daily at 02:10 Shanghai), in this
 * order, each with its own error handling and budget: give back the places of claims whose call
 * died, and those a cancellation or rejection that died did not give back (first, so the shifts
 * generated and the hall after it count right), write the ledger entries (and wishes' fulfilment) of
 * claims verified by a call that died before writing them, and the role of members approved by one that died before
 * adding it while still owed, flag overdue reviews, generate the coming weeks' shifts, make posted stars final. The
 * budgets add up to the run's 18 s: the repair passes have little to do on most days, flagOverdue is
 * one write.
 */
export const MEMBER_JOBS: readonly TimerJob[] = [
  { name: 'reconcilePlaces', budgetMs: 3000, run: places.reconcilePlaces },
  { name: 'recountPlaces', budgetMs: 1000, run: places.recountPlaces },
  { name: 'creditVerified', budgetMs: 1000, run: verify.creditVerified },
  { name: 'grantApproved', budgetMs: 1000, run: register.grantApproved },
  { name: 'flagOverdue', budgetMs: 2000, run: flagOverdue },
  { name: 'generateShifts', budgetMs: 6000, run: publish.generateShifts },
  { name: 'finaliseStars', budgetMs: 4000, run: stars.finaliseStars },
];
