import { CircleItem, Comment, Viewer, canSeeImages } from '../../../domain/circle';
import { QueueEntry } from '../../../domain/contract/circle';
import { canManageCommunity, committeeCommunities, isAdmin } from '../../../domain/permissions';
import { RequestContext } from '../../../server/kit/router';
import { CommentDoc } from '../../../server/repositories/comments';
import { AuthorDoc, PostDoc } from '../../../server/repositories/posts';

export function viewerOf(ctx: RequestContext): Viewer {
  const u = ctx.user;
  return { openid: ctx.openid, roles: u.roles, communityId: u.communityId, gridId: u.gridId, buildingId: u.buildingId };
}

/** The communities whose every post and comment the caller manages ('all' for an admin). */
export const managing = (ctx: RequestContext): 'all' | string[] => (isAdmin(ctx.user.roles) ? 'all' : committeeCommunities(ctx.user.roles));

/** Others see a display name and a building; an anonymous request hides both from all but the author and the committee. */
function authorView(author: AuthorDoc, anonymous: boolean, viewer: Viewer, communityId: string): CircleItem['author'] {
  const manager = canManageCommunity(viewer.roles, communityId);
  const mine = author.openid === viewer.openid;
  if (anonymous && !manager && !mine) return { displayName: '匿名邻居', building: null, openid: null, anonymous: true };
  return { displayName: author.displayName, building: author.buildingName, openid: manager ? author.openid : null, anonymous };
}

export function toItem(doc: PostDoc, viewer: Viewer, likedByMe: boolean): CircleItem {
  const showImages = canSeeImages(viewer, { communityId: doc.communityId, imageStatus: doc.imageStatus, authorOpenid: doc.author.openid });
  return {
    id: doc._id,
    communityId: doc.communityId,
    kind: doc.kind,
    title: doc.title,
    content: doc.content,
    images: showImages ? doc.images : [],
    imageStatus: doc.imageStatus,
    author: authorView(doc.author, doc.anonymous, viewer, doc.communityId),
    status: doc.status,
    pinned: doc.pinned,
    audience: doc.audience,
    readCount: doc.kind === 'notice' ? doc.readCount : null,
    resolved: doc.resolved,
    // A like moves the counter before its document is written, and back when it was there already: read in between, a count may be off by such taps, even below 0.
    likeCount: Math.max(0, doc.likeCount),
    commentCount: doc.commentCount,
    likedByMe,
    mine: doc.author.openid === viewer.openid,
    createdAt: doc.createdAt.toISOString(),
  };
}

export function toComment(doc: CommentDoc, viewer: Viewer): Comment {
  return {
    id: doc._id,
    postId: doc.postId,
    parentId: doc.parentId,
    content: doc.content,
    author: authorView(doc.author, false, viewer, doc.communityId),
    status: doc.status,
    mine: doc.author.openid === viewer.openid,
    createdAt: doc.createdAt.toISOString(),
  };
}

export function postEntry(doc: PostDoc, viewer: Viewer): QueueEntry {
  return {
    target: 'post',
    id: doc._id,
    postId: doc._id,
    kind: doc.kind,
    content: doc.title ? `${doc.title}\n${doc.content}` : doc.content,
    images: doc.images,
    imageStatus: doc.imageStatus,
    status: doc.status,
    author: authorView(doc.author, doc.anonymous, viewer, doc.communityId),
    createdAt: doc.createdAt.toISOString(),
  };
}

export function commentEntry(doc: CommentDoc, viewer: Viewer): QueueEntry {
  return {
    target: 'comment',
    id: doc._id,
    postId: doc.postId,
    kind: null,
    content: doc.content,
    images: [],
    imageStatus: 'none',
    status: doc.status,
    author: authorView(doc.author, false, viewer, doc.communityId),
    createdAt: doc.createdAt.toISOString(),
  };
}
