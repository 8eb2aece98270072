/**
 * 待审评论 (pure): a comment the content check sent to the committee, with why it was held, who
 * wrote it and when; once handled on this page, what was done (隐藏 with the reason its author
 * reads, or 发布), and the move that undoes it (a hidden one can be 恢复, i.e. published).
 */
import { CouncilComment } from '../../../services/council/types';
import { shanghaiDateTime } from '../../../utils/time';

export interface QueueRow {
  id: string;
  topicId: string;
  who: string;
  when: string;
  content: string;
  /** Why it waits (the content check's hint); '' when the check gave none. */
  why: string;
  /** '' while waiting; else what the committee did. */
  outcome: string;
  canHide: boolean;
  canPublish: boolean;
  /** 恢复 rather than 发布: it was hidden here. */
  restores: boolean;
}

export function queueRow(c: CouncilComment): QueueRow {
  const where = c.author.building ? `（${c.author.building}）` : '';
  const outcome = c.status === 'hidden' ? `已隐藏${c.hideReason ? `：${c.hideReason}` : ''}（作者会看到理由）` : c.status === 'published' ? '已发布，居民可见' : '';
  return {
    id: c.id,
    topicId: c.topicId,
    who: `${c.author.displayName}${where}`,
    when: shanghaiDateTime(c.createdAt),
    content: c.content,
    why: c.checkWhy || '',
    outcome,
    canHide: c.status === 'review' || c.status === 'published',
    canPublish: c.status === 'review' || c.status === 'hidden',
    restores: c.status === 'hidden',
  };
}
