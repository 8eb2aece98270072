/** People read times in Asia/Shanghai whatever the phone's zone (domain/shanghai-time.ts). */
import { shanghaiClock } from '../generated/domain';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 2026-11-01T02:00:00Z → "2026年11月1日 10:00"; '' for a value that is not a date. */
export function shanghaiDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const t = shanghaiClock(ms);
  return `${t.year}年${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)}`;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 2026-12-10T02:00:00Z → "周四" (older residents think in weekdays); '' for a value that is not a date. */
export function shanghaiWeekday(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : WEEKDAYS[shanghaiClock(ms).weekday];
}
