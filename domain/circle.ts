import * as z from './zod';
import { Audience, audienceSchema } from './activities';
import { audienceIncludes } from './activity-rules';
import { fileIdSchema, idSchema, isoDateSchema, openidSchema, text } from './common';
import { Role } from './people';
import { canManageCommunity } from './permissions';

/**
 * The neighbourhood circle (友邻圈): residents' posts and the committee's notices, with comments,
 * likes, reports and moderation. Pure rules here; the `circle` function applies them.
 */

/** What residents post: a neighbour post, a mutual-help request (邻里互助, can be marked resolved), lost and found. */
export const POST_KINDS = ['neighbour', 'help', 'lostFound'] as const;
export const postKindSchema = z.enum(POST_KINDS);
/** Everything in the circle: residents' kinds plus the committee's notices. */
export const itemKindSchema = z.enum([...POST_KINDS, 'notice']);
export type ItemKind = z.infer<typeof itemKindSchema>;
export const ITEM_KIND_NAMES: Record<ItemKind, string> = { neighbour: '邻里动态', help: '邻里互助', lostFound: '失物招领', notice: '社区公告' };

export const postContentSchema = text(1, 1000, '内容');
export const commentContentSchema = text(1, 500, '评论');
export const noticeTitleSchema = text(2, 40, '标题');
export const imagesSchema = z.array(fileIdSchema).check(z.maxLength(9, '最多 9 张图片'));

/**
 * Where content stands. `published`: everyone it is for sees it. `review`: the content check said
 * "review": only the author and the committee's review queue see it until a committee member
 * approves or hides it. `hidden`: a committee member hid it (the author still sees it, marked).
 * `removed`: the author deleted it; nobody sees it.
 */
export const contentStatusSchema = z.enum(['published', 'review', 'hidden', 'removed']);
export type ContentStatus = z.infer<typeof contentStatusSchema>;

/**
 * Images have no automatic check in the emulator (WeChat's media check is asynchronous, by callback):
 * they stay `pending`, shown only to the author and the committee, until a committee member approves
 * them in the review queue (`moderate`); `rejected` images are shown to nobody else.
 */
export const imageStatusSchema = z.enum(['none', 'pending', 'approved', 'rejected']);
export type ImageStatus = z.infer<typeof imageStatusSchema>;

/** A notice's audience is an activity's: the community, some grids, some buildings, or public (visitors too). */
export const noticeAudienceSchema = audienceSchema;

/** What others see of an author: display name and building only. */
export const authorSchema = z.object({
  displayName: z.string(),
  building: z.nullable(z.string()),
  /** Only the committee of the community is told who posted (anonymous mutual-help requests included). */
  openid: z.nullable(openidSchema),
  anonymous: z.boolean(),
});

export const circleItemSchema = z.object({
  id: idSchema,
  communityId: idSchema,
  kind: itemKindSchema,
  title: z.nullable(z.string()),
  content: z.string(),
  /** The images this viewer may see (pending ones only for the author and the committee). */
  images: z.array(z.string()),
  imageStatus: imageStatusSchema,
  author: authorSchema,
  status: contentStatusSchema,
  /** Notices only. */
  pinned: z.boolean(),
  audience: z.nullable(noticeAudienceSchema),
  readCount: z.nullable(z.number()),
  /** Mutual-help requests only. */
  resolved: z.nullable(z.boolean()),
  likeCount: z.number(),
  commentCount: z.number(),
  likedByMe: z.boolean(),
  mine: z.boolean(),
  createdAt: isoDateSchema,
});
export type CircleItem = z.infer<typeof circleItemSchema>;

export const commentSchema = z.object({
  id: idSchema,
  postId: idSchema,
  /** The comment this one replies to, if any. */
  parentId: z.nullable(idSchema),
  content: z.string(),
  author: authorSchema,
  status: contentStatusSchema,
  mine: z.boolean(),
  createdAt: isoDateSchema,
});
export type Comment = z.infer<typeof commentSchema>;

export const reportSchema = z.object({
  id: idSchema,
  target: z.enum(['post', 'comment']),
  targetId: idSchema,
  postId: idSchema,
  reason: z.string(),
  /** What was reported, as it stands now. */
  content: z.string(),
  targetStatus: contentStatusSchema,
  createdAt: isoDateSchema,
});

/** Who someone is to the circle of one community. */
export interface Viewer {
  openid: string;
  roles: readonly Role[];
  communityId: string | null;
  gridId: string | null;
  buildingId: string | null;
}

/** Residents bound to a building of the community post, comment and like there. */
export function isResidentOf(viewer: Viewer, communityId: string): boolean {
  return viewer.communityId === communityId && viewer.buildingId !== null;
}

/** Who may take part (comment, like) in a community's circle: its residents and its committee. */
export function canParticipate(viewer: Viewer, communityId: string): boolean {
  return isResidentOf(viewer, communityId) || canManageCommunity(viewer.roles, communityId);
}

/**
 * The keys an item is filed under for the feed query, so "what may I see" is one `$in`: `c:<community>`
 * for everyone of the community, `g:<grid>` / `b:<building>` for targeted notices, `public` for
 * public notices (anyone, visitors included).
 */
export function audienceKeysOf(kind: ItemKind, communityId: string, audience: Audience | null): string[] {
  if (kind !== 'notice' || !audience || audience.kind === 'community') return [`c:${communityId}`];
  if (audience.kind === 'public') return ['public', `c:${communityId}`];
  if (audience.kind === 'grids') return audience.ids.map((id) => `g:${id}`);
  return audience.ids.map((id) => `b:${id}`);
}

/** The keys of what a viewer may see in a community's feed (null: everything, for its committee). */
export function viewerKeys(viewer: Viewer, communityId: string | null): string[] | null {
  if (communityId !== null && canManageCommunity(viewer.roles, communityId)) return null;
  if (communityId === null || viewer.communityId !== communityId) return ['public'];
  const keys = [`c:${communityId}`];
  if (viewer.gridId) keys.push(`g:${viewer.gridId}`);
  if (viewer.buildingId) keys.push(`b:${viewer.buildingId}`);
  return keys;
}

/** Whether a viewer may see an item at all (its content: images have their own rule). */
export function canSeeItem(viewer: Viewer, item: { kind: ItemKind; communityId: string; audience: Audience | null; status: ContentStatus; authorOpenid: string }): boolean {
  if (item.status === 'removed') return false;
  if (canManageCommunity(viewer.roles, item.communityId)) return true;
  if (item.authorOpenid === viewer.openid) return true;
  if (item.status !== 'published') return false;
  if (item.kind === 'notice') return audienceIncludes(item.audience ?? { kind: 'community' }, item.communityId, viewer);
  return viewer.communityId === item.communityId;
}

/** Images are shown to others only once approved; the author and the committee see them pending. */
export function canSeeImages(viewer: Viewer, item: { communityId: string; imageStatus: ImageStatus; authorOpenid: string }): boolean {
  if (item.imageStatus === 'approved') return true;
  if (item.imageStatus === 'none') return false;
  return item.authorOpenid === viewer.openid || canManageCommunity(viewer.roles, item.communityId);
}

/** WeChat's msgSecCheck labels, in words a resident understands. */
export const RISK_LABELS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  21000: '其他违规',
};

/** The message a resident reads when their text is refused. */
export function riskyMessage(label: number): string {
  return `内容含有${RISK_LABELS[label] ?? '违规'}信息，未能发布，请修改后再发`;
}

export const MODERATION_UNAVAILABLE = '内容审核暂时不可用，请稍后再发';
