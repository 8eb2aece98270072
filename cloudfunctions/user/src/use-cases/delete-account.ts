import { RequestContext } from '../../../../server/kit/router';
import { pseudonymOf } from '../../../../server/kit/pseudonym';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { removeUser } from '../../../../server/repositories/users';
import { Erasure, PERSONAL_DATA_SOURCES } from '../personal-data/sources';

/**
 * Deletes the caller's account (PIPL art. 47), after the mini-program's confirmation
 * (`confirm: true`): every kind of personal data is erased in turn (PERSONAL_DATA_SOURCES): live
 * signups and bookings are cancelled as the person would cancel them (seats and places given back,
 * the waitlist promoted), posts and comments show 已注销用户 or go as they chose, the hours stay in
 * the ledger under a pseudonym, consents, messages and retry answers go; the user document, with
 * the name, phone, birth year and roles, goes last. An audit entry without personal data records it.
 *
 * Idempotent: a second call finds nothing of the person left and changes nothing (the router has
 * made them a fresh user, which this removes again). The same openid later starts a new, empty account.
 */
export async function deleteAccount(input: { confirm: true; posts: 'anonymise' | 'remove' }, ctx: RequestContext) {
  const erasure: Erasure = { ctx, openid: ctx.openid, pseudonym: pseudonymOf(ctx.openid), posts: input.posts, counts: { signups: 0, bookings: 0, posts: 0, comments: 0 } };
  for (const source of PERSONAL_DATA_SOURCES) await source.erase(erasure);
  await removeUser(ctx.openid);
  const { counts } = erasure;
  await recordAudit({ actor: erasure.pseudonym, action: 'deleteAccount', target: erasure.pseudonym, detail: { choice: input.posts, ...counts }, at: ctx.now });
  return { deleted: true as const, released: { signups: counts.signups, bookings: counts.bookings }, posts: counts.posts, comments: counts.comments };
}
