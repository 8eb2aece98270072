import { GeoPoint } from './common';

/** Pure rules about checking in and out and the hours it earns; shared by the functions and the pages. */

const HOUR_MS = 3600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

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

/** The Shanghai calendar month (`YYYY-MM`) and year of an instant: 2026-01-31T17:30Z is February. */
export function shanghaiMonth(at: Date): { month: string; year: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  return { month: `${year}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`, year };
}

/** `2026-11-01 10:00` in Shanghai time, for exports people open in Excel. */
export function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Great-circle distance in metres between two GeoJSON points (haversine; ample for a few kilometres). */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const [lng1, lat1] = a.coordinates;
  const [lng2, lat2] = b.coordinates;
  const h = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}
