/** Groups open reports by what was reported, for the report queue (pure). */
import type { Report } from '../../services/moderation';
import { shanghaiDateTime } from '../../../utils/time';

const STATUS_TEXT: Record<Report['targetStatus'], string> = { published: '正在显示', review: '审核中', hidden: '已隐藏', removed: '作者已删除' };

export interface ReportRow {
  /** The reported post's or comment's id. */
  id: string;
  target: Report['target'];
  what: string;
  content: string;
  /** The distinct reasons given, in the order they came. */
  reasons: string;
  count: number;
  status: string;
  hidden: boolean;
  /** When it was first reported. */
  since: string;
  /** The post it is (or is under), opened as residents see it. */
  postUrl: string;
}

function rowOf(r: Report): ReportRow {
  return {
    id: r.targetId,
    target: r.target,
    what: r.target === 'post' ? '帖子' : '评论',
    content: r.content || '（内容已不存在）',
    reasons: r.reason,
    count: 1,
    status: STATUS_TEXT[r.targetStatus],
    hidden: r.targetStatus === 'hidden',
    since: shanghaiDateTime(r.createdAt),
    postUrl: `/pages/post-detail/post-detail?id=${r.postId}`,
  };
}

/** One row per reported post or comment, with how many reports it has and why. */
export function reportRows(reports: Report[]): ReportRow[] {
  const rows: ReportRow[] = [];
  const seen = new Map<string, { row: ReportRow; reasons: string[] }>();
  for (const r of reports) {
    const known = seen.get(r.targetId);
    if (!known) {
      const row = rowOf(r);
      rows.push(row);
      seen.set(r.targetId, { row, reasons: [r.reason] });
      continue;
    }
    known.row.count += 1;
    if (!known.reasons.includes(r.reason)) known.reasons.push(r.reason);
    known.row.reasons = known.reasons.join('；');
  }
  return rows;
}

/** What handling did, in plain words. */
export function handledText(action: 'hide' | 'restore', reportsClosed: number): string {
  const closed = reportsClosed > 0 ? `，关闭了 ${reportsClosed} 条举报` : '';
  return action === 'hide' ? `已隐藏，居民看不到了${closed}` : `已恢复显示${closed}`;
}
