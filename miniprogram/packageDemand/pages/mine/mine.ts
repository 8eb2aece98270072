/**
 * 我的诉求 (from 我的): what I reported, what was reported for me, what I said 我也遇到 to; newest
 * first, 20 a page, each with its state and running deadline; a tap opens 诉求详情. Back from the
 * detail (a confirmation, a rating) the list is read again.
 */
import { Demand, mine } from '../../../services/demand/demand';
import { DemandRow, demandRow } from '../../../services/demand/present';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';

const rows = (items: Demand[]): DemandRow[] => {
  const now = Date.now();
  return items.map((d) => demandRow(d, now));
};

Page({
  data: { ...listData<DemandRow>(), elder: false } as ListData<DemandRow> & { elder: boolean },
  ...listEvents,

  shown: false,

  onShow() {
    listEvents.onShow.call(this);
    if (this.shown && !this.data.loading) void this.load();
    this.shown = true;
  },

  load() {
    return loadFirst(this, () => mine(), rows, { keepRows: true, toastOverRows: true });
  },

  loadMore() {
    return loadMore(this, mine, rows);
  },

  onReport() {
    wx.navigateTo({ url: '/packageDemand/pages/report/report' });
  },
});
