/**
 * 活动 (tab): upcoming activities open to me, with seats left; a tap opens the activity's detail
 * (signup, my state, check-in). The category filter and hours are still to come.
 */
import { ActivitySummary, listActivities } from '../../services/activity/activity';

interface Row {
  id: string;
  title: string;
  note: string;
}

function row(a: ActivitySummary): Row {
  const note = a.status === 'cancelled' ? '已取消' : a.seatsLeft > 0 ? `剩余 ${a.seatsLeft} 个名额` : '名额已满';
  return { id: a.id, title: a.title, note };
}

Page({
  data: { loading: true, loadError: '', rows: [] as Row[] },

  onLoad(query: Record<string, string | undefined>) {
    void this.load();
    // Subscription messages open this tab with `?id=`: go on to that activity.
    if (query && query.id) this.open(query.id);
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const list = await listActivities();
    if (!list.ok) {
      this.setData({ loading: false, loadError: list.error.message });
      return;
    }
    this.setData({ loading: false, rows: list.data.items.map(row) });
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) this.open(id);
  },

  open(id: string) {
    wx.navigateTo({ url: `/pages/activity-detail/activity-detail?id=${encodeURIComponent(id)}` });
  },
});
