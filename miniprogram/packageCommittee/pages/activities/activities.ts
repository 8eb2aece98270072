/** 社区活动 (committee): the community's activities, each with its review queue and check-in code. */
import { ActivityPage, communityActivities } from '../../services/committee';

interface Row {
  id: string;
  title: string;
  note: string;
  reviewUrl: string;
  codeUrl: string;
}

function row(a: ActivityPage['items'][number]): Row {
  const state = a.status === 'cancelled' ? '已取消' : `已报名 ${a.capacity - a.seatsLeft}/${a.capacity}`;
  const approval = a.approval === 'committee' ? ' · 需审核' : '';
  return {
    id: a.id,
    title: a.title,
    note: `${state}${approval}`,
    reviewUrl: `/packageCommittee/pages/review/review?activityId=${a.id}`,
    codeUrl: `/packageCommittee/pages/checkin-code/checkin-code?activityId=${a.id}`,
  };
}

Page({
  data: { loading: true, loadError: '', rows: [] as Row[], nextCursor: '' },

  onLoad() {
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  onReachBottom() {
    if (this.data.nextCursor && !this.data.loading) void this.loadMore();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const list = await communityActivities();
    if (!list.ok) {
      this.setData({ loading: false, loadError: list.error.message });
      return;
    }
    this.setData({ loading: false, rows: list.data.items.map(row), nextCursor: list.data.nextCursor || '' });
  },

  async loadMore() {
    const list = await communityActivities(this.data.nextCursor);
    if (!list.ok) {
      wx.showToast({ title: list.error.message, icon: 'none' });
      return;
    }
    const start = this.data.rows.length;
    const patch: Record<string, unknown> = { nextCursor: list.data.nextCursor || '' };
    list.data.items.forEach((a, i) => {
      patch[`rows[${start + i}]`] = row(a);
    });
    this.setData(patch);
  },
});
