/**
 * Asia/Shanghai time, the one place it is computed: everything shown or scheduled for people uses it,
 * while instants are stored in UTC. China has kept UTC+8 all year since 1991 (no daylight saving), so a
 * fixed offset is exact for every date the product meets (checked against Intl in tests/domain).
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The wall clock in Shanghai at an instant; weekday 0 is Sunday. */
export interface ShanghaiClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  /** The instant of 00:00 that day in Shanghai, as ms since 1970. */
  midnight: number;
}

export function shanghaiClock(at: Date | number): ShanghaiClock {
  const ms = typeof at === 'number' ? at : at.getTime();
  const t = new Date(ms + SHANGHAI_OFFSET_MS);
  const localDay = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    weekday: t.getUTCDay(),
    midnight: localDay - SHANGHAI_OFFSET_MS,
  };
}

/** The instant a Shanghai wall-clock time names (month 1–12); fields roll over like Date.UTC. */
export function shanghaiInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS);
}

/** `midnight + days` days in Shanghai (no daylight saving, so always whole 24-hour days). */
export function shanghaiDaysLater(midnight: number, days: number): number {
  return midnight + days * DAY_MS;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD`: the Shanghai calendar day of an instant. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in Shanghai: exports people open in Excel, subscription messages. */
export function shanghaiMinute(at: Date): string {
  const c = shanghaiClock(at);
  return `${c.year}-${two(c.month)}-${two(c.day)} ${two(c.hour)}:${two(c.minute)}`;
}

/** The Shanghai calendar month (`YYYY-MM`) and year of an instant: 2026-01-31T17:30Z is February. */
export function shanghaiMonth(at: Date): { month: string; year: number } {
  const c = shanghaiClock(at);
  return { month: `${c.year}-${two(c.month)}`, year: c.year };
}

/** The year in Shanghai at an instant. */
export function shanghaiYear(at: Date): number {
  return shanghaiClock(at).year;
}
