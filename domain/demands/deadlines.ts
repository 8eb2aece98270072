import * as z from '../zod';
import { SHANGHAI_OFFSET_MS, shanghaiDay } from '../shanghai-time';

/**
 * Deadlines, the pure part: the four deadline classes and working-day arithmetic in Shanghai time
 * (UTC+8 all year), with a calendar of public holidays and make-up working days (调休) read from
 * config/holidays.json. Nothing here knows about a database or a clock: callers pass `now`.
 */

export const DEADLINE_CLASSES = ['urgent', 'consult', 'general', 'complex'] as const;
export const deadlineClassSchema = z.enum(DEADLINE_CLASSES);
export type DeadlineClass = z.infer<typeof deadlineClassSchema>;
export const DEADLINE_CLASS_NAMES: Record<DeadlineClass, string> = { urgent: '紧急', consult: '咨询', general: '一般', complex: '复杂' };

/** How long a level has: clock hours (urgent) or working days (the rest), as Shanghai's 12345 counts them. */
export type Span = { hours: number } | { workingDays: number };
export const DEADLINE_RULES: Record<DeadlineClass, { accept: Span; resolve: Span; extension: Span | null }> = {
  urgent: { accept: { hours: 2 }, resolve: { hours: 24 }, extension: null },
  consult: { accept: { workingDays: 1 }, resolve: { workingDays: 1 }, extension: null },
  general: { accept: { workingDays: 1 }, resolve: { workingDays: 5 }, extension: null },
  // One extension of another 15 working days, approved by the committee with a reason.
  complex: { accept: { workingDays: 1 }, resolve: { workingDays: 15 }, extension: { workingDays: 15 } },
};

const dayRegex = /^\d{4}-\d{2}-\d{2}$/;
export const calendarDaySchema = z.string().check(z.regex(dayRegex, '日期应形如 2026-10-01'));

/** config/holidays.json: public holidays (放假) and the weekend days that are worked instead (调休上班). */
export const holidayCalendarSchema = z.strictObject({
  $comment: z.optional(z.string()),
  timeZone: z.literal('Asia/Shanghai'),
  years: z.record(z.string().check(z.regex(/^\d{4}$/)), z.strictObject({ source: z.string(), holidays: z.array(calendarDaySchema), workdays: z.array(calendarDaySchema) })),
});
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;

/** A calendar ready to ask: which Shanghai days are worked. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}
export function workCalendar(config: HolidayCalendar): WorkCalendar {
  const years = Object.values(config.years);
  return { holidays: new Set(years.flatMap((y) => y.holidays)), workdays: new Set(years.flatMap((y) => y.workdays)) };
}
export const NO_HOLIDAYS: WorkCalendar = { holidays: new Set(), workdays: new Set() };

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SHANGHAI = SHANGHAI_OFFSET_MS;

/** The Shanghai calendar day of an instant, `YYYY-MM-DD`. */
export { shanghaiDay };
/** Midnight (00:00 Shanghai) starting the Shanghai day `day`. */
export function shanghaiMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI);
}

/** Whether a Shanghai day is worked: a weekday that is no holiday, or a make-up working day. */
export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/**
 * `n` working days after `start`: the same time of day on the n-th working day after it. A start on a
 * day that is not worked (a Saturday's report) starts the clock at 00:00 of the next working day, so
 * "1 working day" from a Saturday ends at the end of Monday.
 */
export function addWorkingDays(start: Date, n: number, calendar: WorkCalendar): Date {
  let day = shanghaiDay(start);
  let offset = start.getTime() - shanghaiMidnight(day).getTime();
  if (!isWorkingDay(day, calendar)) {
    while (!isWorkingDay(day, calendar)) day = nextDay(day);
    offset = 0;
  }
  for (let left = n; left > 0;) {
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) left--;
  }
  return new Date(shanghaiMidnight(day).getTime() + offset);
}

/** The end of a span started at `start`. */
export function addSpan(start: Date, span: Span, calendar: WorkCalendar): Date {
  return 'hours' in span ? new Date(start.getTime() + span.hours * HOUR) : addWorkingDays(start, span.workingDays, calendar);
}

export type DeadlineKind = 'accept' | 'resolve';
/** When a level must have accepted (立案) or resolved a demand of a class, counted from `start`. */
export function deadlineFor(cls: DeadlineClass, kind: DeadlineKind, start: Date, calendar: WorkCalendar): Date {
  return addSpan(start, DEADLINE_RULES[cls][kind], calendar);
}

/** The handler is warned when 75% of the time between start and deadline has passed. */
export const WARN_AT = 0.75;
export function warningAt(start: Date, due: Date): Date {
  return new Date(start.getTime() + Math.floor((due.getTime() - start.getTime()) * WARN_AT));
}

/** After `resolved`, the reporter has 3 days to confirm; silence closes it unrated. */
export const CONFIRM_WITHIN_MS = 3 * DAY;
