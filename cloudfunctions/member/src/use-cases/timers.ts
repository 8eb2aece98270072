import { logFailure } from '../../../../server/kit/log';
import { flagOverdueReviews } from '../../../../server/repositories/member-registrations';
import { generateShifts } from './publish';
import { finaliseStars } from './stars';

/** Registrations the committee has let pass 7 days are flagged (shown first, counted on the dashboard). */
export async function flagOverdue(now: Date): Promise<{ flagged: number }> {
  return { flagged: await flagOverdueReviews(now) };
}

/** The jobs of the function's one timer trigger (`memberClock`, daily at 02:10 Shanghai), in this order. */
export const MEMBER_JOBS = { flagOverdue, generateShifts, finaliseStars } as const;

/** The one timer trigger: every job in order, each with its own error handling, one's failure never stopping the next. */
export async function memberClock(now: Date): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, job] of Object.entries(MEMBER_JOBS)) {
    try {
      out[name] = await job(now);
    } catch (error) {
      logFailure('member', `timer:${name}`, error);
      out[name] = { failed: true };
    }
  }
  return out;
}
