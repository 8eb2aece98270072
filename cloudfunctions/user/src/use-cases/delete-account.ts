import { ERASURE_DEADLINE_MS } from '../../../../domain/people';
import { RequestContext } from '../../../../server/kit/router';
import { markErasure } from '../../../../server/repositories/users';

/**
 * Deletes the caller's account (PIPL art. 47), after the mini-program's confirmation
 * (`confirm: true`), in one write: from this moment the account is refused (in `user` at once,
 * in other functions' instances once their 30 s memory of the caller ends), its real name, phone,
 * birth year, consent and roles are gone, and the function's timer erases everything else of the
 * person by `erasedBy` (account-erasure.ts: every kind of data in PERSONAL_DATA_SOURCES, the user
 * document last). Asking again is refused with the same deadline; afterwards the same openid
 * starts a new, empty account.
 */
export async function deleteAccount(input: { confirm: true; posts: 'anonymise' | 'remove' }, ctx: RequestContext) {
  await markErasure(ctx.openid, input.posts, ctx.now);
  return { deleted: true as const, erasedBy: new Date(ctx.now.getTime() + ERASURE_DEADLINE_MS).toISOString() };
}
