import { cronMatches, parseCron } from '../../emulator/host/cron';

describe('timer trigger schedules (CloudBase 7-field cron, Beijing time)', () => {
  it('"0 0 2 * * * *" fires at 02:00:00 Beijing time, which is 18:00 UTC the day before', () => {
    const schedule = parseCron('0 0 2 * * * *');
    expect(cronMatches(schedule, new Date('2026-11-20T18:00:00Z'))).toBe(true);
    expect(cronMatches(schedule, new Date('2026-11-21T02:00:00Z'))).toBe(false);
  });

  it('steps, ranges, lists and day names work: every 15 minutes on weekdays', () => {
    const schedule = parseCron('0 */15 9-17 * * MON-FRI *');
    expect(cronMatches(schedule, new Date('2026-11-23T01:45:00Z'))).toBe(true); // Monday 09:45 Beijing
    expect(cronMatches(schedule, new Date('2026-11-22T01:45:00Z'))).toBe(false); // Sunday
    expect(cronMatches(schedule, new Date('2026-11-23T01:50:00Z'))).toBe(false);
  });

  it('a schedule with the wrong number of fields or an out-of-range value is refused with a readable message', () => {
    expect(() => parseCron('0 0 2 * *')).toThrow('7 个字段');
    expect(() => parseCron('0 0 25 * * * *')).toThrow('超出范围');
  });

  // docs.cloudbase.net/cli-v1/functions/trigger-create: "Cron 表达式中“日”和“星期”同时指定值时，两者为“或”关系".
  it('day-of-month and day-of-week both set are ORed: "the 1st, or any Monday" at 09:00 Beijing', () => {
    const schedule = parseCron('0 0 9 1 * MON *');
    expect(cronMatches(schedule, new Date('2026-12-01T01:00:00Z'))).toBe(true); // Tuesday 1 December
    expect(cronMatches(schedule, new Date('2026-12-07T01:00:00Z'))).toBe(true); // Monday 7 December
    expect(cronMatches(schedule, new Date('2026-12-08T01:00:00Z'))).toBe(false); // Tuesday 8 December
    expect(cronMatches(schedule, new Date('2026-12-07T02:00:00Z'))).toBe(false); // Monday, but 10:00
  });

  it('with only one of the two set (the other * or ?), that one alone decides', () => {
    const firsts = parseCron('0 0 9 1 * * *');
    expect(cronMatches(firsts, new Date('2026-12-01T01:00:00Z'))).toBe(true);
    expect(cronMatches(firsts, new Date('2026-12-07T01:00:00Z'))).toBe(false);
    const mondays = parseCron('0 0 9 ? * MON *');
    expect(cronMatches(mondays, new Date('2026-12-07T01:00:00Z'))).toBe(true);
    expect(cronMatches(mondays, new Date('2026-12-01T01:00:00Z'))).toBe(false);
    const everyDay = parseCron('0 0 9 * * ? *');
    expect(cronMatches(everyDay, new Date('2026-12-08T01:00:00Z'))).toBe(true);
  });

  it('a day-of-month in Beijing differs from the UTC date: the 1st at 02:00 Beijing is the 30th/31st in UTC', () => {
    const schedule = parseCron('0 0 2 1 * * *');
    expect(cronMatches(schedule, new Date('2026-11-30T18:00:00Z'))).toBe(true);
    expect(cronMatches(schedule, new Date('2026-12-01T18:00:00Z'))).toBe(false);
  });

  it('every 5 minutes on the minute (the app’s own triggers)', () => {
    const schedule = parseCron('0 */5 * * * * *');
    expect(cronMatches(schedule, new Date('2026-12-05T02:05:00Z'))).toBe(true);
    expect(cronMatches(schedule, new Date('2026-12-05T02:05:01Z'))).toBe(false);
    expect(cronMatches(schedule, new Date('2026-12-05T02:06:00Z'))).toBe(false);
  });
});
