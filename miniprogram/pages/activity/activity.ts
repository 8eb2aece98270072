/**
 * 活动 (tab): upcoming activities open to me, with seats left. The category filter, detail, signup,
 * my signups, scanning and hours come with the activity pages of issue 6.
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

  onLoad() {
    void this.load();
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
});
