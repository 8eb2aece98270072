/**
 * The one Earth radius every distance uses: the radius CloudBase's geo queries use (its geoWithin
 * centerSphere radius is "距离除以地球半径 6378.1km", WeChat's Command.geoWithin reference; MongoDB's
 * 2dsphere index uses the same 6378.1 km), so distances the functions compute agree with the database's.
 */
export const EARTH_RADIUS_M = 6_378_100;

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two [lng, lat] positions (haversine). */
export function haversineMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
