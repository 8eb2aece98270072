/**
 * 活动 (tab): upcoming activities open to me, filtered by the five 友邻 series, with seats left and
 * my own state on the ones I signed up for; 20 at a time, more on reaching the bottom; pull to
 * refresh. A tap opens the activity's detail (signup, my state, check-in). Rows mark 需审核, 即将截止
 * and 已满; a visitor not bound to a building is told to bind first, with 去绑定楼栋. Shapes from ./view.
 */
import { Series } from '../../generated/domain';
import { elderMode } from '../../services/display/display';
import { ActivitySummary, listActivities, mySignups } from '../../services/activity/activity';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../utils/paged-list/paged-list';
import { getMe } from '../../services/user/user';
import { FILTERS, Row, myMarks, row, seriesOf } from './view';

interface ActivityData extends ListData<Row> {
  elder: boolean;
  filters: typeof FILTERS;
  /** The chosen filter: '' for 全部. */
  series: '' | Series;
  /** Not bound to a building: an empty list says to bind first, with the way to do it. */
  visitor: boolean;
}

const initialData: ActivityData = { ...listData<Row>(), elder: false, filters: FILTERS, series: '', visitor: false };

Page({
  data: initialData,
  ...listEvents,

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

  onFilter(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
    const series = seriesOf(e.currentTarget.dataset.key) || '';
    if (series === this.data.series) return;
    this.setData({ series, rows: [], nextCursor: '' });
    void this.load();
  },

  load() {
    const first = async () => {
      const [list, mine] = await Promise.all([listActivities(this.data.series || undefined), mySignups()]);
      // My marks are a nicety: without them the list still shows.
      if (mine.ok) this.marks = myMarks(mine.data);
      // Nothing to show: say why when it is because I am not bound yet (asked only then).
      if (list.ok && list.data.items.length === 0 && !this.data.visitor) {
        const me = await getMe();
        if (me.ok && me.data.status === 'visitor') this.setData({ visitor: true });
      }
      return list;
    };
    return loadFirst(this, first, (items) => this.rows(items), { keepRows: true });
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => listActivities(this.data.series || undefined, cursor),
      (items) => this.rows(items),
    );
  },

  rows(items: ActivitySummary[]): Row[] {
    return items.map((a) => row(a, this.marks));
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

  /** 去绑定楼栋: 我的 holds the binding form. */
  onBind() {
    wx.switchTab({ url: '/pages/me/me' });
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) this.open(id);
  },

  open(id: string) {
    wx.navigateTo({ url: `/pages/activity-detail/activity-detail?id=${encodeURIComponent(id)}` });
  },
});
