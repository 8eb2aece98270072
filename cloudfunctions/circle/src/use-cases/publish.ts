import { freshModeration } from '../../../../server/repositories/moderated-fields';
import { z } from 'zod/mini';
import { CircleItem, audienceKeysOf } from '../../../../domain/circle';
import { circleContract } from '../../../../domain/contract/circle';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { SCENE, checkText } from '../../../../server/moderation';
import { requestMediaChecks } from '../../../../server/media-check';
import { placeNames } from '../../../../server/places';
import { PostDoc, getPost, insertPost, updatePostIf } from '../../../../server/repositories/posts';
import { getUnits } from '../../../../server/repositories/units';
import { toItem, viewerOf } from '../views';

type PostInput = z.infer<typeof circleContract.post.input>;
type NoticeInput = z.infer<typeof circleContract.notice.input>;

/**
 * A resident's post to their own community's circle. The text is checked (scene 3) before anything
 * is written: risky is refused, review is stored for the author and the committee's queue only.
 * Images stay pending, shown to the author and the committee only, until WeChat's asynchronous media
 * check passes them all (mediaCheckAsync, asked here; its verdict arrives later, see media-verdict.ts)
 * or a committee member approves them. The checks are asked before the insert, so the post is
 * written once with their trace_ids. Database requests: the caller, the building's name, the insert.
 */
export async function post(input: PostInput, ctx: RequestContext): Promise<CircleItem> {
  const { communityId, buildingId } = ctx.user;
  if (!communityId || !buildingId) throw new AppError('PERMISSION_DENIED', '绑定楼组成为本居民区居民后才能发帖');
  if (input.anonymous && input.kind !== 'help') throw new AppError('INVALID_ARGUMENT', '只有邻里互助可以匿名发布');
  const check = await checkText(ctx.openid, SCENE.post, input.content);
  const building = (await placeNames([buildingId])).get(buildingId);
  const images = input.images ?? [];
  const mediaChecks = images.length ? await requestMediaChecks(ctx.openid, SCENE.post, images) : [];
  const doc: PostDoc = {
    _id: newId(ctx.now),
    communityId,
    kind: input.kind,
    title: null,
    content: input.content,
    images,
    imageStatus: images.length ? 'pending' : 'none',
    ...freshModeration({ openid: ctx.openid, displayName: ctx.user.displayName, buildingId, buildingName: building?.name ?? null }, check, ctx.now, images.length > 0),
    anonymous: input.anonymous === true,
    pinned: false,
    audience: null,
    audienceKeys: audienceKeysOf(input.kind, communityId, null),
    resolved: input.kind === 'help' ? false : null,
    likeCount: 0,
    commentCount: 0,
    readCount: 0,
    mediaChecks,
  };
  await insertPost(doc);
  return toItem(doc, viewerOf(ctx), false);
}

/**
 * A committee member's notice to the whole community, some grids or some buildings (or public:
 * visitors too), pinned or not. Its text is checked like any post; its images are the committee's
 * own and count as approved. Grids and buildings must be live units of the community.
 */
export async function notice(input: NoticeInput, ctx: RequestContext): Promise<CircleItem> {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以发布公告');
  const { audience } = input;
  // The community's unit is read with the audience's, in one request: a notice is signed by the committee.
  const units = await getUnits(audience.kind === 'grids' || audience.kind === 'buildings' ? [input.communityId, ...audience.ids] : [input.communityId]);
  if (audience.kind === 'grids' || audience.kind === 'buildings') {
    const kind = audience.kind === 'grids' ? 'grid' : 'building';
    const fits = (id: string) => units.some((u) => u._id === id && u.kind === kind && u.communityId === input.communityId && !u.archived);
    if (!audience.ids.every(fits)) throw new AppError('INVALID_ARGUMENT', '公告范围里有不属于本居民区的网格或楼组');
  }
  const community = units.find((u) => u._id === input.communityId)?.name ?? '';
  const check = await checkText(ctx.openid, SCENE.post, input.content, input.title);
  const images = input.images ?? [];
  const doc: PostDoc = {
    _id: newId(ctx.now),
    communityId: input.communityId,
    kind: 'notice',
    title: input.title,
    content: input.content,
    images,
    imageStatus: images.length ? 'approved' : 'none',
    // Residents read the committee's signature, not the member who typed it (the committee still sees who).
    ...freshModeration({ openid: ctx.openid, displayName: `${community}居委会`, buildingId: null, buildingName: null }, check, ctx.now),
    anonymous: false,
    pinned: input.pinned === true,
    audience,
    audienceKeys: audienceKeysOf('notice', input.communityId, audience),
    resolved: null,
    likeCount: 0,
    commentCount: 0,
    readCount: 0,
  };
  await insertPost(doc);
  return toItem(doc, viewerOf(ctx), false);
}

/** The author marks their mutual-help request resolved (or open again). */
export async function resolve(input: { postId: string; resolved: boolean }, ctx: RequestContext): Promise<CircleItem> {
  const doc = await getPost(input.postId);
  if (!doc || doc.status === 'removed' || doc.author.openid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到你发的这条内容');
  if (doc.kind !== 'help') throw new AppError('FAILED_PRECONDITION', '只有邻里互助可以标记为已解决');
  const changed = await updatePostIf(doc._id, { status: ['published', 'review', 'hidden'], authorOpenid: ctx.openid }, { resolved: input.resolved, updatedAt: ctx.now });
  if (!changed) throw new AppError('NOT_FOUND', '没有找到你发的这条内容');
  return toItem({ ...doc, resolved: input.resolved, updatedAt: ctx.now }, viewerOf(ctx), false);
}
