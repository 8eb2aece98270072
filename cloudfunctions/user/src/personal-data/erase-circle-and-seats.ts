import { DELETED_USER_NAME } from '../../../../domain/people';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { anonymiseCommentsOf, commentsOfAuthor } from '../../../../server/repositories/comments';
import { anonymisePostsOf, bumpCounter } from '../../../../server/repositories/posts';
import { likesOf, removeLike } from '../../../../server/repositories/reactions';
import { liveBookingsOfPerson } from '../../../../server/repositories/bookings';
import { liveSignupsOfPerson } from '../../../../server/repositories/signups';
// An account's end releases signups and bookings exactly as the person's own cancel does: the same
// use-cases, so seats and places go back and the waitlist moves as usual.
import { cancelSignup } from '../../../activity/src/use-cases/cancel-signup';
import { cancelBooking } from '../../../service/src/use-cases/cancel';
import type { Erasure } from './sources';

/** At most this many live signups, bookings, likes or comments are handled one by one. */
const ONE_BY_ONE = 500;

/** Refusals mean the signup or booking can no longer be cancelled (already started, past the cut-off): it stays, without the person's name. */
async function unlessRefused(release: () => Promise<unknown>): Promise<boolean> {
  try {
    await release();
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'FAILED_PRECONDITION' || error.code === 'NOT_FOUND')) return false;
    throw error;
  }
}

/** Cancels the person's live signups of activities that have not started; how many. */
export async function releaseSignups(ctx: RequestContext): Promise<number> {
  let released = 0;
  for (const signup of await liveSignupsOfPerson(ctx.openid, ONE_BY_ONE)) {
    if (await unlessRefused(() => cancelSignup({ signupId: signup._id }, ctx))) released++;
  }
  return released;
}

/** Cancels the person's live bookings still before their cut-off; how many. */
export async function releaseBookings(ctx: RequestContext): Promise<number> {
  let released = 0;
  for (const booking of await liveBookingsOfPerson(ctx.openid, ONE_BY_ONE)) {
    if (await unlessRefused(() => cancelBooking({ bookingId: booking._id }, ctx))) released++;
  }
  return released;
}

/**
 * The person's posts and comments show 已注销用户 from now on, or go (removed, text and images
 * cleared) when they chose so; a removed published comment no longer counts on its post.
 */
export async function anonymiseCircle(p: Erasure): Promise<number> {
  const remove = p.posts === 'remove';
  if (remove) {
    const perPost = new Map<string, number>();
    for (const c of await commentsOfAuthor(p.openid, ONE_BY_ONE, 'published')) perPost.set(c.postId, (perPost.get(c.postId) ?? 0) + 1);
    for (const [postId, n] of perPost) await bumpCounter(postId, 'commentCount', -n);
  }
  const author = { openid: p.pseudonym, displayName: DELETED_USER_NAME };
  p.counts.comments = await anonymiseCommentsOf(p.openid, author, remove, p.ctx.now);
  p.counts.posts = await anonymisePostsOf(p.openid, author, remove, p.ctx.now);
  return p.counts.posts + p.counts.comments;
}

/**
 * The person's likes go, each post's count with it: the count first, stamped, as an unlike does, so
 * an erasure that dies between the two is corrected by the circle's recount.
 */
export async function removeLikes(openid: string, now: Date): Promise<number> {
  let removed = 0;
  for (const like of await likesOf(openid, ONE_BY_ONE)) {
    await bumpCounter(like.postId, 'likeCount', -1, now);
    if (await removeLike(like.postId, openid)) removed++;
    else await bumpCounter(like.postId, 'likeCount', 1);
  }
  return removed;
}
