import type { UserDoc } from '../repositories/users';

/**
 * What a warm instance remembers of its callers between calls: their user document (roles,
 * binding, community: what authorisation needs), so that most calls need not read it again.
 *
 * The bounds, and why they are safe enough:
 * - An entry is used for at most CALLER_TTL_MS after it was read: a role revoked, a binding ended
 *   or an account deleted in another instance can still act here that long (the README says so).
 * - A grant works at once: a caller the entry would refuse is read again before the refusal
 *   (router.ts), and a caller with no role and no community (a visitor, someone just signed in)
 *   is never remembered, so an approved binding shows at their very next call.
 * - Whatever this instance itself writes about a user (users.ts: roles, binding, profile, consent,
 *   deletion) drops their entry here.
 * Time is the instance's own clock (the emulator's function clock moves it in tests).
 */
export const CALLER_TTL_MS = 30_000;
/** Enough for a busy instance's callers of the last half minute; the oldest go first. */
const MAX_ENTRIES = 2000;

const entries = new Map<string, { user: UserDoc; readAt: number }>();

/** The caller as last read, if read within the bound. */
export function rememberedCaller(openid: string, now: Date): UserDoc | null {
  const entry = entries.get(openid);
  if (!entry) return null;
  const age = now.getTime() - entry.readAt;
  // A clock moved backwards (tests do) makes the age negative: not trusted either.
  if (age < 0 || age >= CALLER_TTL_MS) {
    entries.delete(openid);
    return null;
  }
  return entry.user;
}

/** Keeps a freshly read caller, unless they are a bare visitor (see above). */
export function rememberCaller(user: UserDoc, now: Date): void {
  entries.delete(user._id);
  if (user.roles.length === 0 && user.communityId === null) return;
  entries.set(user._id, { user, readAt: now.getTime() });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
}

/** Drops what this instance remembers of a user it has just changed. */
export function forgetCaller(openid: string): void {
  entries.delete(openid);
}

/** Whether two readings of a user are the same (roles, binding, consent, profile): if so, a refusal stands as it is. */
export function sameReading(a: UserDoc, b: UserDoc | null): boolean {
  return b !== null && JSON.stringify(a) === JSON.stringify(b);
}
