/**
 * 网格工作台 (from 我的 for 网格员; `?scope=community` from the committee's workbench, `?scope=street`
 * for an admin): the open demands my level holds, overdue first and then by the nearest deadline,
 * each with its countdown or how late it is; a tap opens 诉求详情 to accept, handle and resolve.
 * Back from a demand the list is read again.
 */
import { Demand, InboxQuery, inbox } from '../../../services/demand/demand';
import { DemandRow, byDue, demandRow } from '../../../services/demand/present';
import { elderMode } from '../../../services/display/display';
import { getMe } from '../../../services/user/user';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { INBOX_TITLES, NO_INBOX, inboxQueryFor } from './view';

/** A page's demands in the inbox's order (the function's; kept here for the rows within a page). */
const rows = (items: Demand[]): DemandRow[] => {
  const now = Date.now();
  return [...items].sort(byDue).map((d) => demandRow(d, now));
};
const refused = (message: string) => ({ ok: false as const, error: { code: 'PERMISSION_DENIED' as const, message } });

Page({
  data: { ...listData<DemandRow>(), elder: false, title: '', overdue: 0 } as ListData<DemandRow> & { elder: boolean; title: string; overdue: number },
  ...listEvents,

  asked: {} as Record<string, string | undefined>,
  query: null as InboxQuery | null,
  shown: false,

  onLoad(query: Record<string, string | undefined>) {
    this.asked = query || {};
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    listEvents.onShow.call(this);
    if (this.shown && !this.data.loading) void this.load();
    this.shown = true;
  },

  async which(): Promise<InboxQuery | null> {
    if (this.query) return this.query;
    const me = await getMe();
    if (!me.ok) return null;
    this.query = inboxQueryFor(me.data.roles, this.asked);
    if (this.query) {
      wx.setNavigationBarTitle({ title: INBOX_TITLES[this.query.scope] });
      this.setData({ title: INBOX_TITLES[this.query.scope] });
    }
    return this.query;
  },

  async load() {
    const items = await loadFirst(
      this,
      async () => {
        const q = await this.which();
        return q ? inbox(q) : refused(NO_INBOX);
      },
      rows,
      { keepRows: true, toastOverRows: true },
    );
    if (items) this.setData({ overdue: this.data.rows.filter((r) => r.overdue).length });
  },

  loadMore() {
    return loadMore(this, (cursor) => (this.query ? inbox(this.query, cursor) : Promise.resolve(refused(NO_INBOX))), rows);
  },
});
