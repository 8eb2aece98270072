/**
 * 报名审核 (committee): an activity's pending signups with name, building and answers; 通过, 拒绝
 * with a reason, and 全部通过 (up to 100). What the backend decided is shown per signup: a signup
 * that did not fit (名额已满) stays in the queue with its message.
 */
import { newIdempotencyKey } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { pendingSignups, reviewSignups } from '../../services/committee';
import { OutcomeRow, PendingRow, outcomeRows, pendingRow, withoutDecided } from './view';
import { loadEvents } from '../../../utils/page-events/page-events';
import { askReason } from '../../../utils/ask-reason/ask-reason';

const BATCH_MAX = 100;

interface ReviewData {
  elder: boolean;
  activityId: string;
  loading: boolean;
  loadError: string;
  rows: PendingRow[];
  nextCursor: string;
  busy: boolean;
  outcomes: OutcomeRow[];
}

const initialData: ReviewData = { elder: false, activityId: '', loading: true, loadError: '', rows: [], nextCursor: '', busy: false, outcomes: [] };

Page({
  ...loadEvents,
  data: initialData,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ elder: elderMode(), activityId: query.activityId || '' });
    void this.load();
  },

  onReachBottom() {
    if (this.data.nextCursor && !this.data.loading) void this.loadMore();
  },

  async load() {
    if (!this.data.activityId) {
      this.setData({ loading: false, loadError: '没有找到这个活动' });
      return;
    }
    this.setData({ loading: true, loadError: '' });
    const page = await pendingSignups(this.data.activityId);
    if (!page.ok) {
      this.setData({ loading: false, loadError: page.error.message });
      return;
    }
    this.setData({ loading: false, rows: page.data.items.map(pendingRow), nextCursor: page.data.nextCursor || '' });
  },

  async loadMore() {
    const page = await pendingSignups(this.data.activityId, this.data.nextCursor);
    if (!page.ok) {
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    // Appends at most one page (20) per setData, by index.
    const start = this.data.rows.length;
    const patch: Record<string, unknown> = { nextCursor: page.data.nextCursor || '' };
    page.data.items.forEach((item, i) => {
      patch[`rows[${start + i}]`] = pendingRow(item);
    });
    this.setData(patch);
  },

  onApprove(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (id) void this.decide([id], 'approve');
  },

  onApproveAll() {
    const ids = this.data.rows.slice(0, BATCH_MAX).map((r) => r.id);
    if (ids.length > 0) void this.decide(ids, 'approve');
  },

  onReject(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || this.data.busy) return;
    void askReason({ title: '拒绝理由', placeholder: '请写明理由，会告知报名人', confirmText: '拒绝', tooShort: '请写明拒绝理由' }).then((reason) => {
      if (reason) void this.decide([id], 'reject', reason);
    });
  },

  async decide(ids: string[], decision: 'approve' | 'reject', reason?: string) {
    if (this.data.busy) return;
    this.setData({ busy: true });
    const sent = await reviewSignups(this.data.activityId, ids, decision, reason, newIdempotencyKey());
    if (!sent.ok) {
      this.setData({ busy: false });
      wx.showToast({ title: sent.error.message, icon: 'none' });
      return;
    }
    const results = sent.data.results;
    this.setData({ busy: false, rows: withoutDecided(this.data.rows, results), outcomes: outcomeRows(results, this.data.rows).slice(0, 20) });
  },
});
