import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Join, changedCount, dataOf, docsWhere, parseDocs, removeWhere, personalRead } from './docs';

/**
 * The only module that touches `post_likes` and `notice_reads`: one document per person and post,
 * whose id is derived from both, so a like (or a read) exists at most once however often it is sent.
 * The post's counter moves first and back when no document was created or removed (see the circle's
 * engage.ts); the circle's timer recounts a post's likes from here (`likesOfEachLookup`).
 */
export const POST_LIKES = 'post_likes';
export const NOTICE_READS = 'notice_reads';

export const reactionDocSchema = z.object({
  _id: z.string(),
  postId: z.string(),
  openid: z.string(),
  at: z.date(),
});
export type ReactionDoc = z.infer<typeof reactionDocSchema>;

/** The id of one person's like (or read) of one post: 40 hex digits. */
export function reactionId(postId: string, openid: string): string {
  return crypto.createHash('sha256').update(`${postId}|${openid}`).digest('hex').slice(0, 40);
}

const likes = () => database().collection(POST_LIKES);
const reads = () => database().collection(NOTICE_READS);

/** True when this call created the document; false when it was already there. */
async function addOnce(into: ReturnType<typeof likes>, postId: string, openid: string, at: Date): Promise<boolean> {
  try {
    await into.add({ data: { _id: reactionId(postId, openid), postId, openid, at } });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

export const addLike = (postId: string, openid: string, at: Date) => addOnce(likes(), postId, openid, at);
export const addRead = (postId: string, openid: string, at: Date) => addOnce(reads(), postId, openid, at);

/** For a post's aggregation: `openid`'s like of it (at most one document, found by its id). */
export const myLikeLookup = (postId: string, openid: string): Join => ({ from: POST_LIKES, pipeline: [{ $match: { _id: reactionId(postId, openid) } }, { $limit: 1 }, { $project: { _id: 1 } }] });

/** For a notice's aggregation: whether `openid` has opened it before. */
export const myReadLookup = (postId: string, openid: string): Join => ({ from: NOTICE_READS, pipeline: [{ $match: { _id: reactionId(postId, openid) } }, { $limit: 1 }, { $project: { _id: 1 } }] });

/** Whether `openid`'s like of the post is there: after a like's write threw, whether it happened all the same. */
export async function likeExists(postId: string, openid: string): Promise<boolean> {
  const res = await likes()
    .where({ _id: reactionId(postId, openid) })
    .field({ _id: true })
    .limit(1)
    .get();
  const rows = dataOf(res);
  return Array.isArray(rows) && rows.length > 0;
}

/** For an aggregation of posts (a lookup): how many likes each row's post has, counted by `postId`. */
export function likesOfEachLookup(as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: POST_LIKES, let: { post: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$postId', '$$post'] } } }, { $count: 'n' }], as };
}

/** True when this call removed the like; false when there was none. */
export async function removeLike(postId: string, openid: string): Promise<boolean> {
  const res: unknown = await likes().doc(reactionId(postId, openid)).remove();
  return changedCount(res, 'removed') === 1;
}

/** Which of these posts `openid` has liked: one read for a page. */
export async function likedAmong(postIds: string[], openid: string): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const ids = postIds.map((p) => reactionId(p, openid));
  const docs = parseDocs(
    reactionDocSchema,
    POST_LIKES,
    dataOf(
      await likes()
        .where({ _id: database().command.in(ids) })
        .limit(ids.length)
        .get(),
    ),
  );
  return new Set(docs.map((d) => d.postId));
}

/** A person's likes, newest first, at most `limit`. */
export async function likesOf(openid: string, limit: number): Promise<ReactionDoc[]> {
  return docsWhere(POST_LIKES, reactionDocSchema, { openid }, limit, 'at');
}

/** An account's end: the notices they opened forget them (the read counts stay: they count people). */
export async function removeReadsOf(openid: string): Promise<number> {
  return removeWhere(NOTICE_READS, { openid });
}

/** likesOf's read, for the person's export (PersonalRead). */
export const likesOfRead = (openid: string, limit: number) => personalRead(POST_LIKES, reactionDocSchema, { openid }, limit, 'at');
