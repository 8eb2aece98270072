import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { Join, dataOf, docById, docWithJoins, docsByIds, docsWhere, parseDocs, personalRead, TimePosition, updatedOne, updateWhere } from './docs';
import { moderatedDocFields } from './moderated-fields';
import { REPORTS } from './reports';

/** The only module that touches `comments`: comments on posts and notices, and replies to them (`parentId`). */
export const COMMENTS = 'comments';

export const commentDocSchema = z.object({
  _id: z.string(),
  postId: z.string(),
  communityId: z.string(),
  /** The comment this one replies to; null for a comment on the post itself. */
  parentId: z.nullable(z.string()),
  content: z.string(),
  ...moderatedDocFields,
});
export type CommentDoc = z.infer<typeof commentDocSchema>;

const comments = () => database().collection(COMMENTS);
const parse = (res: unknown) => parseDocs(commentDocSchema, COMMENTS, dataOf(res));

export async function insertComment(doc: CommentDoc): Promise<void> {
  await comments().add({ data: doc });
}

/** The comment with whether any report of it is still open, in one aggregation; null when there is none. */
export async function commentWithOpenReport(id: string): Promise<{ doc: CommentDoc; reported: boolean } | null> {
  const found = await docWithJoins(COMMENTS, commentDocSchema, id, { open: { from: REPORTS, pipeline: [{ $match: { targetId: id, status: 'open' } }, { $limit: 1 }, { $project: { _id: 1 } }] } });
  return found && { doc: found.doc, reported: found.joined.open.length > 0 };
}

/** The comment with what a check needs beside it (its post…), in ONE aggregation; null when there is none. */
export async function commentWith(id: string, joins: Record<string, Join>): Promise<{ doc: CommentDoc; joined: Record<string, unknown[]> } | null> {
  return docWithJoins(COMMENTS, commentDocSchema, id, joins);
}

export async function getComment(id: string): Promise<CommentDoc | null> {
  return docById(COMMENTS, commentDocSchema, id);
}

/**
 * For a post's aggregation: its comments oldest first from `after` on, read with `parseComments`:
 * the published ones, the viewer's own under review or hidden, and every one but removed ones in
 * the communities the viewer manages (`managing`; every community for an admin): a comment's
 * community is its post's.
 */
export function commentsLookup(postId: string, viewer: { openid: string; managing: 'all' | string[] }, after: TimePosition | null, limit: number): Join {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  const notRemoved = { status: { $ne: 'removed' } };
  const seen: object[] = [{ status: 'published' }, { status: { $in: ['review', 'hidden'] }, 'author.openid': viewer.openid }];
  if (viewer.managing === 'all') seen.push(notRemoved);
  else if (viewer.managing.length > 0) seen.push({ communityId: { $in: viewer.managing }, ...notRemoved });
  const match: Record<string, unknown> = { postId, $or: seen };
  if (after) match.$and = [{ $or: [{ createdAt: { $gt: after.time } }, { createdAt: after.time, _id: { $gt: after.id } }] }];
  return { from: COMMENTS, pipeline: [{ $match: match }, { $sort: { createdAt: 1, _id: 1 } }, { $limit: limit }] };
}

/** For a post's aggregation: one comment of it, by id (the one a reply answers). */
export const commentLookup = (postId: string, id: string): Join => ({ from: COMMENTS, pipeline: [{ $match: { _id: id, postId } }, { $limit: 1 }] });

export const parseComments = (raw: unknown[]): CommentDoc[] => parseDocs(commentDocSchema, COMMENTS, raw);

/** Comments waiting for the committee of a community, oldest first. */
export async function commentsToReview(communityId: string, after: TimePosition | null, limit: number): Promise<CommentDoc[]> {
  const _ = database().command;
  const base = { needsReview: true, communityId };
  const where = after ? _.and([base, _.or([{ createdAt: _.gt(after.time) }, { createdAt: after.time, _id: _.gt(after.id) }])]) : base;
  return parse(await comments().where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get());
}

export async function getComments(ids: string[]): Promise<CommentDoc[]> {
  return docsByIds(COMMENTS, commentDocSchema, ids);
}

/** Changes a comment only while it is in one of `status` (and, when given, is the author's); false when it was not. */
export async function updateCommentIf(id: string, condition: { status?: CommentDoc['status'][]; authorOpenid?: string }, patch: Partial<Omit<CommentDoc, '_id'>>): Promise<boolean> {
  const _ = database().command;
  const where: Record<string, unknown> = { _id: id };
  if (condition.status) where.status = _.in(condition.status);
  if (condition.authorOpenid) where['author.openid'] = condition.authorOpenid;
  return updatedOne(await comments().where(where).update({ data: patch }));
}

export async function bumpCommentReports(id: string, by: number): Promise<void> {
  await comments()
    .doc(id)
    .update({ data: { reportCount: database().command.inc(by) } });
}

/** A person's comments and replies, newest first, at most `limit` (of one status when given). */
export async function commentsOfAuthor(openid: string, limit: number, status?: CommentDoc['status']): Promise<CommentDoc[]> {
  return docsWhere(COMMENTS, commentDocSchema, status ? { 'author.openid': openid, status } : { 'author.openid': openid }, limit, 'createdAt');
}

/** An account's end: like anonymisePostsOf, for comments. */
export async function anonymiseCommentsOf(openid: string, author: { openid: string; displayName: string }, remove: boolean, now: Date): Promise<number> {
  const _ = database().command;
  await updateWhere(COMMENTS, { moderatedBy: openid }, { moderatedBy: author.openid });
  const patch: Record<string, unknown> = { author: _.set({ ...author, buildingId: null, buildingName: null }), updatedAt: now };
  if (remove) Object.assign(patch, { status: 'removed', needsReview: false, content: '' });
  return updateWhere(COMMENTS, { 'author.openid': openid }, patch);
}

/** commentsOfAuthor's read without a status, newest first: for the person's export (PersonalRead). */
export const commentsOfAuthorRead = (openid: string, limit: number) => personalRead(COMMENTS, commentDocSchema, { 'author.openid': openid }, limit, 'createdAt');
