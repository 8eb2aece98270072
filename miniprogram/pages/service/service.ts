/**
 * 服务 (tab): my community's service menu. The five 友邻 series as a menu (全部 first); each service
 * with its provider, its rating, where and how long; 20 a page with 加载更多; a tap opens the service
 * (slots and booking). Links to 附近服务点 and 我的预约. Data from services/service; shapes from ./view.
 */
import { elderMode } from '../../services/display/display';
import { getCatalogue } from '../../services/service/service';
import { ItemRow, SERIES_TABS, SeriesTab, itemRow, seriesOf } from './view';

interface ServiceData {
  elder: boolean;
  tabs: SeriesTab[];
  selected: string;
  loading: boolean;
  loadError: string;
  rows: ItemRow[];
  nextCursor: string;
  loadingMore: boolean;
}

const initialData: ServiceData = { elder: false, tabs: SERIES_TABS, selected: '', loading: true, loadError: '', rows: [], nextCursor: '', loadingMore: false };

Page({
  data: initialData,

  /** Counts loads, so the answer for a series tapped earlier never replaces a later one. */
  generation: 0,

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

  onSeries(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
    const key = String(e.currentTarget.dataset.key || '');
    if (key === this.data.selected && !this.data.loadError) return;
    this.setData({ selected: key, rows: [], nextCursor: '' });
    void this.load();
  },

  async load() {
    const generation = ++this.generation;
    this.setData({ loading: true, loadError: '' });
    const page = await getCatalogue({ series: seriesOf(this.data.selected) });
    if (generation !== this.generation) return;
    if (!page.ok) {
      this.setData({ loading: false, loadError: page.error.message });
      return;
    }
    this.setData({ loading: false, rows: page.data.items.map(itemRow), nextCursor: page.data.nextCursor || '' });
  },

  onReachBottom() {
    void this.onMore();
  },

  async onMore() {
    const cursor = this.data.nextCursor;
    if (!cursor || this.data.loadingMore || this.data.loading) return;
    const generation = this.generation;
    this.setData({ loadingMore: true });
    const page = await getCatalogue({ series: seriesOf(this.data.selected), cursor });
    if (generation !== this.generation) return;
    if (!page.ok) {
      this.setData({ loadingMore: false });
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    // Only the new rows (at most a page of 20) go over the bridge.
    const start = this.data.rows.length;
    const added: Record<string, unknown> = { loadingMore: false, nextCursor: page.data.nextCursor || '' };
    page.data.items.forEach((item, i) => (added[`rows[${start + i}]`] = itemRow(item)));
    this.setData(added);
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) wx.navigateTo({ url: `/pages/service-item/service-item?id=${encodeURIComponent(id)}` });
  },

  onNearby() {
    wx.navigateTo({ url: '/pages/nearby/nearby' });
  },

  onMine() {
    wx.navigateTo({ url: '/pages/my-bookings/my-bookings' });
  },
});
