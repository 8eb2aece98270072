/** What 附近服务点 shows: points by distance or by name, distances in words a resident reads (pure). */
import { NearbyPoint, ServiceItem } from '../../services/service/service';

export interface PointRow {
  id: string;
  name: string;
  address: string;
  /** "350 米", "1.2 公里"; '' when sorted by name. */
  distance: string;
  hours: string;
  /** Where to open the map; null when only the name and address are known. */
  latitude: number | null;
  longitude: number | null;
}

/** "350 米" under a kilometre, "1.2 公里" from one. */
export function distanceText(metres: number): string {
  const m = Math.max(0, Math.round(metres));
  return m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`;
}

export function nearbyRow(n: NearbyPoint): PointRow {
  const [longitude, latitude] = n.point.location.coordinates;
  return { id: n.point.id, name: n.point.name, address: n.point.address, distance: distanceText(n.distanceMetres), hours: n.point.openingHours, latitude, longitude };
}

/**
 * The points the menu's services are offered at, each once, sorted by name with
 * `localeCompare(…, 'zh-Hans-CN')` (pinyin order where the runtime has Chinese collation, else
 * character code order), then by id.
 */
export function pointsByName(items: ServiceItem[]): PointRow[] {
  const seen = new Map<string, PointRow>();
  for (const item of items) {
    const p = item.servicePoint;
    if (p && !seen.has(p.id)) seen.set(p.id, { id: p.id, name: p.name, address: p.address, distance: '', hours: '', latitude: null, longitude: null });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Why the list is in the order it is, in plain words. */
export const NOTES = {
  notAsked: '服务点按名称排列。点“使用我的位置”，可以按离你的远近排列。',
  byDistance: '按离你的远近排列（步行距离以直线估算）。',
  declined: '你没有同意隐私保护指引，所以没有使用你的位置，服务点按名称排列。',
  noLocation: '没有拿到你的位置（可能没有允许小程序使用位置，或定位失败），服务点按名称排列。',
  noneNear: '你附近 3 公里内没有服务点，以下按名称排列。',
} as const;
