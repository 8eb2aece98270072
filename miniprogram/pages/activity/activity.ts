/**
 * 活动 (tab): upcoming activities open to me, filtered by the five 友邻 series, with seats left and
 * my own state on the ones I signed up for; 20 at a time, more on reaching the bottom; pull to
 * refresh. A tap opens the activity's detail (signup, my state, check-in). Shapes from ./view.
 */
import { Series } from '../../generated/domain';
import { elderMode } from '../../services/display/display';
import { ActivitySummary, listActivities, mySignups } from '../../services/activity/activity';
import { FILTERS, Row, myMarks, row, seriesOf } from './view';

interface ListData {
  elder: boolean;
  filters: typeof FILTERS;
  /** The chosen filter: '' for 全部. */
  series: '' | Series;
  loading: boolean;
  loadError: string;
  rows: Row[];
  nextCursor: string;
  loadingMore: boolean;
}

const initialData: ListData = { elder: false, filters: FILTERS, series: '', loading: true, loadError: '', rows: [], nextCursor: '', loadingMore: false };

Page({
  data: initialData,

  /** Counts loads, so an answer to an older filter never lands on the newer one. */
  generation: 0,
  /** Activity id → my state, from my latest signups. */
  marks: {} as Record<string, string>,
  shown: false,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ elder: elderMode() });
    void this.load();
    // Subscription messages open this tab with `?id=`: go on to that activity.
    if (query && query.id) this.open(query.id);
  },

  onShow() {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
    // Back from a detail where I may have signed up or cancelled: my marks again (one small call).
    if (this.shown && !this.data.loading && !this.data.loadError) void this.refreshMarks();
    this.shown = true;
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  onRetry() {
    void this.load();
  },

  onFilter(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
    const series = seriesOf(e.currentTarget.dataset.key) || '';
    if (series === this.data.series) return;
    this.setData({ series, rows: [], nextCursor: '' });
    void this.load();
  },

  async load() {
    const generation = ++this.generation;
    this.setData({ loading: this.data.rows.length === 0, loadError: '' });
    const series = this.data.series || undefined;
    const [list, mine] = await Promise.all([listActivities(series), mySignups()]);
    if (generation !== this.generation) return;
    if (!list.ok) {
      this.setData({ loading: false, loadError: list.error.message });
      return;
    }
    // My marks are a nicety: without them the list still shows.
    if (mine.ok) this.marks = myMarks(mine.data);
    this.setData({ loading: false, rows: list.data.items.map((a) => row(a, this.marks)), nextCursor: list.data.nextCursor || '' });
  },

  async onReachBottom() {
    const cursor = this.data.nextCursor;
    if (!cursor || this.data.loadingMore || this.data.loading) return;
    const generation = this.generation;
    this.setData({ loadingMore: true });
    const page = await listActivities(this.data.series || undefined, cursor);
    if (generation !== this.generation) return;
    if (!page.ok) {
      this.setData({ loadingMore: false });
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    this.append(page.data.items, page.data.nextCursor || '');
  },

  /** Only the new rows go over the bridge, by index. */
  append(items: ActivitySummary[], nextCursor: string) {
    const start = this.data.rows.length;
    const added: Record<string, unknown> = { loadingMore: false, nextCursor };
    items.forEach((a, i) => (added[`rows[${start + i}]`] = row(a, this.marks)));
    this.setData(added);
  },

  async refreshMarks() {
    const mine = await mySignups();
    if (!mine.ok) return;
    this.marks = myMarks(mine.data);
    const changed: Record<string, string> = {};
    this.data.rows.forEach((r, i) => {
      const mark = this.marks[r.id] || '';
      if (mark !== r.mine) changed[`rows[${i}].mine`] = mark;
    });
    if (Object.keys(changed).length > 0) this.setData(changed);
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) this.open(id);
  },

  open(id: string) {
    wx.navigateTo({ url: `/pages/activity-detail/activity-detail?id=${encodeURIComponent(id)}` });
  },
});
