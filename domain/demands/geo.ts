import { GeoPoint } from '../common';

/** Great-circle distance in metres (haversine): enough for "within 100 m" and "nearest building". */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const [lng1, lat1] = a.coordinates;
  const [lng2, lat2] = b.coordinates;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Duplicates are offered within this distance, or in the same building. */
export const SIMILAR_WITHIN_METRES = 100;
/** A 随手拍 further than this from every building of the community is not in the community. */
export const SNAP_WITHIN_METRES = 1000;

/** The building nearest to a location, among those with a location, within SNAP_WITHIN_METRES. */
export function nearestBuilding<B extends { location?: GeoPoint | null }>(location: GeoPoint, buildings: readonly B[]): B | null {
  let best: B | null = null;
  let bestDistance = SNAP_WITHIN_METRES;
  for (const b of buildings) {
    if (!b.location) continue;
    const d = distanceMetres(location, b.location);
    if (d <= bestDistance) {
      best = b;
      bestDistance = d;
    }
  }
  return best;
}
