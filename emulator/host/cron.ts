/**
 * CloudBase timer triggers use a 7-field cron: second minute hour day-of-month month day-of-week year,
 * evaluated in Beijing time (UTC+8). Fields take `*`, numbers, `a-b`, `a,b`, `x/step` and English
 * month/day names.
 */
const NAMES: Record<string, number> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
  SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6,
};
const RANGES: [number, number][] = [[0, 59], [0, 59], [0, 23], [1, 31], [1, 12], [0, 6], [1970, 2099]];

export type CronSchedule = Set<number>[];

export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`定时触发器需要 7 个字段（秒 分 时 日 月 星期 年）：${expression}`);
  return fields.map((field, i) => parseField(field, RANGES[i], expression));
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
  const beijing = new Date(instant.getTime() + 8 * 3600_000);
  const parts = [
    beijing.getUTCSeconds(),
    beijing.getUTCMinutes(),
    beijing.getUTCHours(),
    beijing.getUTCDate(),
    beijing.getUTCMonth() + 1,
    beijing.getUTCDay(),
    beijing.getUTCFullYear(),
  ];
  return parts.every((p, i) => schedule[i].has(p));
}
