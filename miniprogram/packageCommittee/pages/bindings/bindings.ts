/**
 * 楼组绑定申请 (committee): newcomers asking to join a building, oldest first, 20 a page; 通过
 * makes them residents of it, 拒绝 asks for a reason the newcomer will read. A decided row leaves
 * the list; a request someone else already decided leaves it too, with that said.
 */
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { pendingBindings, reviewBinding } from '../../services/community';
import { inMyCommunity } from '../../services/desk';
import { BindingRow, bindingRow, reviewedText } from './view';
import { askReason } from '../../../utils/ask-reason/ask-reason';

interface BindingsData extends ListData<BindingRow> {
  elder: boolean;
  busy: boolean;
  message: string;
}

const initialData: BindingsData = { ...listData<BindingRow>(), elder: false, busy: false, message: '' };

Page({
  data: initialData,
  ...listEvents,

  communityId: '',

  load() {
    return loadFirst(
      this,
      () => inMyCommunity(this, pendingBindings),
      (items) => items.map(bindingRow),
    );
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => pendingBindings(this.communityId, cursor),
      (items) => items.map(bindingRow),
    );
  },

  onApprove(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (id) void this.decide(id, 'approve');
  },

  onReject(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || this.data.busy) return;
    void askReason({ title: '拒绝理由', placeholder: '请写明理由，会告知申请人', confirmText: '拒绝', tooShort: '请写明拒绝理由' }).then((reason) => {
      if (reason) void this.decide(id, 'reject', reason);
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
