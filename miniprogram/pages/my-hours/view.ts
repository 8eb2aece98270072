/** Turns `activity.hours` into what 我的时长与积分 shows (pure). */
import { MyHours } from '../../services/activity/types';

export interface MonthRow {
  month: string;
  label: string;
  hours: string;
  points: string;
}

export interface HoursView {
  year: number;
  hours: string;
  points: string;
  /** Newest month first; empty when nothing was credited that year. */
  months: MonthRow[];
}

/** 2.5 → "2.5", 2 → "2": hours come in halves and points with two decimals at most. */
const num = (n: number) => String(Math.round(n * 100) / 100);

/** "2026-11" → "11月". */
export function monthLabel(month: string): string {
  const m = /^\d{4}-(\d{2})$/.exec(month);
  return m ? `${Number(m[1])}月` : month;
}

export function hoursView(h: MyHours): HoursView {
  const months = h.byMonth
    .filter((m) => m.hours > 0 || m.points > 0)
    .map((m) => ({ month: m.month, label: monthLabel(m.month), hours: `${num(m.hours)} 小时`, points: `${num(m.points)} 积分` }))
    .sort((a, b) => (a.month < b.month ? 1 : -1));
  return { year: h.year, hours: num(h.hours), points: num(h.points), months };
}
