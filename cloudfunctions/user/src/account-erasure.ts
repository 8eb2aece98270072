import crypto from 'node:crypto';
import { CALLER_TTL_MS } from '../../../server/kit/caller-cache';
import { pseudonymOf } from '../../../server/kit/pseudonym';
import { RequestContext } from '../../../server/kit/router';
import { Budget } from '../../../server/kit/timers';
import { recordAudit } from '../../../server/repositories/audit-log';
import { UserDoc, accountsToErase, removeUser } from '../../../server/repositories/users';
import { Erasure, PERSONAL_DATA_SOURCES } from './personal-data/sources';

/**
 * An account is erased no sooner than this after the request: by then no instance anywhere still
 * remembers the person as they were (CALLER_TTL_MS), nor is a call they started still running (a
 * function runs 60 s at most), so nothing of theirs can be written after the erasure.
 */
export const ERASE_AFTER_MS = CALLER_TTL_MS + 90_000;
/** Accounts taken a run; the run's budget may stop it sooner, the rest wait for the next run. */
const PER_RUN = 20;

/**
 * The timer's job (every 5 minutes, config.json): erases the accounts whose deletion was asked for,
 * oldest first, while the budget lasts. Each erasure can be repeated: a run cut short leaves the
 * user document, still marked, and the next run goes over what is left. The promise to the person
 * (ERASURE_DEADLINE_MS, an hour) leaves a wide margin over the first run after ERASE_AFTER_MS.
 */
export async function eraseRequestedAccounts(now: Date, budget: Budget): Promise<{ erased: number; waiting: number }> {
  const due = await accountsToErase(new Date(now.getTime() - ERASE_AFTER_MS), PER_RUN);
  let erased = 0;
  for (const user of due) {
    if (budget.spent()) break;
    await eraseAccount(user, now);
    erased++;
  }
  return { erased, waiting: due.length - erased };
}

/**
 * Every kind of the person's data in turn (PERSONAL_DATA_SOURCES): live signups and bookings are
 * cancelled as the person would cancel them (seats and places given back, the waitlist promoted),
 * posts and comments show 已注销用户 or go as they chose, the hours stay in the ledger under a
 * pseudonym, consents, messages and retry answers go; an audit entry without personal data records
 * it; the user document goes last.
 */
async function eraseAccount(user: UserDoc, now: Date): Promise<void> {
  const ctx: RequestContext = { openid: user._id, user, now, requestId: crypto.randomUUID(), idempotencyKey: null };
  const pseudonym = pseudonymOf(user._id);
  const posts = user.erasure?.posts ?? 'anonymise';
  const erasure: Erasure = { ctx, openid: user._id, pseudonym, posts, counts: { signups: 0, bookings: 0, posts: 0, comments: 0 } };
  for (const source of PERSONAL_DATA_SOURCES) await source.erase(erasure);
  await recordAudit({ actor: pseudonym, action: 'deleteAccount', target: pseudonym, detail: { choice: posts, ...erasure.counts }, at: now });
  await removeUser(user._id);
}
