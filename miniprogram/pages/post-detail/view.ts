/** Turns a post and its comments into what 帖子详情 shows (pure, so the page stays thin). */
import { ITEM_KIND_NAMES } from '../../generated/domain';
import { CircleComment, CircleItem } from '../../services/circle/circle';
import { authorName, badgeOf, commentNote, moderationNote, stateOf, timeAgo } from '../circle/view';

/** What a report may say: WeChat's action sheet takes at most six; 其他 asks for the reason in words. */
export const REPORT_REASONS = ['广告或骚扰', '虚假信息', '辱骂或人身攻击', '违法违规', '泄露他人隐私', '其他'];
export const OTHER_REASON = '其他';
export const REPORTED = '已收到你的举报，居委会会尽快核实处理，谢谢你';

export interface PostView {
  id: string;
  kindName: string;
  badge: string;
  title: string;
  content: string;
  author: string;
  time: string;
  /** The pictures as `<image src>` and wx.previewImage take them. */
  images: string[];
  state: string;
  note: string;
  /** 已读 N 人, for notices. */
  reads: string;
  /** Published: others may like, comment and report it. */
  open: boolean;
  mine: boolean;
  /** My mutual-help request: I may mark it resolved or open again. */
  canResolve: boolean;
  resolved: boolean;
}

export interface CommentView {
  id: string;
  author: string;
  time: string;
  content: string;
  /** Who this one replies to, '' for a comment on the post itself. */
  replyTo: string;
  note: string;
  mine: boolean;
  /** Published comments may be replied to and reported. */
  open: boolean;
}

export function postView(item: CircleItem, urls: readonly string[], now: number): PostView {
  return {
    id: item.id,
    kindName: ITEM_KIND_NAMES[item.kind],
    badge: badgeOf(item),
    title: item.title || '',
    content: item.content,
    author: authorName(item.author, item.mine),
    time: timeAgo(item.createdAt, now),
    images: [...urls],
    state: stateOf(item),
    note: moderationNote(item),
    reads: item.kind === 'notice' && item.readCount !== null ? `已读 ${item.readCount} 人` : '',
    open: item.status === 'published',
    mine: item.mine,
    canResolve: item.mine && item.kind === 'help',
    resolved: item.resolved === true,
  };
}

/** The name a reply shows for its parent; the names of comments already on screen are in `names`. */
export function commentView(c: CircleComment, names: ReadonlyMap<string, string>, now: number): CommentView {
  const parent = c.parentId ? names.get(c.parentId) || '一条评论' : '';
  return {
    id: c.id,
    author: authorName(c.author, c.mine),
    time: timeAgo(c.createdAt, now),
    content: c.content,
    replyTo: parent,
    note: commentNote(c),
    mine: c.mine,
    open: c.status === 'published',
  };
}

/** Names to show in replies: the display name only (the building says nothing here). */
export const replyName = (c: CircleComment): string => c.author.displayName;
