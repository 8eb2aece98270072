/**
 * 报名审核 (committee): which activity and the seats left, then its pending signups with name,
 * building and room and their answers as labelled rows; 通过, 拒绝 (lighter) with a reason, and
 * 全部通过 (up to 100) after a confirmation. What the backend decided is shown per signup: a signup
 * that did not fit (名额已满) stays in the queue with its message.
 */
import { newIdempotencyKey } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { getManagedActivity, pendingSignups, reviewSignups } from '../../services/committee';
import { ActivityLine, OutcomeRow, PendingRow, activityLine, outcomeRows, pendingRow, withoutDecided } from './view';
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
  activity: ActivityLine | null;
}

const initialData: ReviewData = { elder: false, activityId: '', loading: true, loadError: '', rows: [], nextCursor: '', busy: false, outcomes: [], activity: null };

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
    void this.showActivity();
    const page = await pendingSignups(this.data.activityId);
    if (!page.ok) {
      this.setData({ loading: false, loadError: page.error.message });
      return;
    }
    this.setData({ loading: false, rows: page.data.items.map(pendingRow), nextCursor: page.data.nextCursor || '' });
  },

  /** The activity's title and seats left (again after each decision: approvals take seats). */
  async showActivity() {
    const got = await getManagedActivity(this.data.activityId);
    if (got.ok) this.setData({ activity: activityLine(got.data) });
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

  /** 全部通过 asks first: it decides for everyone in the queue at once. */
  onApproveAll() {
    const ids = this.data.rows.slice(0, BATCH_MAX).map((r) => r.id);
    if (ids.length === 0 || this.data.busy) return;
    const seats = this.data.activity ? `（${this.data.activity.seats}）` : '';
    wx.showModal({
      title: '全部通过？',
      content: `通过这 ${ids.length} 人的报名${seats}。名额不够时，多出的人仍留在待审核里。`,
      confirmText: '全部通过',
      success: (res) => {
        if (res.confirm) void this.decide(ids, 'approve');
      },
    });
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
    void this.showActivity();
  },
});
