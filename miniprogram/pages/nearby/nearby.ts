/**
 * 附近服务点 (from 服务): the service points of my community's menu. Sorted by name until the user
 * taps 使用我的位置; then, once the privacy agreement is accepted and WeChat gives the location
 * (gcj02), by distance ("350 米", "1.2 公里"). Declined, failed or not asked: by name, and the note
 * says why. A tap on a point shows its services; 导航 opens the map. Shapes from ./view.
 */
import { elderMode } from '../../services/display/display';
import { Location, ServiceItem, getCatalogue, nearbyPoints } from '../../services/service/service';
import { appendPatch } from '../../utils/paged-list/paged-list';
import { ItemRow, itemRow } from '../service/view';
import { NOTES, PointRow, nearbyRow, pointsByName } from './view';
import { loadEvents } from '../../utils/page-events/page-events';
import { locate } from '../../utils/device/device';

/** Points this far away still count as near (the 15-minute circle is about 1 km; some walk further). */
const RADIUS_METRES = 3000;
/** The menu read to find its points: at most this many pages of 20. */
const MAX_PAGES = 5;
/** At most this many rows a setData. */
const CHUNK = 20;

interface NearbyData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  locating: boolean;
  sortedBy: 'name' | 'distance';
  note: string;
  points: PointRow[];
  openId: string;
  pointItems: ItemRow[];
}

const initialData: NearbyData = {
  elder: false,
  loading: true,
  loadError: '',
  locating: false,
  sortedBy: 'name',
  note: NOTES.notAsked,
  points: [],
  openId: '',
  pointItems: [],
};

Page({
  ...loadEvents,
  data: initialData,

  /** The menu of my community, to list each point's services. */
  items: [] as ServiceItem[],

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const items: ServiceItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const got = await getCatalogue({ cursor });
      if (!got.ok) {
        this.setData({ loading: false, loadError: got.error.message });
        return;
      }
      items.push(...got.data.items);
      if (!got.data.nextCursor) break;
      cursor = got.data.nextCursor;
    }
    this.items = items;
    if (this.data.sortedBy === 'name') this.showPoints(pointsByName(items), 'name', this.data.note);
    else this.setData({ loading: false });
  },

  /** Replaces the list, 20 rows a setData. */
  showPoints(rows: PointRow[], sortedBy: NearbyData['sortedBy'], note: string) {
    this.setData({ loading: false, sortedBy, note, openId: '', pointItems: [], points: rows.slice(0, CHUNK) });
    for (let start = CHUNK; start < rows.length; start += CHUNK) this.setData(appendPatch('points', start, rows.slice(start, start + CHUNK)));
  },

  byName(note: string) {
    this.setData({ locating: false });
    this.showPoints(pointsByName(this.items), 'name', note);
  },

  async onUseLocation() {
    if (this.data.locating) return;
    this.setData({ locating: true });
    const here = await locate();
    if (here.ok) void this.showNearby(here.point);
    else this.byName(here.reason === 'declined' ? NOTES.declined : NOTES.noLocation);
  },

  async showNearby(location: Location) {
    const near = await nearbyPoints(location, RADIUS_METRES);
    if (!near.ok) {
      this.byName(`${near.error.message}；服务点先按名称排列。`);
      return;
    }
    if (near.data.items.length === 0) {
      this.byName(NOTES.noneNear);
      return;
    }
    // Points near me need no menu: a menu that failed to load no longer hides them.
    this.setData({ locating: false, loadError: '' });
    this.showPoints(near.data.items.map(nearbyRow), 'distance', NOTES.byDistance);
  },

  onPoint(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id) return;
    if (id === this.data.openId) {
      this.setData({ openId: '', pointItems: [] });
      return;
    }
    const rows = this.items
      .filter((item) => item.servicePoint && item.servicePoint.id === id)
      .slice(0, CHUNK)
      .map(itemRow);
    this.setData({ openId: id, pointItems: rows });
  },

  onItem(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) wx.navigateTo({ url: `/pages/service-item/service-item?id=${encodeURIComponent(id)}` });
  },

  onMap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const point = this.data.points.find((p) => p.id === e.currentTarget.dataset.id);
    if (!point || point.latitude === null || point.longitude === null) return;
    wx.openLocation({ latitude: point.latitude, longitude: point.longitude, name: point.name, address: point.address, scale: 17 });
  },
});
