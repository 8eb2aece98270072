/** Turns review-queue entries into what the moderation page shows (pure). */
import { ITEM_KIND_NAMES } from '../../../generated/domain';
import type { QueueEntry } from '../../services/moderation';
import { shanghaiDateTime } from '../../../utils/time';

export interface QueueRow {
  id: string;
  target: QueueEntry['target'];
  kind: string;
  content: string;
  author: string;
  time: string;
  /** Why it waits: its text, its images, or both. */
  why: string;
  images: string[];
}

function why(e: QueueEntry): string {
  const text = e.status === 'review';
  const images = e.imageStatus === 'pending';
  if (text && images) return '文字和图片待审核';
  return images ? '图片待审核' : '文字待审核';
}

/** `images`: what `<image src>` takes for the entry's pictures (services/storage `imageUrls`). */
export function queueRow(e: QueueEntry, images: string[]): QueueRow {
  const author = e.author.anonymous ? `匿名（${e.author.displayName}）` : e.author.displayName;
  return {
    id: e.id,
    target: e.target,
    kind: e.kind ? ITEM_KIND_NAMES[e.kind] : '评论',
    content: e.content,
    author: e.author.building ? `${author} · ${e.author.building}` : author,
    time: shanghaiDateTime(e.createdAt),
    why: why(e),
    images: images.slice(0, 9),
  };
}

/** What a decision did, in plain words. */
export function decidedText(decision: 'approve' | 'hide'): string {
  return decision === 'approve' ? '已通过，邻居们现在能看到了' : '已隐藏，只有作者本人还能看到';
}
