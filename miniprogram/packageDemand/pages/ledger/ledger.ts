/**
 * 楼组台账 (from 我的, `?buildingId=` or `?gridId=`; by default my building): every demand of the
 * building as a line, newest first: category, dates, state, on time or not, parked with its reason.
 * No text and no names, so any neighbour may read it: 每一件都有着落.
 */
import { Profile } from '../../../generated/domain';
import { LedgerLine, ledger } from '../../../services/demand/demand';
import { LedgerRow, ledgerRow } from '../../../services/demand/present';
import { elderMode } from '../../../services/display/display';
import { getMe } from '../../../services/user/user';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';

type Place = { buildingId: string } | { gridId: string };
const rows = (items: LedgerLine[]): LedgerRow[] => items.map(ledgerRow);
const NO_BUILDING = { ok: false as const, error: { code: 'FAILED_PRECONDITION' as const, message: '绑定楼组后就能看到本楼的诉求台账' } };

Page({
  data: { ...listData<LedgerRow>(), elder: false, title: '' } as ListData<LedgerRow> & { elder: boolean; title: string },
  ...listEvents,

  place: null as Place | null,

  onLoad(query: Record<string, string | undefined>) {
    if (query && query.buildingId) this.place = { buildingId: query.buildingId };
    else if (query && query.gridId) this.place = { gridId: query.gridId };
    this.setData({ elder: elderMode() });
    void this.load();
  },

  /** The place asked for, or my building (found once). */
  async where(): Promise<Place | null> {
    if (this.place) return this.place;
    const me = await getMe();
    const p: Profile | null = me.ok ? me.data : null;
    if (p && p.building) {
      this.place = { buildingId: p.building.id };
      this.setData({ title: `${p.building.name}的诉求台账` });
    }
    return this.place;
  },

  load() {
    return loadFirst(
      this,
      async () => {
        const place = await this.where();
        return place ? ledger(place) : NO_BUILDING;
      },
      rows,
    );
  },

  loadMore() {
    return loadMore(this, (cursor) => (this.place ? ledger(this.place, cursor) : Promise.resolve(NO_BUILDING)), rows);
  },
});
