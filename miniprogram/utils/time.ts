/** People read times in Asia/Shanghai (UTC+8 all year, no daylight saving), whatever the phone's zone. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 2026-11-01T02:00:00Z → "2026年11月1日 10:00"; '' for a value that is not a date. */
export function shanghaiDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const t = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
