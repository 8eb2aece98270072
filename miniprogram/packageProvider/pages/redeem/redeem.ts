/**
 * 扫码核销 (providers of a co-building unit): pick which of our services this counter is for, tap
 * 扫码核销, scan the resident's booking QR, and read the outcome on a full screen: 核销成功 with the
 * booking's service, time and place, or what is wrong with the code in plain words. Anyone without
 * the provider role is told the page is not for them. Data from ../../services/provider; shapes from ./view.
 */
import { elderMode } from '../../../services/display/display';
import { cataloguePage, getMe, redeem } from '../../services/provider';
import { ItemRow, ResultView, failureView, isBookingCode, myItems, notACodeView, providerPlaces, successView } from './view';
import { loadEvents } from '../../../utils/page-events/page-events';
import { SCAN_FAILED, scanQrCode } from '../../../utils/device/device';

interface RedeemData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  /** Set when the user is no provider: the page shows only this. */
  denied: string;
  items: ItemRow[];
  itemId: string;
  hint: string;
  busy: boolean;
  result: ResultView | null;
}

const initialData: RedeemData = { elder: false, loading: true, loadError: '', denied: '', items: [], itemId: '', hint: '', busy: false, result: null };

/** A unit rarely has more; the loop stops here whatever the catalogue says. */
const MAX_CATALOGUE_PAGES = 10;
const ROWS_PER_SET_DATA = 20;

Page({
  ...loadEvents,
  data: initialData,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '', denied: '' });
    const me = await getMe();
    if (!me.ok) {
      this.setData({ loading: false, loadError: me.error.message });
      return;
    }
    const places = providerPlaces(me.data.roles);
    if (places.length === 0) {
      this.setData({ loading: false, denied: '扫码核销只供服务提供方（共建单位）的工作人员使用。如果你是工作人员，请联系居委会在“成员管理”中为你开通。' });
      return;
    }
    const partnerIds = places.map((p) => p.partnerId);
    const items: ItemRow[] = [];
    for (const communityId of Array.from(new Set(places.map((p) => p.communityId)))) {
      let cursor: string | undefined;
      for (let n = 0; n < MAX_CATALOGUE_PAGES; n++) {
        const page = await cataloguePage(communityId, cursor);
        if (!page.ok) {
          this.setData({ loading: false, loadError: page.error.message });
          return;
        }
        items.push(...myItems(page.data.items, partnerIds));
        if (!page.data.nextCursor) break;
        cursor = page.data.nextCursor;
      }
    }
    const only = items.length === 1 ? items[0].id : '';
    this.setData({ loading: false, items: items.slice(0, ROWS_PER_SET_DATA), itemId: this.data.itemId || only });
    // A long menu goes over the bridge 20 rows at a time.
    for (let start = ROWS_PER_SET_DATA; start < items.length; start += ROWS_PER_SET_DATA) {
      const patch: Record<string, ItemRow> = {};
      items.slice(start, start + ROWS_PER_SET_DATA).forEach((row, i) => (patch[`items[${start + i}]`] = row));
      this.setData(patch);
    }
  },

  onChooseItem(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (this.data.items.some((i) => i.id === id)) this.setData({ itemId: id, hint: '' });
  },

  onScan() {
    if (this.data.busy) return;
    const itemId = this.data.itemId;
    if (!itemId) {
      this.setData({ hint: '请先选择要核销的服务' });
      return;
    }
    void scanQrCode().then((scanned) => {
      if (scanned.ok) void this.send(itemId, scanned.text);
      else if (!scanned.cancelled) this.setData({ hint: SCAN_FAILED });
    });
  },

  async send(itemId: string, code: string) {
    if (!isBookingCode(itemId, code)) {
      this.setData({ result: notACodeView() });
      return;
    }
    this.setData({ busy: true, hint: '' });
    const done = await redeem(itemId, code);
    this.setData({ busy: false, result: done.ok ? successView(done.data) : failureView(done.error) });
  },

  onBack() {
    this.setData({ result: null });
  },
});
