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
});
