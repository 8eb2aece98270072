/**
 * 服务 (tab): my community's service menu. The five 友邻 series as a menu (全部 first); each service
 * with its provider, its rating, where and how long; 20 a page with 加载更多; a tap opens the service
 * (slots and booking). Links to 附近服务点 and 我的预约. Data from services/service; shapes from ./view.
 */
import { getCatalogue } from '../../services/service/service';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../utils/paged-list/paged-list';
import { ItemRow, SERIES_TABS, SeriesTab, itemRow, seriesOf } from './view';

interface ServiceData extends ListData<ItemRow> {
  elder: boolean;
  tabs: SeriesTab[];
  selected: string;
}

const initialData: ServiceData = { ...listData<ItemRow>(), elder: false, tabs: SERIES_TABS, selected: '' };

Page({
  data: initialData,
  ...listEvents,

  onSeries(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
    const key = String(e.currentTarget.dataset.key || '');
    if (key === this.data.selected && !this.data.loadError) return;
    this.setData({ selected: key, rows: [], nextCursor: '' });
    void this.load();
  },

  load() {
    return loadFirst(
      this,
      () => getCatalogue({ series: seriesOf(this.data.selected) }),
      (items) => items.map(itemRow),
    );
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => getCatalogue({ series: seriesOf(this.data.selected), cursor }),
      (items) => items.map(itemRow),
    );
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) wx.navigateTo({ url: `/pages/service-item/service-item?id=${encodeURIComponent(id)}` });
  },

  onNearby() {
    wx.navigateTo({ url: '/pages/nearby/nearby' });
  },

  /** 诉求: a need, a hazard, a dispute or a suggestion, to the grid. */
  onReport() {
    wx.navigateTo({ url: '/packageDemand/pages/report/report' });
  },

  onMine() {
    wx.navigateTo({ url: '/pages/my-bookings/my-bookings' });
  },
});
