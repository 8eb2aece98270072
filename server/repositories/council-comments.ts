import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { TimePosition, dataOf, docById, parseDocs, setWhole, updatedOne, updateWhere, personalRead } from './docs';
import { moderatedDocFields } from './moderated-fields';

/**
 * The only module that touches `council_comments`: residents' comments on a topic, checked like
 * circle comments (the same moderation fields), which the committee may hide.
 */
export const COUNCIL_COMMENTS = 'council_comments';

export const councilCommentDocSchema = z.object({
  _id: z.string(),
  topicId: z.string(),
  communityId: z.string(),
  content: z.string(),
  ...moderatedDocFields,
});
export type CouncilCommentDoc = z.infer<typeof councilCommentDocSchema>;

const comments = () => database().collection(COUNCIL_COMMENTS);

export async function insertCouncilComment(doc: CouncilCommentDoc): Promise<void> {
  await comments().add({ data: doc });
}

export const getCouncilComment = (id: string) => docById(COUNCIL_COMMENTS, councilCommentDocSchema, id);

/**
 * For another repository's aggregation (a lookup): a page of a topic's comments oldest first from
 * `after` on, read with `parseCouncilComments`: the published ones, the viewer's own under review or
 * hidden, and every one but removed ones in the communities the viewer manages (`managing`; every
 * community for an admin): a comment's community is its topic's.
 */
export function commentsLookup(topicId: string, viewer: { openid: string; managing: 'all' | string[] }, after: TimePosition | null, limit: number, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  const notRemoved = { status: { $ne: 'removed' } };
  const seen: object[] = [{ status: 'published' }, { status: { $in: ['review', 'hidden'] }, 'author.openid': viewer.openid }];
  if (viewer.managing === 'all') seen.push(notRemoved);
  else if (viewer.managing.length > 0) seen.push({ communityId: { $in: viewer.managing }, ...notRemoved });
  const match: Record<string, unknown> = { topicId, $or: seen };
  if (after) match.$and = [{ $or: [{ createdAt: { $gt: after.time } }, { createdAt: after.time, _id: { $gt: after.id } }] }];
  return { from: COUNCIL_COMMENTS, pipeline: [{ $match: match }, { $sort: { createdAt: 1, _id: 1 } }, { $limit: limit }], as };
}

export const parseCouncilComments = (raw: unknown[]): CouncilCommentDoc[] => parseDocs(councilCommentDocSchema, COUNCIL_COMMENTS, raw);

/** Comments of a community the content check sent to the committee, oldest first, from `after` on. */
export async function councilCommentsToReview(communityId: string, after: TimePosition | null, limit: number): Promise<CouncilCommentDoc[]> {
  const _ = database().command;
  const base = { needsReview: true, communityId };
  const where = after ? _.and([base, _.or([{ createdAt: _.gt(after.time) }, { createdAt: after.time, _id: _.gt(after.id) }])]) : base;
  const res = await comments().where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get();
  return parseDocs(councilCommentDocSchema, COUNCIL_COMMENTS, dataOf(res));
}

/** Moves a comment on only from the status it was read in: two committee members at once change it once. */
export async function moderateCouncilCommentIf(id: string, from: CouncilCommentDoc['status'], patch: Partial<Omit<CouncilCommentDoc, '_id'>>): Promise<boolean> {
  return updatedOne(
    await comments()
      .where({ _id: id, status: from })
      .update({ data: setWhole(patch) }),
  );
}

/** An account's end: the comments lose their author (and, when the person chose so for their posts, their text). */
export async function eraseCouncilCommentsOf(openid: string, pseudonym: string, remove: boolean, now: Date): Promise<number> {
  const _ = database().command;
  await updateWhere(COUNCIL_COMMENTS, { moderatedBy: openid }, { moderatedBy: pseudonym });
  const author = { openid: pseudonym, displayName: '已注销用户', buildingId: null, buildingName: null };
  const patch: Record<string, unknown> = { author: _.set(author), updatedAt: now };
  if (remove) Object.assign(patch, { content: '', status: 'removed', needsReview: false });
  return updateWhere(COUNCIL_COMMENTS, { 'author.openid': openid }, patch);
}

/** A person's council comments, newest first, at most `limit`: for their export (PersonalRead). */
export const councilCommentsOfRead = (openid: string, limit: number) => personalRead(COUNCIL_COMMENTS, councilCommentDocSchema, { 'author.openid': openid }, limit, 'createdAt');
