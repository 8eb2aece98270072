import { freshModeration } from '../../../../server/repositories/moderated-fields';
import { Comment, canParticipate } from '../../../../domain/circle';
import { AppError } from '../../../../domain/result';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { SCENE, checkText } from '../../../../server/moderation';
import { placeNames } from '../../../../server/places';
import { CommentDoc, getComment, insertComment } from '../../../../server/repositories/comments';
import { PostDoc, bumpCounter } from '../../../../server/repositories/posts';
import { addLike, removeLike } from '../../../../server/repositories/reactions';
import { toComment, viewerOf } from '../views';
import { visiblePost } from './browse';

/** A published post or notice the caller may take part in: its community's residents and committee. */
async function postToJoin(postId: string, ctx: RequestContext, what: string): Promise<PostDoc> {
  const doc = await visiblePost(postId, ctx);
  if (!canParticipate(viewerOf(ctx), doc.communityId)) throw new AppError('PERMISSION_DENIED', `绑定本居民区的楼组后才能${what}`);
  if (doc.status !== 'published') throw new AppError('FAILED_PRECONDITION', `这条内容还未公开，暂时不能${what}`);
  return doc;
}

/**
 * A comment on a post or notice, or a reply to one of its comments. Checked (scene 2) before it is
 * written, like posts; `commentCount` counts published comments only.
 */
export async function comment(input: { postId: string; content: string; replyTo?: string }, ctx: RequestContext): Promise<Comment> {
  const post = await postToJoin(input.postId, ctx, '评论');
  if (input.replyTo) {
    const parent = await getComment(input.replyTo);
    if (!parent || parent.postId !== post._id || parent.status !== 'published') throw new AppError('NOT_FOUND', '没有找到要回复的评论');
  }
  const check = await checkText(ctx.openid, SCENE.comment, input.content);
  const buildingId = ctx.user.communityId === post.communityId ? ctx.user.buildingId : null;
  const building = buildingId ? (await placeNames([buildingId])).get(buildingId) : null;
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
 * Likes a post once however often it is sent: the like is a document whose id comes from the post
 * and the person, and the counter moves only when this call created it. `likeCount` in the answer
 * is the post's as read plus this call's own change.
 */
export async function like(input: { postId: string }, ctx: RequestContext): Promise<{ liked: boolean; likeCount: number }> {
  const post = await postToJoin(input.postId, ctx, '点赞');
  const created = await addLike(post._id, ctx.openid, ctx.now);
  if (created) await bumpCounter(post._id, 'likeCount', 1);
  return { liked: true, likeCount: post.likeCount + (created ? 1 : 0) };
}

export async function unlike(input: { postId: string }, ctx: RequestContext): Promise<{ liked: boolean; likeCount: number }> {
  const post = await postToJoin(input.postId, ctx, '点赞');
  const removed = await removeLike(post._id, ctx.openid);
  if (removed) await bumpCounter(post._id, 'likeCount', -1);
  return { liked: false, likeCount: Math.max(0, post.likeCount - (removed ? 1 : 0)) };
}
