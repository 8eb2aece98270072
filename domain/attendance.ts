import { GeoPoint } from './common';
import { haversineMetres } from './earth';

/** Pure rules about checking in and out and the hours it earns; shared by the functions and the pages. */

const HOUR_MS = 3600_000;

/** Check-in opens this long before the shift (or activity) starts: people arrive early to set up. */
export const CHECKIN_OPENS_BEFORE_MS = HOUR_MS;

/** The time hours count in: a shift's, or the whole activity's. `maxHours` is a shift's credited hours. */
export interface AttendanceWindow {
  startAt: Date;
  endAt: Date;
  maxHours: number | null;
}

/**
 * Hours for a stay from check-in to check-out: only the part inside the window counts (arriving early
 * or leaving late earns nothing extra), rounded to the nearest half hour, never above a shift's hours.
 */
export function creditedHours(checkinAt: Date, checkoutAt: Date, window: AttendanceWindow): number {
  const from = Math.max(checkinAt.getTime(), window.startAt.getTime());
  const to = Math.min(checkoutAt.getTime(), window.endAt.getTime());
  const hours = Math.round((Math.max(0, to - from) / HOUR_MS) * 2) / 2;
  return window.maxHours === null ? hours : Math.min(hours, window.maxHours);
}

/** Points for credited hours; two decimals, since an activity may give e.g. 1.5 points an hour. */
export function pointsFor(hours: number, pointsPerHour: number): number {
  return Math.round(hours * pointsPerHour * 100) / 100;
}

export { shanghaiMinute, shanghaiMonth } from './shanghai-time';

/** Great-circle distance in metres between two GeoJSON points (the one Earth radius, domain/earth.ts). */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  return haversineMetres(a.coordinates, b.coordinates);
}
