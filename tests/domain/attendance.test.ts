import { creditedHours, distanceMetres, pointsFor, shanghaiMinute, shanghaiMonth } from '../../domain/attendance';

/** Hours count only inside the shift, in half hours; months and times are Shanghai's. */

const at = (hhmm: string) => new Date(`2026-11-07T${hhmm}:00+08:00`);
const SHIFT = { startAt: at('09:00'), endAt: at('11:00'), maxHours: null };

describe('credited hours', () => {
  it.each([
    ['20 min early, 40 min late on a 2 h shift: the shift', '08:40', '11:40', 2],
    ['1 h 10 min: rounded down to the half hour', '09:00', '10:10', 1],
    ['1 h 15 min: rounded up to the half hour', '09:00', '10:15', 1.5],
    ['left before the start: nothing', '08:00', '08:50', 0],
    ['came after the end: nothing', '11:10', '11:30', 0],
    ['a few minutes: nothing', '09:00', '09:10', 0],
  ])('%s', (_story, checkin, checkout, hours) => {
    expect(creditedHours(at(checkin), at(checkout), SHIFT)).toBe(hours);
  });

  it("never more than the shift's credited hours", () => {
    expect(creditedHours(at('09:00'), at('11:00'), { ...SHIFT, maxHours: 1.5 })).toBe(1.5);
  });

  it('points are hours times the points per hour, to two decimals', () => {
    expect(pointsFor(2, 1)).toBe(2);
    expect(pointsFor(1.5, 1.5)).toBe(2.25);
    expect(pointsFor(0.5, 0.3)).toBe(0.15);
  });
});

describe('Shanghai time', () => {
  it('2026-01-31T17:30Z is 1 February in Shanghai: it counts in February', () => {
    expect(shanghaiMonth(new Date('2026-01-31T17:30:00Z'))).toEqual({ month: '2026-02', year: 2026 });
    expect(shanghaiMonth(new Date('2026-12-31T16:00:00Z'))).toEqual({ month: '2027-01', year: 2027 });
    expect(shanghaiMonth(new Date('2026-12-31T15:59:59Z'))).toEqual({ month: '2026-12', year: 2026 });
  });

  it('export times are written as Shanghai wall-clock minutes', () => {
    expect(shanghaiMinute(new Date('2026-11-01T02:05:30Z'))).toBe('2026-11-01 10:05');
  });
});

describe('distance', () => {
  const HALL: [number, number] = [121.3215, 31.2987];
  const point = (coordinates: [number, number]) => ({ type: 'Point' as const, coordinates });

  it('0 m to itself; about 111 m per 0.001° of latitude; about 95 m per 0.001° of longitude in Shanghai', () => {
    expect(distanceMetres(point(HALL), point(HALL))).toBe(0);
    expect(distanceMetres(point(HALL), point([HALL[0], HALL[1] + 0.001]))).toBeCloseTo(111.2, 0);
    expect(distanceMetres(point(HALL), point([HALL[0] + 0.001, HALL[1]]))).toBeCloseTo(95.1, 0);
  });
});
