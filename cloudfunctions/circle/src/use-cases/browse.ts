import { z } from 'zod/mini';
import { CircleItem, Comment, canSeeItem, viewerKeys } from '../../../../domain/circle';
import { MAX_PAGE } from '../../../../domain/common';
import { circleContract } from '../../../../domain/contract/circle';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { commentsLookup, parseComments } from '../../../../server/repositories/comments';
import { decodePositionCursor, encodePositionCursor } from '../../../../server/repositories/docs';
import { FeedFilter, PostDoc, bumpCounter, feedPage, getPost, postWith } from '../../../../server/repositories/posts';
import { addRead, likedAmong, myLikeLookup, myReadLookup } from '../../../../server/repositories/reactions';
import { managing, toComment, toItem, viewerOf } from '../views';

/** At most this many pinned notices lead the first page. */
const PINNED_MAX = 5;

/**
 * What I may see, newest first: my community's posts and the notices whose audience includes my
 * building (its committee sees every notice of it); a visitor, or anyone looking at a community
 * not their own, sees its public notices only (with no community, public notices everywhere).
 * Pinned notices lead the first page and only it; the rest is ordered by (createdAt, id) descending
 * and the cursor is a position in that order, so posts written while someone pages never make a
 * later page repeat or skip anything. Database requests: the page (the first one reads its pinned
 * notices in the same walk, pinned first; a third only when more than PINNED_MAX are pinned) and my
 * likes among it (none for someone of no community, who cannot like).
 */
export async function feed(input: z.infer<typeof circleContract.feed.input>, ctx: RequestContext) {
  const viewer = viewerOf(ctx);
  const communityId = input.communityId ?? ctx.user.communityId;
  const keys = viewerKeys(viewer, communityId);
  const after = decodePositionCursor(input.cursor);
  const limit = input.limit ?? MAX_PAGE;
  const filter = { communityId, keys, openid: ctx.openid, kind: input.kind };
  const pinnedLimit = Math.min(PINNED_MAX, limit - 1);
  const withPinned = !after && pinnedLimit > 0 && (!input.kind || input.kind === 'notice');
  const { pinned, docs, streamLimit } = withPinned
    ? await firstPage(filter, limit, pinnedLimit)
    : { pinned: [], docs: await feedPage({ ...filter, pinned: false, after, limit: limit + 1 }), streamLimit: limit };
  const page = docs.slice(0, streamLimit);
  const shown = [...pinned, ...page];
  const liked =
    ctx.user.communityId === null
      ? new Set<string>()
      : await likedAmong(
          shown.map((d) => d._id),
          ctx.openid,
        );
  const last = page[page.length - 1];
  return {
    items: shown.map((d) => toItem(d, viewer, liked.has(d._id))),
    nextCursor: docs.length > streamLimit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null,
  };
}

/** The first page: pinned notices (at most pinnedLimit) then the stream, from one walk when it holds no more pinned than that. */
async function firstPage(filter: Omit<FeedFilter, 'pinned' | 'after' | 'limit'>, limit: number, pinnedLimit: number): Promise<{ pinned: PostDoc[]; docs: PostDoc[]; streamLimit: number }> {
  const both = await feedPage({ ...filter, pinned: null, after: null, limit: limit + 1 });
  const pinnedFound = both.filter((d) => d.pinned);
  const pinned = pinnedFound.slice(0, pinnedLimit);
  const streamLimit = limit - pinned.length;
  if (pinnedFound.length <= pinnedLimit) return { pinned, docs: both.filter((d) => !d.pinned), streamLimit };
  return { pinned, docs: await feedPage({ ...filter, pinned: false, after: null, limit: streamLimit + 1 }), streamLimit };
}

function visibleTo(doc: PostDoc, ctx: RequestContext): boolean {
  return canSeeItem(viewerOf(ctx), { kind: doc.kind, communityId: doc.communityId, audience: doc.audience, status: doc.status, authorOpenid: doc.author.openid });
}

const NOT_FOUND = '没有找到这条内容，可能已被删除';

/** The post or notice as read if I may see it (NOT_FOUND otherwise, whether it exists or not). */
export function seenOrNotFound(doc: PostDoc | null | undefined, ctx: RequestContext): PostDoc {
  if (!doc || !visibleTo(doc, ctx)) throw new AppError('NOT_FOUND', NOT_FOUND);
  return doc;
}

/** A post or notice I may see (NOT_FOUND otherwise). */
export async function visiblePost(postId: string, ctx: RequestContext): Promise<PostDoc> {
  return seenOrNotFound(await getPost(postId), ctx);
}

/**
 * One post or notice with its comments, oldest first, 20 a page: ONE aggregation (the post, my like
 * of it, whether I opened it before, its comments I may see). Opening a published notice the first
 * time counts one read per person: a read document whose id comes from the notice and the person,
 * and the counter moves only when this call created it (two writes, once per person and notice).
 */
export async function get(input: z.infer<typeof circleContract.get.input>, ctx: RequestContext): Promise<{ item: CircleItem; comments: { items: Comment[]; nextCursor: string | null } }> {
  const limit = input.limit ?? MAX_PAGE;
  const comments = commentsLookup(input.postId, { openid: ctx.openid, managing: managing(ctx) }, decodePositionCursor(input.cursor), limit + 1);
  const read = await postWith(input.postId, { liked: myLikeLookup(input.postId, ctx.openid), opened: myReadLookup(input.postId, ctx.openid), comments });
  const doc = seenOrNotFound(read?.doc, ctx);
  const { liked, opened, comments: found } = read?.joined ?? { liked: [], opened: [], comments: [] };
  const firstOpen = doc.kind === 'notice' && doc.status === 'published' && !input.cursor && opened.length === 0;
  if (firstOpen && (await addRead(doc._id, ctx.openid, ctx.now))) {
    await bumpCounter(doc._id, 'readCount', 1);
    doc.readCount += 1;
  }
  const viewer = viewerOf(ctx);
  const docs = parseComments(found);
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return {
    item: toItem(doc, viewer, liked.length > 0),
    comments: { items: page.map((c) => toComment(c, viewer)), nextCursor: docs.length > limit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null },
  };
}
