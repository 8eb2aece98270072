import { shanghaiClock } from '../../domain/shanghai-time';

/**
 * CloudBase timer triggers use a 7-field cron: second minute hour day-of-month month day-of-week year,
 * evaluated in Beijing time (UTC+8). Fields take `*`, `?`, numbers, `a-b`, `a,b`, `x/step` and English
 * month/day names. When both day-of-month and day-of-week are set (neither `*` nor `?`) a day matches
 * either ("两者为“或”关系", docs.cloudbase.net/cli-v1/functions/trigger-create), as in classic cron.
 */
const NAMES: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
  SUN: 0,
  MON: 1,
  TUE: 2,
  WED: 3,
  THU: 4,
  FRI: 5,
  SAT: 6,
};
const RANGES: [number, number][] = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
  [1970, 2099],
];

export interface CronSchedule {
  fields: Set<number>[];
  /** Day-of-month and day-of-week are both restricted: a day matching either one fires. */
  eitherDay: boolean;
}

const unrestricted = (field: string) => field === '*' || field === '?';

export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`定时触发器需要 7 个字段（秒 分 时 日 月 星期 年）：${expression}`);
  return { fields: fields.map((field, i) => parseField(field, RANGES[i], expression)), eitherDay: !unrestricted(fields[3]) && !unrestricted(fields[5]) };
}

function parseField(field: string, [min, max]: [number, number], expression: string): Set<number> {
  const out = new Set<number>();
  const value = (text: string): number => {
    const n = NAMES[text.toUpperCase()] ?? Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`定时触发器字段超出范围：${text}（${expression}）`);
    return n;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`定时触发器步长不正确：${part}`);
    let [from, to] = [min, max];
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-');
      from = value(a);
      to = b === undefined ? (stepText === undefined ? from : max) : value(b);
    }
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

/** Whether the schedule fires in the second starting at `instant` (read in Beijing time). */
export function cronMatches(schedule: CronSchedule, instant: Date): boolean {
  const c = shanghaiClock(instant);
  const [second, minute, hour, dayOfMonth, month, dayOfWeek, year] = schedule.fields;
  const day = schedule.eitherDay ? dayOfMonth.has(c.day) || dayOfWeek.has(c.weekday) : dayOfMonth.has(c.day) && dayOfWeek.has(c.weekday);
  return second.has(c.second) && minute.has(c.minute) && hour.has(c.hour) && month.has(c.month) && year.has(c.year) && day;
}
