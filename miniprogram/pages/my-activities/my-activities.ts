/**
 * 我的活动 (from 我的): my signups, newest first, each with its state and what to do next; a tap
 * opens the activity; 我的时长与积分 opens my volunteer hours. Data comes from services/activity; display shapes from ../activity-detail/view.
 */
import { elderMode } from '../../services/display/display';
import { MySignupPage, mySignups } from '../../services/activity/activity';
import { statusText, timeRange } from '../activity-detail/view';

interface Row {
  id: string;
  activityId: string;
  title: string;
  time: string;
  status: string;
  nextStep: string;
}

function row(item: MySignupPage['items'][number]): Row {
  return {
    id: item.signup.id,
    activityId: item.activity.id,
    title: item.activity.title,
    time: timeRange(item.activity.startAt, item.activity.endAt),
    status: statusText(item.signup, item.activity.approval),
    nextStep: item.nextStep,
  };
}

Page({
  data: { elder: false, loading: true, loadError: '', rows: [] as Row[], nextCursor: '', loadingMore: false },

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ loading: this.data.rows.length === 0, loadError: '' });
    const page = await mySignups();
    if (!page.ok) {
      this.setData({ loading: false, loadError: page.error.message });
      return;
    }
    this.setData({ loading: false, rows: page.data.items.map(row), nextCursor: page.data.nextCursor || '' });
  },

  async onReachBottom() {
    const cursor = this.data.nextCursor;
    if (!cursor || this.data.loadingMore) return;
    this.setData({ loadingMore: true });
    const page = await mySignups(cursor);
    if (!page.ok) {
      this.setData({ loadingMore: false });
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    // Only the new rows go over the bridge.
    const start = this.data.rows.length;
    const added: Record<string, unknown> = { loadingMore: false, nextCursor: page.data.nextCursor || '' };
    page.data.items.forEach((item, i) => (added[`rows[${start + i}]`] = row(item)));
    this.setData(added);
  },

  onOpenHours() {
    wx.navigateTo({ url: '/pages/my-hours/my-hours' });
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) wx.navigateTo({ url: `/pages/activity-detail/activity-detail?id=${encodeURIComponent(id)}` });
  },
});
