import { z } from 'zod/mini';
import { audienceSchema } from '../../domain/activities';
import { imageStatusSchema, itemKindSchema } from '../../domain/circle';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { likesOfEachLookup } from './reactions';
import { Join, Lookup, aggregateRows, dataOf, docById, docWithJoins, docsByIds, parseDocs, personalRead, readInTransaction, TimePosition, updatedOne, updateWhere } from './docs';
import { moderatedDocFields } from './moderated-fields';
import { REPORTS, reportsOfEachPostLookup } from './reports';

/**
 * The only module that touches `posts`: residents' posts and the committee's notices, one collection
 * so that the feed is one ordered query. `audienceKeys` files each item under who may see it
 * (`audienceKeysOf` in domain/circle.ts); `needsReview` marks what waits in the committee's review
 * queue (text the content check sent to review, or images not yet approved). Counters (`likeCount`,
 * `commentCount`, `readCount`, `reportCount`) change only by `_.inc`. `commentCount` and `readCount`
 * move after the write they count; `likeCount` and `reportCount` move BEFORE the like or report is
 * written (the move is the check, `bumpCounterIfReached`) and back when it was not: a call that dies
 * between its two writes leaves them off by one, so that move also stamps `countsMovedAt`, and the
 * circle's timer recounts such posts once no call can still be between its writes (`postsToRecount`).
 */
export const POSTS = 'posts';

export type { AuthorDoc } from './moderated-fields';

export const postDocSchema = z.object({
  _id: z.string(),
  ...moderatedDocFields,
  communityId: z.string(),
  kind: itemKindSchema,
  title: z.nullable(z.string()),
  content: z.string(),
  images: z.array(z.string()),
  imageStatus: imageStatusSchema,
  anonymous: z.boolean(),
  /** Notices: pinned first in the feed; whom they are for. Posts: false and null. */
  pinned: z.boolean(),
  audience: z.nullable(audienceSchema),
  audienceKeys: z.array(z.string()),
  /** Mutual-help requests only. */
  resolved: z.nullable(z.boolean()),
  likeCount: z.number(),
  commentCount: z.number(),
  readCount: z.number(),
  /**
   * When `likeCount` or `reportCount` last moved before its document was written; null (or absent, on
   * older posts) once the timer has recounted them since.
   */
  countsMovedAt: z.optional(z.nullable(z.date())),
  /** Each image's asynchronous media check (security.mediaCheckAsync): its trace_id and, once pushed, WeChat's verdict. */
  mediaChecks: z.optional(z.array(z.object({ fileId: z.string(), traceId: z.nullable(z.string()), suggest: z.nullable(z.enum(['pass', 'review', 'risky'])) }))),
});
export type PostDoc = z.infer<typeof postDocSchema>;

const posts = () => database().collection(POSTS);
const parse = (res: unknown) => parseDocs(postDocSchema, POSTS, dataOf(res));

export async function insertPost(doc: PostDoc): Promise<void> {
  await posts().add({ data: doc });
}

/** The post with whether any report of it is still open, in one aggregation; null when there is none. */
export async function postWithOpenReport(id: string): Promise<{ doc: PostDoc; reported: boolean } | null> {
  const found = await docWithJoins(POSTS, postDocSchema, id, { open: { from: REPORTS, pipeline: [{ $match: { targetId: id, status: 'open' } }, { $limit: 1 }, { $project: { _id: 1 } }] } });
  return found && { doc: found.doc, reported: found.joined.open.length > 0 };
}

/** The post with what a screen or a check needs beside it (my like, its comments…), in ONE aggregation; null when there is none. */
export async function postWith(id: string, joins: Record<string, Join | Lookup>): Promise<{ doc: PostDoc; joined: Record<string, unknown[]> } | null> {
  return docWithJoins(POSTS, postDocSchema, id, joins);
}

/** For a comment's aggregation: the post it is on. */
export const postOfCommentLookup: Join = { from: POSTS, localField: 'postId', foreignField: '_id' };

export const parsePosts = (raw: unknown[]): PostDoc[] => parseDocs(postDocSchema, POSTS, raw);

export async function getPost(id: string): Promise<PostDoc | null> {
  return docById(POSTS, postDocSchema, id);
}

export async function getPosts(ids: string[]): Promise<PostDoc[]> {
  return docsByIds(POSTS, postDocSchema, ids);
}

/** What a feed query filters on: the community (or any), the viewer's audience keys (null: all), and who is asking. */
export interface FeedFilter {
  communityId: string | null;
  keys: string[] | null;
  openid: string;
  kind?: PostDoc['kind'];
  /** Only pinned, only unpinned, or (null) both, pinned first: the first page in one read. */
  pinned: boolean | null;
  after: TimePosition | null;
  limit: number;
}

/**
 * One page of the feed, newest first by (createdAt, _id): a cursor is a position in that order, so a
 * post written meanwhile (always newer than the first page's start) never shifts a later page. What
 * is published, plus the viewer's own posts still under review.
 */
export async function feedPage(filter: FeedFilter): Promise<PostDoc[]> {
  const _ = database().command;
  const base: Record<string, unknown> = filter.pinned === null ? {} : { pinned: filter.pinned };
  if (filter.communityId !== null) base.communityId = filter.communityId;
  if (filter.keys !== null) base.audienceKeys = _.in(filter.keys);
  if (filter.kind) base.kind = filter.kind;
  const parts: object[] = [base, _.or([{ status: 'published' }, { status: 'review', 'author.openid': filter.openid }])];
  if (filter.after) parts.push(_.or([{ createdAt: _.lt(filter.after.time) }, { createdAt: filter.after.time, _id: _.lt(filter.after.id) }]));
  // Pinned first walks the `feed` index (communityId, pinned desc, createdAt desc, _id desc) in order.
  const query = filter.pinned === null ? posts().where(_.and(parts)).orderBy('pinned', 'desc') : posts().where(_.and(parts));
  return parse(await query.orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(filter.limit).get());
}

/** What waits for the committee of a community, oldest first. */
export async function postsToReview(communityId: string, after: TimePosition | null, limit: number): Promise<PostDoc[]> {
  const _ = database().command;
  const base = { needsReview: true, communityId };
  const where = after ? _.and([base, _.or([{ createdAt: _.gt(after.time) }, { createdAt: after.time, _id: _.gt(after.id) }])]) : base;
  return parse(await posts().where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get());
}

/** Changes a post only while it is in one of `from` (e.g. an author's own, not removed); false when it was not. */
export async function updatePostIf(id: string, condition: { status?: PostDoc['status'][]; authorOpenid?: string }, patch: Partial<Omit<PostDoc, '_id'>>): Promise<boolean> {
  const _ = database().command;
  const where: Record<string, unknown> = { _id: id };
  if (condition.status) where.status = _.in(condition.status);
  if (condition.authorOpenid) where['author.openid'] = condition.authorOpenid;
  return updatedOne(await posts().where(where).update({ data: patch }));
}

export type Counter = 'likeCount' | 'commentCount' | 'readCount' | 'reportCount';

/**
 * Adds `by` to one of a post's counters in one atomic step. `movedAt`: the like or report counter
 * moved outside a like's or a report's call (or after its document), stamped so that the timer's
 * recount looks at the post again once it has settled.
 */
export async function bumpCounter(id: string, counter: Counter, by: number, movedAt?: Date): Promise<void> {
  await posts()
    .doc(id)
    .update({ data: { [counter]: database().command.inc(by), ...(movedAt ? { countsMovedAt: movedAt } : {}) } });
}

/**
 * Whose published posts a caller may reach, in a query's terms: every post of the communities they
 * manage ('all' for an admin), the posts of their home community filed under their audience keys or
 * written by them, and (`anywhere`, for what one may see but not take part in) public notices and
 * their own posts of any community.
 */
export interface Reach {
  openid: string;
  managing: 'all' | string[];
  home: { communityId: string; keys: string[] } | null;
  anywhere: boolean;
}

/**
 * Adds `by` to a counter of a published post only if the caller may reach it (see Reach), in one
 * conditional update: the write that is also the check. False when it was not changed: no such
 * post, not published, or out of reach (the caller then reads it to say why). It moves before the
 * document it counts is written, so it stamps `countsMovedAt` (`now`) for the recount.
 */
export async function bumpCounterIfReached(id: string, reach: Reach, counter: 'likeCount' | 'reportCount', by: number, now: Date): Promise<boolean> {
  const _ = database().command;
  const where: object[] = [{ _id: id, status: 'published' }];
  if (reach.managing !== 'all') {
    const may: object[] = [];
    if (reach.managing.length > 0) may.push({ communityId: _.in(reach.managing) });
    if (reach.home) may.push({ communityId: reach.home.communityId, audienceKeys: _.in(reach.home.keys) }, { communityId: reach.home.communityId, 'author.openid': reach.openid });
    if (reach.anywhere) may.push({ audienceKeys: 'public' }, { 'author.openid': reach.openid });
    if (may.length === 0) return false;
    where.push(_.or(may));
  }
  return updatedOne(
    await posts()
      .where(_.and(where))
      .update({ data: { [counter]: _.inc(by), countsMovedAt: now } }),
  );
}

/** A post whose counters moved, as read with its likes and reports counted. */
export interface CountsToCheck {
  _id: string;
  likeCount: number;
  reportCount: number;
  countsMovedAt: Date;
  likes: number;
  reports: number;
}

const countsRowSchema = z.object({ _id: z.string(), likeCount: z.number(), reportCount: z.number(), countsMovedAt: z.date(), likes: z.array(z.unknown()), reports: z.array(z.unknown()) });

/**
 * Posts whose counters moved at or before `settledAt`, oldest move first (so none waits behind newer
 * ones), at most `limit`: each with its likes and reports counted, in ONE aggregation.
 */
export async function postsToRecount(settledAt: Date, limit: number): Promise<CountsToCheck[]> {
  const res = await posts()
    .aggregate()
    .match({ countsMovedAt: database().command.lte(settledAt) })
    .sort({ countsMovedAt: 1, _id: 1 })
    .limit(limit)
    .project({ likeCount: 1, reportCount: 1, countsMovedAt: 1 })
    .lookup(likesOfEachLookup('likes'))
    .lookup(reportsOfEachPostLookup('reports'))
    .end();
  return parseDocs(countsRowSchema, POSTS, aggregateRows(res)).map((r) => ({ ...r, likes: countOf(r.likes), reports: countOf(r.reports) }));
}

const countOf = (rows: unknown[]): number => {
  const n: unknown = (rows[0] as { n?: unknown } | undefined)?.n;
  return typeof n === 'number' ? n : 0;
};

/**
 * Sets a post's counters to what was counted and clears its stamp, only if they have not moved since
 * it was read (`seen`): a like or report in between wins, and a later run looks again.
 */
export async function correctCounts(seen: CountsToCheck): Promise<boolean> {
  return updatedOne(
    await posts()
      .where({ _id: seen._id, likeCount: seen.likeCount, reportCount: seen.reportCount, countsMovedAt: seen.countsMovedAt })
      .update({ data: { likeCount: seen.likes, reportCount: seen.reports, countsMovedAt: null } }),
  );
}

/**
 * Clears the stamp of posts found counted right, in one update; one whose counters moved since was
 * stamped later than `settledAt` by that move (no call outlives the settle time), so it stays due.
 */
export async function clearCountsMoved(ids: string[], settledAt: Date): Promise<number> {
  const _ = database().command;
  if (ids.length === 0) return 0;
  return updateWhere(POSTS, { _id: _.in(ids), countsMovedAt: _.lte(settledAt) }, { countsMovedAt: null });
}

/**
 * An account's end: every post of the person shows `author` (已注销用户, no building) from now on,
 * or is removed with its text and images when they chose so; what they moderated names their
 * pseudonym. Two requests, whatever the number of posts.
 */
export async function anonymisePostsOf(openid: string, author: { openid: string; displayName: string }, remove: boolean, now: Date): Promise<number> {
  const _ = database().command;
  await updateWhere(POSTS, { moderatedBy: openid }, { moderatedBy: author.openid });
  const patch: Record<string, unknown> = { author: _.set({ ...author, buildingId: null, buildingName: null }), updatedAt: now };
  if (remove) Object.assign(patch, { status: 'removed', needsReview: false, content: '', title: null, images: _.set([]), imageStatus: 'none' });
  return updateWhere(POSTS, { 'author.openid': openid }, patch);
}

/** The post whose image check has this trace_id (a trace_id is only ever known to the functions). */
export async function postIdByTrace(traceId: string): Promise<string | null> {
  const res = await posts().where({ 'mediaChecks.traceId': traceId }).field({ _id: true }).limit(1).get();
  const rows = dataOf(res);
  return Array.isArray(rows) && rows.length > 0 && typeof rows[0]?._id === 'string' ? rows[0]._id : null;
}

export async function getPostInTransaction(tx: Tx, id: string): Promise<PostDoc | null> {
  return readInTransaction(tx, POSTS, id, postDocSchema);
}

/** Records a media verdict (and what it decides) inside the transaction that read the post, so two verdicts at once both stand. */
export async function setMediaChecksInTransaction(
  tx: Tx,
  id: string,
  patch: Pick<PostDoc, 'imageStatus' | 'needsReview' | 'updatedAt'> & { mediaChecks: NonNullable<PostDoc['mediaChecks']> },
): Promise<void> {
  const _ = database().command;
  await tx
    .collection(POSTS)
    .doc(id)
    .update({ data: { ...patch, mediaChecks: _.set(patch.mediaChecks) } });
}

/** A person's posts and notices, newest first, at most `limit`: for their export (PersonalRead). */
export const postsOfAuthorRead = (openid: string, limit: number) => personalRead(POSTS, postDocSchema, { 'author.openid': openid }, limit, 'createdAt');
