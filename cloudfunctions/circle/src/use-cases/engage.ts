import { freshModeration } from '../../../../server/repositories/moderated-fields';
import { Comment, canParticipate, viewerKeys } from '../../../../domain/circle';
import { AppError } from '../../../../domain/result';
import { countedWrite } from '../../../../server/kit/counted-write';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { SCENE, checkText } from '../../../../server/moderation';
import { CommentDoc, commentLookup, insertComment, parseComments } from '../../../../server/repositories/comments';
import { PostDoc, Reach, bumpCounter, bumpCounterIfReached, getPost, postWith } from '../../../../server/repositories/posts';
import { addLike, likeExists, removeLike } from '../../../../server/repositories/reactions';
import { parseUnitDocs, unitsLookup } from '../../../../server/repositories/units';
import { managing, toComment, viewerOf } from '../views';
import { seenOrNotFound } from './browse';

/** A published post or notice the caller may take part in, as read: its community's residents and committee. */
function joinable(read: PostDoc | null | undefined, ctx: RequestContext, what: string): PostDoc {
  const doc = seenOrNotFound(read, ctx);
  if (!canParticipate(viewerOf(ctx), doc.communityId)) throw new AppError('PERMISSION_DENIED', `绑定本居民区的楼组后才能${what}`);
  if (doc.status !== 'published') throw new AppError('FAILED_PRECONDITION', `这条内容还未公开，暂时不能${what}`);
  return doc;
}

/**
 * The posts the caller may take part in, in a query's terms (as `joinable` decides on a post read):
 * every one of the communities they manage, and those of the community they live in filed under
 * their audience keys (or their own).
 */
function participant(ctx: RequestContext): Reach {
  const { communityId, buildingId } = ctx.user;
  const home = communityId && buildingId ? { communityId, keys: viewerKeys(viewerOf(ctx), communityId) ?? [] } : null;
  return { openid: ctx.openid, managing: managing(ctx), home, anywhere: false };
}

/** After a conditional write refused: reads the post to say why (CONFLICT when it has changed since and would now be allowed). */
async function whyNot(postId: string, ctx: RequestContext, what: string): Promise<never> {
  joinable(await getPost(postId), ctx, what);
  throw new AppError('CONFLICT', '这条内容刚刚有变化，请再试一次');
}

/**
 * A comment on a post or notice, or a reply to one of its comments. Checked (scene 2) before it is
 * written, like posts; `commentCount` counts published comments only. One aggregation reads the
 * post, the comment replied to and my building's name; then the insert and, when published, the
 * post's counter: three requests (two for a comment sent to review).
 */
export async function comment(input: { postId: string; content: string; replyTo?: string }, ctx: RequestContext): Promise<Comment> {
  const home = ctx.user.buildingId;
  const read = await postWith(input.postId, {
    ...(input.replyTo ? { parent: commentLookup(input.postId, input.replyTo) } : {}),
    ...(home ? { building: unitsLookup([home], 'building') } : {}),
  });
  const post = joinable(read?.doc, ctx, '评论');
  if (input.replyTo) {
    const [parent] = parseComments(read?.joined.parent ?? []);
    if (!parent || parent.status !== 'published') throw new AppError('NOT_FOUND', '没有找到要回复的评论');
  }
  const check = await checkText(ctx.openid, SCENE.comment, input.content);
  const buildingId = ctx.user.communityId === post.communityId ? home : null;
  const building = buildingId ? parseUnitDocs(read?.joined.building ?? [])[0] : undefined;
  const doc: CommentDoc = {
    _id: newId(ctx.now),
    postId: post._id,
    communityId: post.communityId,
    parentId: input.replyTo ?? null,
    content: input.content,
    ...freshModeration({ openid: ctx.openid, displayName: ctx.user.displayName, buildingId, buildingName: building?.name ?? (buildingId ? null : '居委会') }, check, ctx.now),
  };
  await insertComment(doc);
  if (doc.status === 'published') await bumpCounter(post._id, 'commentCount', 1);
  return toComment(doc, viewerOf(ctx));
}

/**
 * Likes a post once however often it is sent, in two requests, the write first: the counter moves
 * in one conditional update that succeeds only on a published post I may take part in (a refusal
 * then reads the post to say why), then the like is a document whose id comes from the post and
 * the person. When it was there already the counter moves back: every call's net change is one
 * exactly when it created the like, so the count is exact once calls end. A like's write that throws
 * is looked up by its id before the counter moves back (it may have been stored, its reply lost);
 * a call that dies between its two writes is corrected by the timer's `recountCounts`. `changed`
 * says whether this call made the difference (false: liked already, e.g. on another phone).
 */
export async function like(input: { postId: string }, ctx: RequestContext): Promise<{ liked: boolean; changed: boolean }> {
  const { postId } = input;
  if (!(await bumpCounterIfReached(postId, participant(ctx), 'likeCount', 1, ctx.now))) await whyNot(postId, ctx, '点赞');
  const created = await countedWrite(
    () => addLike(postId, ctx.openid, ctx.now),
    () => likeExists(postId, ctx.openid),
    () => bumpCounter(postId, 'likeCount', -1),
  );
  if (!created) await bumpCounter(postId, 'likeCount', -1);
  return { liked: true, changed: created };
}

/** Unlikes as `like` likes: the counter first (on the same condition), back up when there was no like to remove. */
export async function unlike(input: { postId: string }, ctx: RequestContext): Promise<{ liked: boolean; changed: boolean }> {
  const { postId } = input;
  if (!(await bumpCounterIfReached(postId, participant(ctx), 'likeCount', -1, ctx.now))) await whyNot(postId, ctx, '点赞');
  const removed = await countedWrite(
    () => removeLike(postId, ctx.openid),
    async () => !(await likeExists(postId, ctx.openid)),
    () => bumpCounter(postId, 'likeCount', 1),
  );
  if (!removed) await bumpCounter(postId, 'likeCount', 1);
  return { liked: false, changed: removed };
}
