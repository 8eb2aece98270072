import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { SHANGHAI_OFFSET_MS, shanghaiClock, shanghaiDay, shanghaiInstant, shanghaiMinute, shanghaiMonth, shanghaiYear } from '../../domain/shanghai-time';

/**
 * Everything shown or scheduled for people uses Asia/Shanghai. One module does it (a fixed UTC+8: no
 * daylight saving since 1991), checked against Node's own time-zone data (Intl, ICU) for any instant
 * from 1992 to 2100.
 */
const intl = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function byIntl(at: Date) {
  const parts = Object.fromEntries(intl.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

const instants = fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
const pad = (n: number) => String(n).padStart(2, '0');

describe('Shanghai time', () => {
  it('the offset is 8 hours', () => {
    expect(SHANGHAI_OFFSET_MS).toBe(8 * 3600_000);
  });

  it('shanghaiClock reads any instant exactly as Intl does for Asia/Shanghai', () => {
    fc.assert(
      fc.property(instants, (at) => {
        const { year, month, day, hour, minute, second, weekday } = shanghaiClock(at);
        expect({ year, month, day, hour, minute, second, weekday }).toEqual(byIntl(at));
      }),
      { numRuns: 2000 },
    );
  });

  it('shanghaiDay, shanghaiMinute, shanghaiMonth and shanghaiYear agree with Intl', () => {
    fc.assert(
      fc.property(instants, (at) => {
        const i = byIntl(at);
        expect(shanghaiMinute(at)).toBe(`${i.year}-${pad(i.month)}-${pad(i.day)} ${pad(i.hour)}:${pad(i.minute)}`);
        expect(shanghaiMonth(at)).toEqual({ month: `${i.year}-${pad(i.month)}`, year: i.year });
        expect(shanghaiYear(at)).toBe(i.year);
        expect(shanghaiDay(at)).toBe(`${i.year}-${pad(i.month)}-${pad(i.day)}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('shanghaiInstant turns a Shanghai wall-clock time back into the instant it names', () => {
    fc.assert(
      fc.property(instants, (at) => {
        const c = shanghaiClock(at);
        const back = shanghaiInstant(c.year, c.month, c.day, c.hour, c.minute, c.second);
        expect(back.getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
      }),
      { numRuns: 1000 },
    );
  });

  it('2026-01-31T17:30Z is already 1 February in Shanghai', () => {
    expect(shanghaiMonth(new Date('2026-01-31T17:30:00Z'))).toEqual({ month: '2026-02', year: 2026 });
    expect(shanghaiMinute(new Date('2026-01-31T17:30:00Z'))).toBe('2026-02-01 01:30');
  });
});

describe('one place for the offset and the Earth radius', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return ['node_modules', 'generated', 'miniprogram_npm'].includes(e.name) ? [] : sources(full);
      return e.name.endsWith('.ts') ? [full] : [];
    });
  const files = ['domain', 'server', 'emulator', 'miniprogram', 'scripts', 'cloudfunctions'].flatMap((d) => sources(path.join(ROOT, d)));

  it('no source file but domain/shanghai-time.ts spells out the UTC+8 offset', () => {
    const offset = /8 \* (3600|60 \* 60|HOUR)|28_?800/;
    const copies = files.filter((f) => !f.endsWith(path.join('domain', 'shanghai-time.ts')) && offset.test(fs.readFileSync(f, 'utf8')));
    expect(copies.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('no source file but domain/earth.ts spells out an Earth radius', () => {
    const radius = /637\d[_,]?\d{3}|6378\.1|6371/;
    const copies = files.filter((f) => !f.endsWith(path.join('domain', 'earth.ts')) && radius.test(fs.readFileSync(f, 'utf8')));
    expect(copies.map((f) => path.relative(ROOT, f))).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });
});
