import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { dataOf, docById, docWithJoins, docsByIds, docsWhere, parseDocs, personalRead, TimePosition, updatedOne, updateWhere } from './docs';
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

export async function getComment(id: string): Promise<CommentDoc | null> {
  return docById(COMMENTS, commentDocSchema, id);
}

/**
 * A post's comments oldest first from `after` on: the published ones, and the viewer's own under
 * review or hidden (all of them but removed ones for the committee, `all`).
 */
export async function commentsOf(postId: string, viewer: { openid: string; all: boolean }, after: TimePosition | null, limit: number): Promise<CommentDoc[]> {
  const _ = database().command;
  const parts: object[] = [{ postId }, viewer.all ? { status: _.neq('removed') } : _.or([{ status: 'published' }, { status: _.in(['review', 'hidden']), 'author.openid': viewer.openid }])];
  if (after) parts.push(_.or([{ createdAt: _.gt(after.time) }, { createdAt: after.time, _id: _.gt(after.id) }]));
  return parse(await comments().where(_.and(parts)).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get());
}

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
