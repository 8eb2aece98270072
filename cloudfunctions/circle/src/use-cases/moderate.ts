import { z } from 'zod/mini';
import { ContentStatus, ImageStatus, canSeeItem, viewerKeys } from '../../../../domain/circle';
import { MAX_PAGE } from '../../../../domain/common';
import { QueueEntry, circleContract } from '../../../../domain/contract/circle';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { countedWrite } from '../../../../server/kit/counted-write';
import { RequestContext } from '../../../../server/kit/router';
import { CommentDoc, bumpCommentReports, commentWith, commentWithOpenReport, commentsToReview, getComment, getComments, updateCommentIf } from '../../../../server/repositories/comments';
import { decodePositionCursor, encodePositionCursor } from '../../../../server/repositories/docs';
import {
  PostDoc,
  Reach,
  bumpCounter,
  bumpCounterIfReached,
  getPost,
  getPosts,
  parsePosts,
  postOfCommentLookup,
  postWithOpenReport,
  postsToReview,
  updatePostIf,
} from '../../../../server/repositories/posts';
import { ReportDoc, closeReports, insertReport, openReports, reportExists, reportId } from '../../../../server/repositories/reports';
import { commentEntry, postEntry, viewerOf } from '../views';

type Target = { target: 'post' | 'comment'; id: string };
type Found = { kind: 'post'; doc: PostDoc } | { kind: 'comment'; doc: CommentDoc; post: PostDoc | null };

const CHANGED_MEANWHILE = '这条内容刚被其他人处理过，请刷新后再试';

async function find(target: Target): Promise<Found | null> {
  if (target.target === 'post') {
    const doc = await getPost(target.id);
    return doc ? { kind: 'post', doc } : null;
  }
  const doc = await getComment(target.id);
  return doc ? { kind: 'comment', doc, post: null } : null;
}

/** The target with whether any report of it is open, in one request. */
async function findReported(target: Target): Promise<(Found & { reported: boolean }) | null> {
  if (target.target === 'post') {
    const post = await postWithOpenReport(target.id);
    return post && { kind: 'post', doc: post.doc, reported: post.reported };
  }
  const comment = await commentWithOpenReport(target.id);
  return comment && { kind: 'comment', doc: comment.doc, post: null, reported: comment.reported };
}

/** The target, for the committee of its community only; with whether it has open reports to close. */
async function managed(target: Target, ctx: RequestContext): Promise<Found & { reported: boolean }> {
  const found = await findReported(target);
  if (!found || found.doc.status === 'removed') throw new AppError('NOT_FOUND', '没有找到这条内容，可能已被作者删除');
  if (!canManageCommunity(ctx.user.roles, found.doc.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以处理这条内容');
  return found;
}

/** Moves a target from its current status, only if nobody changed it meanwhile; keeps the post's comment count on published comments. */
async function transition(
  found: Found,
  patch: { status: ContentStatus; needsReview: boolean; imageStatus?: ImageStatus; moderatedBy?: string; moderatedAt?: Date; hideReason?: string | null },
  ctx: RequestContext,
  author?: string,
): Promise<void> {
  const from = found.doc.status;
  const condition = { status: [from], authorOpenid: author };
  const data = { ...patch, updatedAt: ctx.now };
  const changed = found.kind === 'post' ? await updatePostIf(found.doc._id, condition, data) : await updateCommentIf(found.doc._id, condition, data);
  if (!changed) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
  if (found.kind === 'comment' && (from === 'published') !== (patch.status === 'published')) {
    await bumpCounter(found.doc.postId, 'commentCount', patch.status === 'published' ? 1 : -1);
  }
}

function hiddenImages(found: Found): ImageStatus | undefined {
  return found.kind === 'post' && found.doc.imageStatus === 'pending' ? 'rejected' : undefined;
}

/**
 * Anyone who can see a published post or comment reports it with a reason, once per person (the
 * report's id comes from the target and the person). A post of my own community costs two requests,
 * the write first: its report counter moves in one conditional update that succeeds only on a
 * published post of my community I may see, then the report is inserted (one already there moves
 * the counter back; an insert that throws is looked up by its id first, and the timer's
 * `recountCounts` corrects a call that died between the two). Anything else is read first, then written: three (a comment is read with its
 * post); a resident reporting a public notice of another community pays the refused write too.
 */
export async function report(input: Target & { reason: string }, ctx: RequestContext): Promise<{ reported: boolean }> {
  const home = ctx.user.communityId;
  if (input.target === 'post' && home && (await bumpCounterIfReached(input.id, inHome(home, ctx), 'reportCount', 1, ctx.now))) {
    const doc = reportOf(input, home, input.id, ctx);
    const created = await countedWrite(
      () => insertReport(doc),
      () => reportExists(doc._id),
      () => bumpCounter(input.id, 'reportCount', -1),
    );
    if (!created) await bumpCounter(input.id, 'reportCount', -1);
    return { reported: true };
  }
  const found = await targetWithPost(input);
  const post = found?.post;
  const visible =
    !!found &&
    !!post &&
    found.doc.status === 'published' &&
    canSeeItem(viewerOf(ctx), { kind: post.kind, communityId: post.communityId, audience: post.audience, status: post.status, authorOpenid: post.author.openid });
  if (!found || !post || !visible) throw new AppError('NOT_FOUND', '没有找到这条内容，可能已被删除');
  if (await insertReport(reportOf(input, found.doc.communityId, post._id, ctx))) {
    // Stamped: a recount that read the post between the insert and this move looks at it again.
    if (input.target === 'post') await bumpCounter(input.id, 'reportCount', 1, ctx.now);
    else await bumpCommentReports(input.id, 1);
  }
  return { reported: true };
}

/** The published posts of my own community I may see, in a query's terms (all of them for its committee). */
function inHome(home: string, ctx: RequestContext): Reach {
  const keys = viewerKeys(viewerOf(ctx), home);
  return keys ? { openid: ctx.openid, managing: [], home: { communityId: home, keys }, anywhere: false } : { openid: ctx.openid, managing: [home], home: null, anywhere: false };
}

/** The reported post, or the reported comment with its post, in one request. */
async function targetWithPost(target: Target): Promise<{ doc: PostDoc | CommentDoc; post: PostDoc | null } | null> {
  if (target.target === 'post') {
    const doc = await getPost(target.id);
    return doc && { doc, post: doc };
  }
  const found = await commentWith(target.id, { post: postOfCommentLookup });
  return found && { doc: found.doc, post: parsePosts(found.joined.post)[0] ?? null };
}

function reportOf(input: Target & { reason: string }, communityId: string, postId: string, ctx: RequestContext): ReportDoc {
  return {
    _id: reportId(input.target, input.id, ctx.openid),
    communityId,
    target: input.target,
    targetId: input.id,
    postId,
    reporter: ctx.openid,
    reason: input.reason,
    status: 'open',
    outcome: null,
    closedBy: null,
    closedAt: null,
    createdAt: ctx.now,
  };
}

/**
 * The committee hides a post or comment (from everyone but its author); its open reports close as
 * handled. Two requests (the target with whether it has open reports, the change), three when
 * reports are open: they are documents of their own, one per reporter.
 */
export async function hide(input: Target & { reason?: string }, ctx: RequestContext) {
  const found = await managed(input, ctx);
  if (found.doc.status !== 'hidden') {
    await transition(found, { status: 'hidden', needsReview: false, imageStatus: hiddenImages(found), moderatedBy: ctx.openid, moderatedAt: ctx.now, hideReason: input.reason ?? null }, ctx);
  }
  return { status: 'hidden' as const, reportsClosed: found.reported ? await closeReports(input.id, 'hidden', ctx.openid, ctx.now) : 0 };
}

/** The committee shows a hidden post or comment again, or keeps a reported one; its open reports close as kept (costs as hide). */
export async function restore(input: Target, ctx: RequestContext) {
  const found = await managed(input, ctx);
  if (found.doc.status === 'review') throw new AppError('FAILED_PRECONDITION', '这条内容在审核队列里，请在审核中通过');
  if (found.doc.status === 'hidden') await transition(found, { status: 'published', needsReview: false, moderatedBy: ctx.openid, moderatedAt: ctx.now, hideReason: null }, ctx);
  return { status: 'published' as const, reportsClosed: found.reported ? await closeReports(input.id, 'kept', ctx.openid, ctx.now) : 0 };
}

/** Authors delete their own posts and comments (nobody else's: the committee hides instead). */
export async function remove(input: Target, ctx: RequestContext) {
  const found = await find(input);
  if (!found || found.doc.author.openid !== ctx.openid) {
    if (
      found &&
      found.doc.status !== 'removed' &&
      (canManageCommunity(ctx.user.roles, found.doc.communityId) ||
        (found.kind === 'post' ? canSeeItem(viewerOf(ctx), { ...found.doc, authorOpenid: found.doc.author.openid }) : found.doc.status === 'published'))
    ) {
      throw new AppError('PERMISSION_DENIED', '只能删除自己发的内容');
    }
    throw new AppError('NOT_FOUND', '没有找到你发的这条内容');
  }
  if (found.doc.status !== 'removed') await transition(found, { status: 'removed', needsReview: false }, ctx, ctx.openid);
  return { status: 'removed' as const };
}

/** The committee's review queue: text the content check sent to review and images not yet approved, oldest first. */
export async function reviewQueue(input: z.infer<typeof circleContract.reviewQueue.input>, ctx: RequestContext) {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以查看审核队列');
  const limit = input.limit ?? MAX_PAGE;
  const after = decodePositionCursor(input.cursor);
  const viewer = viewerOf(ctx);
  const docs: { createdAt: Date; _id: string; entry: QueueEntry }[] =
    input.target === 'comment'
      ? (await commentsToReview(input.communityId, after, limit + 1)).map((d) => ({ createdAt: d.createdAt, _id: d._id, entry: commentEntry(d, viewer) }))
      : (await postsToReview(input.communityId, after, limit + 1)).map((d) => ({ createdAt: d.createdAt, _id: d._id, entry: postEntry(d, viewer) }));
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((d) => d.entry), nextCursor: docs.length > limit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null };
}

/** Approve (the text is published, pending images shown) or hide something in the review queue. */
export async function moderate(input: Target & { decision: 'approve' | 'hide' }, ctx: RequestContext) {
  const found = await managed(input, ctx);
  if (!found.doc.needsReview) throw new AppError('FAILED_PRECONDITION', '这条内容不在审核队列里');
  if (input.decision === 'hide') {
    const imageStatus = hiddenImages(found);
    await transition(found, { status: 'hidden', needsReview: false, imageStatus, moderatedBy: ctx.openid, moderatedAt: ctx.now, hideReason: null }, ctx);
    if (found.reported) await closeReports(input.id, 'hidden', ctx.openid, ctx.now);
    return { status: 'hidden' as const, imageStatus: imageStatus ?? (found.kind === 'post' ? found.doc.imageStatus : 'none') };
  }
  const status: ContentStatus = found.doc.status === 'review' ? 'published' : found.doc.status;
  const imageStatus: ImageStatus = found.kind === 'post' && found.doc.imageStatus === 'pending' ? 'approved' : found.kind === 'post' ? found.doc.imageStatus : 'none';
  await transition(found, { status, needsReview: false, ...(found.kind === 'post' ? { imageStatus } : {}), moderatedBy: ctx.openid, moderatedAt: ctx.now }, ctx);
  return { status, imageStatus };
}

/** The committee's report queue: open reports of the community, oldest first, with what was reported as it stands. */
export async function reports(input: z.infer<typeof circleContract.reports.input>, ctx: RequestContext) {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以处理举报');
  const limit = input.limit ?? MAX_PAGE;
  const docs = await openReports(input.communityId, decodePositionCursor(input.cursor), limit + 1);
  const page = docs.slice(0, limit);
  const [posts, comments] = await Promise.all([
    getPosts(page.filter((r) => r.target === 'post').map((r) => r.targetId)),
    getComments(page.filter((r) => r.target === 'comment').map((r) => r.targetId)),
  ]);
  const byId = new Map<string, { content: string; status: ContentStatus }>([...posts, ...comments].map((d) => [d._id, { content: d.content, status: d.status }]));
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r._id,
      target: r.target,
      targetId: r.targetId,
      postId: r.postId,
      reason: r.reason,
      content: byId.get(r.targetId)?.content ?? '',
      targetStatus: byId.get(r.targetId)?.status ?? ('removed' as const),
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: docs.length > limit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null,
  };
}
