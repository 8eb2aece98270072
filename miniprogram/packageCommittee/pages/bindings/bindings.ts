/**
 * 楼组绑定申请 (committee): newcomers asking to join a building, oldest first, 20 a page; 通过
 * makes them residents of it, 拒绝 asks for a reason the newcomer will read. A decided row leaves
 * the list; a request someone else already decided leaves it too, with that said.
 */
import { elderMode } from '../../../services/display/display';
import { myDesk, pendingBindings, reviewBinding } from '../../services/community';
import { BindingRow, bindingRow, reviewedText } from './view';

interface BindingsData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  rows: BindingRow[];
  nextCursor: string;
  loadingMore: boolean;
  busy: boolean;
  message: string;
}

const initialData: BindingsData = { elder: false, loading: true, loadError: '', rows: [], nextCursor: '', loadingMore: false, busy: false, message: '' };

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
    const page = await pendingBindings(this.communityId);
    if (!page.ok) {
      this.setData({ loading: false, loadError: page.error.message });
      return;
    }
    this.setData({ loading: false, rows: page.data.items.map(bindingRow), nextCursor: page.data.nextCursor || '' });
  },

  async loadMore() {
    if (!this.data.nextCursor || this.data.loading || this.data.loadingMore) return;
    this.setData({ loadingMore: true });
    const page = await pendingBindings(this.communityId, this.data.nextCursor);
    if (!page.ok) {
      this.setData({ loadingMore: false });
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    // Appends one page (at most 20) by index.
    const start = this.data.rows.length;
    const patch: Record<string, unknown> = { loadingMore: false, nextCursor: page.data.nextCursor || '' };
    page.data.items.forEach((item, i) => {
      patch[`rows[${start + i}]`] = bindingRow(item);
    });
    this.setData(patch);
  },

  onApprove(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (id) void this.decide(id, 'approve');
  },

  onReject(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || this.data.busy) return;
    wx.showModal({
      title: '拒绝理由',
      editable: true,
      placeholderText: '请写明理由，会告知申请人',
      confirmText: '拒绝',
      success: (res) => {
        if (!res.confirm) return;
        const reason = (res.content || '').trim();
        if (reason.length < 2) {
          wx.showToast({ title: '请写明拒绝理由', icon: 'none' });
          return;
        }
        void this.decide(id, 'reject', reason);
      },
    });
  },

  async decide(id: string, decision: 'approve' | 'reject', reason?: string) {
    if (this.data.busy) return;
    this.setData({ busy: true, message: '' });
    const done = await reviewBinding(id, decision, reason);
    const rows = this.data.rows.filter((r) => r.id !== id);
    if (!done.ok) {
      // Decided by someone else meanwhile: it is no longer waiting.
      if (done.error.code === 'CONFLICT') this.setData({ busy: false, rows, message: done.error.message });
      else {
        this.setData({ busy: false });
        wx.showToast({ title: done.error.message, icon: 'none' });
      }
      return;
    }
    this.setData({ busy: false, rows, message: reviewedText(done.data) });
  },
});
