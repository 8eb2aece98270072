/** What pages need from function `circle`, typed by the contract. */
import { ActionInput, ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';

export type FeedPage = ActionOutput<'circle', 'feed'>;
export type CircleItem = FeedPage['items'][number];
export type ItemKind = CircleItem['kind'];
export type PostDetail = ActionOutput<'circle', 'get'>;
export type CircleComment = ActionOutput<'circle', 'comment'>;
export type CommentPage = PostDetail['comments'];
export type NewPost = ActionInput<'circle', 'post'>;
export type PostKind = NewPost['kind'];
export type LikeState = ActionOutput<'circle', 'like'>;
export type ReportTarget = ActionInput<'circle', 'report'>['target'];

/** My community's posts and the notices for my building: pinned notices first, then newest; 20 a page. */
export function getFeed(cursor?: string, kind?: ItemKind): Promise<Result<FeedPage>> {
  const input: ActionInput<'circle', 'feed'> = {};
  if (cursor) input.cursor = cursor;
  if (kind) input.kind = kind;
  return callApi('circle', 'feed', input);
}

/** One post or notice with its comments, oldest first, 20 a page (`cursor` for the next page of comments). */
export function getPost(postId: string, cursor?: string): Promise<Result<PostDetail>> {
  return callApi('circle', 'get', cursor ? { postId, cursor } : { postId });
}

/** Publishes my post; the same key on a retry gets the first call's answer. */
export function publishPost(post: NewPost, idempotencyKey: string): Promise<Result<CircleItem>> {
  return callApi('circle', 'post', post, { idempotencyKey });
}

export function addComment(postId: string, content: string, replyTo?: string): Promise<Result<CircleComment>> {
  return callApi('circle', 'comment', replyTo ? { postId, content, replyTo } : { postId, content });
}

export function setLiked(postId: string, liked: boolean): Promise<Result<LikeState>> {
  return liked ? callApi('circle', 'like', { postId }) : callApi('circle', 'unlike', { postId });
}

/** The author marks their mutual-help request resolved (or open again). */
export function setResolved(postId: string, resolved: boolean): Promise<Result<CircleItem>> {
  return callApi('circle', 'resolve', { postId, resolved });
}

export function report(target: ReportTarget, id: string, reason: string): Promise<Result<ActionOutput<'circle', 'report'>>> {
  return callApi('circle', 'report', { target, id, reason });
}

/**
 * Set when something I did changes the feed (a new post), so the 邻里圈 tab loads it afresh when it
 * shows again; pages live in one JavaScript context, so a module variable reaches them all.
 */
let feedStale = false;
export function markFeedStale(): void {
  feedStale = true;
}
export function takeFeedStale(): boolean {
  const stale = feedStale;
  feedStale = false;
  return stale;
}
