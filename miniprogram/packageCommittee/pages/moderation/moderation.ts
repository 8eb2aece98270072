/**
 * 内容审核 (committee): posts and comments the content check held for review and images not yet
 * approved, oldest first, 20 a page; 通过 publishes (and shows the images), 隐藏 keeps it from
 * everyone but its author. A decided row leaves the queue.
 */
import { elderMode } from '../../../services/display/display';
import { imageUrls } from '../../../services/storage/storage';
import { myDesk } from '../../services/community';
import { QueueEntry, Target, moderate, reviewQueue } from '../../services/moderation';
import { QueueRow, decidedText, queueRow } from './view';

/** Rows with pictures the phone can show (fileIDs in cloud mode, the emulator's addresses locally). */
async function rowsOf(entries: QueueEntry[]): Promise<QueueRow[]> {
  const urls = await Promise.all(entries.map((e) => imageUrls(e.images)));
  return entries.map((e, i) => queueRow(e, urls[i]));
}

interface ModerationData {
  elder: boolean;
  target: Target;
  loading: boolean;
  loadError: string;
  rows: QueueRow[];
  nextCursor: string;
  loadingMore: boolean;
  busy: boolean;
  message: string;
}

const initialData: ModerationData = { elder: false, target: 'post', loading: true, loadError: '', rows: [], nextCursor: '', loadingMore: false, busy: false, message: '' };

Page({
  data: initialData,

  communityId: '',

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    this.setData({ elder: elderMode() });
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  onRetry() {
    void this.load();
  },

  onReachBottom() {
    void this.loadMore();
  },

  onTarget(e: WechatMiniprogram.TouchEvent) {
    const target = e.currentTarget.dataset.target === 'comment' ? 'comment' : 'post';
    if (target === this.data.target || this.data.loading) return;
    this.setData({ target, rows: [], nextCursor: '', message: '' });
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    if (!this.communityId) {
      const desk = await myDesk();
      if (!desk.ok) {
        this.setData({ loading: false, loadError: desk.error.message });
        return;
      }
      this.communityId = desk.data.communityId;
    }
    const page = await reviewQueue(this.communityId, this.data.target);
    if (!page.ok) {
      this.setData({ loading: false, loadError: page.error.message });
      return;
    }
    this.setData({ loading: false, rows: await rowsOf(page.data.items), nextCursor: page.data.nextCursor || '' });
  },

  async loadMore() {
    if (!this.data.nextCursor || this.data.loading || this.data.loadingMore) return;
    this.setData({ loadingMore: true });
    const page = await reviewQueue(this.communityId, this.data.target, this.data.nextCursor);
    if (!page.ok) {
      this.setData({ loadingMore: false });
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    // Appends one page (at most 20) by index.
    const start = this.data.rows.length;
    const patch: Record<string, unknown> = { loadingMore: false, nextCursor: page.data.nextCursor || '' };
    (await rowsOf(page.data.items)).forEach((row, i) => {
      patch[`rows[${start + i}]`] = row;
    });
    this.setData(patch);
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
