import { z } from 'zod/mini';
import { MAX_PAGE } from '../../../../../domain/common';
import { councilContract } from '../../../../../domain/contract/council';
import { COMMENT_STAGES, CouncilComment } from '../../../../../domain/council-deliberation';
import { canManageCommunity, committeeCommunities, isAdmin } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { newId } from '../../../../../server/kit/ids';
import { RequestContext } from '../../../../../server/kit/router';
import { SCENE, checkText } from '../../../../../server/moderation';
import {
  CouncilCommentDoc,
  commentsLookup,
  councilCommentsToReview,
  getCouncilComment,
  insertCouncilComment,
  moderateCouncilCommentIf,
  parseCouncilComments,
} from '../../../../../server/repositories/council-comments';
import { topicWith } from '../../../../../server/repositories/council-topics';
import { parseUnitDocs, unitsLookup } from '../../../../../server/repositories/units';
import { decodePositionCursor, encodePositionCursor } from '../../../../../server/repositories/docs';
import { freshModeration } from '../../../../../server/repositories/moderated-fields';
import { toCouncilComment } from '../../views-deliberation';

type CommentInput = z.infer<typeof councilContract.comment.input>;
type CommentsInput = z.infer<typeof councilContract.comments.input>;
type ModerateInput = z.infer<typeof councilContract.moderateComment.input>;
type QueueInput = z.infer<typeof councilContract.commentQueue.input>;

/**
 * A resident of the community (or its committee) comments on an open topic. The text goes through
 * the circle's content check (scene 2, comments) before anything is written: risky text is refused,
 * doubtful text waits for the committee, seen only by its author.
 */
export async function comment(input: CommentInput, ctx: RequestContext): Promise<CouncilComment> {
  // The topic and the caller's building (its name goes with the comment) in one read.
  const read = await topicWith(input.topicId, ctx.user.buildingId ? { building: unitsLookup([ctx.user.buildingId], 'building') } : {});
  if (!read) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const { topic } = read;
  const manager = canManageCommunity(ctx.user.roles, topic.communityId);
  const resident = ctx.user.communityId === topic.communityId && ctx.user.buildingId !== null;
  if (!manager && !resident) throw new AppError('PERMISSION_DENIED', '绑定本居民区的房屋后才能评论议题');
  if (!COMMENT_STAGES.includes(topic.stage)) throw new AppError('FAILED_PRECONDITION', '这个议题已不在讨论期，不能再评论');
  const check = await checkText(ctx.openid, SCENE.comment, input.content);
  const buildingId = resident ? ctx.user.buildingId : null;
  const building = buildingId ? parseUnitDocs(read.joined.building ?? []).find((u) => u._id === buildingId) : null;
  const doc: CouncilCommentDoc = {
    _id: newId(ctx.now),
    topicId: topic._id,
    communityId: topic.communityId,
    content: input.content,
    ...freshModeration({ openid: ctx.openid, displayName: ctx.user.displayName, buildingId, buildingName: building?.name ?? (buildingId ? null : '居委会') }, check, ctx.now),
  };
  await insertCouncilComment(doc);
  return toCouncilComment(doc, ctx.openid, manager);
}

/** A topic's comments, oldest first, 20 a page: anyone reads the published ones; authors their own; the committee all. */
export async function comments(input: CommentsInput, ctx: RequestContext): Promise<{ items: CouncilComment[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  const managing = isAdmin(ctx.user.roles) ? 'all' : committeeCommunities(ctx.user.roles);
  // The topic and the page of its comments the caller may see, in one aggregation.
  const read = await topicWith(input.topicId, { comments: commentsLookup(input.topicId, { openid: ctx.openid, managing }, decodePositionCursor(input.cursor), limit + 1, 'comments') });
  if (!read) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const manager = canManageCommunity(ctx.user.roles, read.topic.communityId);
  const docs = parseCouncilComments(read.joined.comments ?? []);
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((d) => toCouncilComment(d, ctx.openid, manager)), nextCursor: docs.length > limit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null };
}

/** The committee's queue: its community's comments the content check sent to review, oldest first, 20 a page. */
export async function commentQueue(input: QueueInput, ctx: RequestContext): Promise<{ items: CouncilComment[]; nextCursor: string | null }> {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以查看待审评论');
  const limit = input.limit ?? MAX_PAGE;
  const docs = await councilCommentsToReview(input.communityId, decodePositionCursor(input.cursor), limit + 1);
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((d) => toCouncilComment(d, ctx.openid, true)), nextCursor: docs.length > limit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null };
}

/**
 * The committee hides a comment (its author still sees it, marked, with the reason) or publishes
 * one: a hidden one again, or one the content check sent to review. One conditional write from
 * the status read: two committee members at once change it once, the second is told to refresh.
 */
export async function moderateComment(input: ModerateInput, ctx: RequestContext): Promise<CouncilComment> {
  const doc = await getCouncilComment(input.commentId);
  if (!doc || doc.status === 'removed') throw new AppError('NOT_FOUND', '没有找到这条评论');
  if (!canManageCommunity(ctx.user.roles, doc.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以处理评论');
  const to = input.decision === 'hide' ? 'hidden' : 'published';
  if (doc.status === to) return toCouncilComment(doc, ctx.openid, true);
  const patch = { status: to, needsReview: false, moderatedBy: ctx.openid, moderatedAt: ctx.now, hideReason: to === 'hidden' ? (input.reason ?? null) : null, updatedAt: ctx.now } as const;
  if (!(await moderateCouncilCommentIf(doc._id, doc.status, patch))) throw new AppError('CONFLICT', '这条评论刚被其他人处理过，请刷新后再试');
  return toCouncilComment({ ...doc, ...patch }, ctx.openid, true);
}
