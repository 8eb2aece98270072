/**
 * 内容审核 (committee): posts and comments the content check held for review and images not yet
 * approved, oldest first, 20 a page; 通过 publishes (and shows the images), 隐藏 keeps it from
 * everyone but its author. A decided row leaves the queue.
 */
import { imageUrls } from '../../../services/storage/storage';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { inMyCommunity } from '../../services/desk';
import { QueueEntry, Target, moderate, reviewQueue } from '../../services/moderation';
import { QueueRow, decidedText, queueRow } from './view';

/** Rows with pictures the phone can show (fileIDs in cloud mode, the emulator's addresses locally). */
async function rowsOf(entries: QueueEntry[]): Promise<QueueRow[]> {
  const urls = await Promise.all(entries.map((e) => imageUrls(e.images)));
  return entries.map((e, i) => queueRow(e, urls[i]));
}

interface ModerationData extends ListData<QueueRow> {
  elder: boolean;
  target: Target;
  busy: boolean;
  message: string;
}

const initialData: ModerationData = { ...listData<QueueRow>(), elder: false, target: 'post', busy: false, message: '' };

Page({
  data: initialData,
  ...listEvents,

  communityId: '',

  onTarget(e: WechatMiniprogram.TouchEvent) {
    const target = e.currentTarget.dataset.target === 'comment' ? 'comment' : 'post';
    if (target === this.data.target || this.data.loading) return;
    this.setData({ target, rows: [], nextCursor: '', message: '' });
    void this.load();
  },

  load() {
    return loadFirst(this, () => inMyCommunity(this, (id) => reviewQueue(id, this.data.target)), rowsOf);
  },

  loadMore() {
    return loadMore(this, (cursor) => reviewQueue(this.communityId, this.data.target, cursor), rowsOf);
  },

  onApprove(e: WechatMiniprogram.TouchEvent) {
    void this.decide(String(e.currentTarget.dataset.id || ''), 'approve');
  },

  onHideContent(e: WechatMiniprogram.TouchEvent) {
    void this.decide(String(e.currentTarget.dataset.id || ''), 'hide');
  },

  async decide(id: string, decision: 'approve' | 'hide') {
    const row = this.data.rows.find((r) => r.id === id);
    if (!row || this.data.busy) return;
    this.setData({ busy: true, message: '' });
    const done = await moderate(row.target, id, decision);
    if (!done.ok) {
      this.setData({ busy: false });
      wx.showToast({ title: done.error.message, icon: 'none' });
      return;
    }
    this.setData({ busy: false, rows: this.data.rows.filter((r) => r.id !== id), message: decidedText(decision) });
  },
});
