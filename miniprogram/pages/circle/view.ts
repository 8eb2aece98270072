/** Turns what the circle API answers into what the circle pages show (pure, so the pages stay thin). */
import { ITEM_KIND_NAMES } from '../../generated/domain';
import { CircleComment, CircleItem, ItemKind } from '../../services/circle/circle';
import { shanghaiDateTime } from '../../utils/time';

/** The feed card (components/post-card) shows this much of a post's text and this many thumbnails. */
export const EXCERPT_CHARS = 80;
export const THUMBNAILS = 3;

export interface CardView {
  id: string;
  kind: ItemKind;
  kindName: string;
  /** 置顶公告 / 公告 for notices, '' for residents' posts. */
  badge: string;
  title: string;
  excerpt: string;
  author: string;
  time: string;
  thumbs: string[];
  /** Pictures beyond the thumbnails. */
  moreImages: number;
  likeCount: number;
  liked: boolean;
  commentCount: number;
  /** 已解决 / 求助中 for mutual-help requests. */
  state: string;
  /** What only the author (and the committee) are told: under review, hidden, pictures pending. */
  note: string;
}

export interface KindTab {
  value: ItemKind | '';
  name: string;
}

export const KIND_TABS: KindTab[] = [
  { value: '', name: '全部' },
  { value: 'neighbour', name: ITEM_KIND_NAMES.neighbour },
  { value: 'help', name: ITEM_KIND_NAMES.help },
  { value: 'lostFound', name: ITEM_KIND_NAMES.lostFound },
  { value: 'notice', name: ITEM_KIND_NAMES.notice },
];

/** The kind a tab's value names, or undefined for 全部 (or anything unknown). */
export function kindOf(value: unknown): ItemKind | undefined {
  return KIND_TABS.find((t) => t.value !== '' && t.value === value)?.value || undefined;
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** 刚刚 / 5 分钟前 / 3 小时前 within a day, then the date and time in Shanghai. */
export function timeAgo(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const ago = now - ms;
  if (ago < MINUTE) return '刚刚';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} 分钟前`;
  if (ago < 24 * HOUR) return `${Math.floor(ago / HOUR)} 小时前`;
  return shanghaiDateTime(iso);
}

/** 匿名邻居 for an anonymous request (the server already hides who); the author and the committee read who, marked anonymous. */
export function authorName(author: CircleItem['author'], mine: boolean): string {
  if (author.anonymous && author.displayName === '匿名邻居') return '匿名邻居';
  const name = mine ? `${author.displayName}（我）` : author.displayName;
  const who = author.building ? `${name} · ${author.building}` : name;
  return author.anonymous ? `${who} · 匿名发布` : who;
}

export function excerpt(text: string, chars = EXCERPT_CHARS): string {
  const all = [...text.replace(/\s+/g, ' ').trim()];
  return all.length > chars ? `${all.slice(0, chars).join('')}…` : all.join('');
}

export function badgeOf(item: CircleItem): string {
  if (item.kind !== 'notice') return '';
  return item.pinned ? '置顶公告' : '公告';
}

export function stateOf(item: CircleItem): string {
  if (item.kind !== 'help' || item.resolved === null) return '';
  return item.resolved ? '已解决' : '求助中';
}

/** What the author (or the committee) is told of a post's moderation, in plain words; '' when there is nothing to say. */
export function moderationNote(item: CircleItem): string {
  if (item.status === 'review') return '内容需要人工审核，审核通过后邻居们才能看到';
  if (item.status === 'hidden') return '这条内容已被居委会隐藏，邻居们看不到';
  if (item.imageStatus === 'pending' && item.images.length > 0) return '图片审核中，审核通过后邻居们才能看到图片';
  if (item.imageStatus === 'rejected' && item.mine) return '图片未通过审核，邻居们看不到';
  return '';
}

export function commentNote(c: CircleComment): string {
  if (c.status === 'review') return '评论需要人工审核，审核通过后邻居们才能看到';
  if (c.status === 'hidden') return '这条评论已被居委会隐藏，邻居们看不到';
  return '';
}

/** One feed card; `urls` are the item's pictures as `<image src>` takes them, in order. */
export function cardView(item: CircleItem, urls: readonly string[], now: number): CardView {
  return {
    id: item.id,
    kind: item.kind,
    kindName: ITEM_KIND_NAMES[item.kind],
    badge: badgeOf(item),
    title: item.title || '',
    excerpt: excerpt(item.content),
    author: authorName(item.author, item.mine),
    time: timeAgo(item.createdAt, now),
    thumbs: urls.slice(0, THUMBNAILS),
    moreImages: Math.max(0, urls.length - THUMBNAILS),
    likeCount: item.likeCount,
    liked: item.likedByMe,
    commentCount: item.commentCount,
    state: stateOf(item),
    note: moderationNote(item),
  };
}

/** The fileIDs the cards show (the first few of each item), flat, and how to put their URLs back per item. */
export function thumbnailIds(items: readonly CircleItem[]): string[] {
  return items.reduce<string[]>((ids, item) => ids.concat(item.images.slice(0, THUMBNAILS)), []);
}

export function cardsOf(items: readonly CircleItem[], urls: readonly string[], now: number): CardView[] {
  let at = 0;
  return items.map((item) => {
    const mine = urls.slice(at, at + Math.min(THUMBNAILS, item.images.length));
    at += mine.length;
    const card = cardView(item, mine, now);
    // The card counts every picture, not only the thumbnails it shows.
    card.moreImages = Math.max(0, item.images.length - mine.length);
    return card;
  });
}
