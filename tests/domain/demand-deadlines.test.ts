import fc from 'fast-check';
import holidays from '../../config/holidays.json';
import {
  DEADLINE_CLASSES,
  NO_HOLIDAYS,
  addWorkingDays,
  deadlineFor,
  holidayCalendarSchema,
  isWorkingDay,
  shanghaiDay,
  shanghaiMidnight,
  warningAt,
  workCalendar,
} from '../../domain/demands/deadlines';

/**
 * Deadline arithmetic in Shanghai working days. The 2026 calendar is the State Council's notice of
 * 4 November 2025 (国务院办公厅关于2026年部分节假日安排的通知, as Xinhua published it): e.g. 春节
 * 15–23 February off, with Saturday 14 and Saturday 28 February worked instead.
 */
const CALENDAR = workCalendar(holidayCalendarSchema.parse(holidays));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

/** Instants between 2026 and the end of 2027, the years the calendar covers. */
const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00+08:00'), max: Date.parse('2027-12-20T00:00:00+08:00') }).map((ms) => new Date(ms));
const days = fc.integer({ min: 1, max: 20 });
const nextDay = (day: string) => shanghaiDay(new Date(shanghaiMidnight(day).getTime() + DAY));

/** The working days strictly after `from`'s day up to and including `to`'s day. */
function workingDaysBetween(from: Date, to: Date): number {
  let n = 0;
  for (let day = nextDay(shanghaiDay(from)); day <= shanghaiDay(to); day = nextDay(day)) if (isWorkingDay(day, CALENDAR)) n++;
  return n;
}

describe('working days in Shanghai', () => {
  it('the calendar knows 2026’s holidays and make-up working days', () => {
    expect(isWorkingDay('2026-02-16', CALENDAR)).toBe(false); // 春节, a Monday
    expect(isWorkingDay('2026-02-14', CALENDAR)).toBe(true); // a Saturday worked instead
    expect(isWorkingDay('2026-10-10', CALENDAR)).toBe(true);
    expect(isWorkingDay('2026-10-08', CALENDAR)).toBe(true); // the Thursday after 国庆
    expect(isWorkingDay('2026-12-05', CALENDAR)).toBe(false); // a plain Saturday
  });

  it('examples a resident would check by hand', () => {
    // Friday 15:00 + 1 working day = Monday 15:00.
    expect(addWorkingDays(at('2026-12-04T15:00:00'), 1, CALENDAR)).toEqual(at('2026-12-07T15:00:00'));
    // Saturday: the clock starts on Monday morning, so 1 working day ends at the end of Monday.
    expect(addWorkingDays(at('2026-12-05T10:00:00'), 1, CALENDAR)).toEqual(at('2026-12-08T00:00:00'));
    // Thursday 30 September 2026 + 1: 国庆 and the weekend are skipped; 8 October is the next working day.
    expect(addWorkingDays(at('2026-09-30T09:00:00'), 1, CALENDAR)).toEqual(at('2026-10-08T09:00:00'));
    // Friday 13 February 2026 + 1: the next day is a make-up Saturday, worked.
    expect(addWorkingDays(at('2026-02-13T09:00:00'), 1, CALENDAR)).toEqual(at('2026-02-14T09:00:00'));
    // A general demand accepted on Tuesday has until the next Tuesday; an urgent one 24 hours, weekend or not.
    expect(deadlineFor('general', 'resolve', at('2026-12-01T11:00:00'), CALENDAR)).toEqual(at('2026-12-08T11:00:00'));
    expect(deadlineFor('urgent', 'resolve', at('2026-12-05T11:00:00'), CALENDAR)).toEqual(at('2026-12-06T11:00:00'));
    expect(deadlineFor('urgent', 'accept', at('2026-12-05T11:00:00'), CALENDAR)).toEqual(at('2026-12-05T13:00:00'));
  });

  it('n working days later is later, on a working day, with exactly n working days after the day the clock starts', () => {
    fc.assert(
      fc.property(instant, days, (start, n) => {
        const due = addWorkingDays(start, n, CALENDAR);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        expect(isWorkingDay(shanghaiDay(due), CALENDAR)).toBe(true);
        // A report on a day off starts the clock at 00:00 of the next working day.
        let clockDay = shanghaiDay(start);
        while (!isWorkingDay(clockDay, CALENDAR)) clockDay = nextDay(clockDay);
        expect(workingDaysBetween(shanghaiMidnight(clockDay), due)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone: a later report never gets an earlier deadline', () => {
    fc.assert(
      fc.property(instant, instant, days, (a, b, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(early, n, CALENDAR).getTime()).toBeLessThanOrEqual(addWorkingDays(late, n, CALENDAR).getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('adds up: n then m working days is n + m working days from a working day', () => {
    fc.assert(
      fc.property(instant, days, days, (start, n, m) => {
        fc.pre(isWorkingDay(shanghaiDay(start), CALENDAR));
        expect(addWorkingDays(addWorkingDays(start, n, CALENDAR), m, CALENDAR)).toEqual(addWorkingDays(start, n + m, CALENDAR));
      }),
      { numRuns: 300 },
    );
  });

  it('without holidays, 5 working days from a weekday is exactly one week', () => {
    fc.assert(
      fc.property(instant, (start) => {
        const weekday = new Date(start.getTime() + 8 * HOUR).getUTCDay();
        fc.pre(weekday >= 1 && weekday <= 5);
        expect(addWorkingDays(start, 5, NO_HOLIDAYS).getTime() - start.getTime()).toBe(7 * DAY);
      }),
      { numRuns: 300 },
    );
  });

  it('every class gives the accept deadline no later than the resolve deadline, and the warning at 75% lies between', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...DEADLINE_CLASSES), (start, cls) => {
        const accept = deadlineFor(cls, 'accept', start, CALENDAR);
        const resolve = deadlineFor(cls, 'resolve', start, CALENDAR);
        expect(accept.getTime()).toBeLessThanOrEqual(resolve.getTime());
        const warn = warningAt(start, resolve);
        expect(warn.getTime()).toBeGreaterThan(start.getTime());
        expect(warn.getTime()).toBeLessThan(resolve.getTime());
        expect(Math.abs(warn.getTime() - start.getTime() - 0.75 * (resolve.getTime() - start.getTime()))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
