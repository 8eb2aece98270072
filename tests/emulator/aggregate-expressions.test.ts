import { runPipeline } from '../../emulator/store/aggregate';
import { Doc } from '../../emulator/store/types';
import { storeError } from './expect-store-error';

/** Evaluates one expression against one document through a real `$project`. */
function value(expr: unknown, doc: Doc = {}): unknown {
  const [out] = runPipeline([{ _id: 1, ...doc }], [{ $project: { _id: 0, v: expr } }], () => []);
  return out.v;
}

const event = { title: '社区义诊', seats: 20, taken: 17, price: 2.5, at: new Date('2024-01-31T23:30:05.007Z'), tags: ['health', 'elderly', 'free'] };

describe('field paths, variables and literals', () => {
  test('a $-string reads a field, through embedded documents and arrays', () => {
    expect(value('$org.name', { org: { name: '街道' } })).toBe('街道');
    expect(value('$items.id', { items: [{ id: 1 }, { id: 2 }, { other: 3 }] })).toEqual([1, 2]);
  });

  test('$$ROOT and $$CURRENT are the whole document', () => {
    expect(value('$$ROOT', { a: 1 })).toEqual({ _id: 1, a: 1 });
    expect(value('$$CURRENT.a', { a: 1 })).toBe(1);
  });

  test('plain values are literals, and $literal protects a string that starts with $', () => {
    // Inside $project a bare 1 would mean "include", so the number goes through $literal.
    expect(value({ n: { $literal: 1 }, s: 'text', list: ['$a', 2] }, { a: 'x' })).toEqual({ n: 1, s: 'text', list: ['x', 2] });
    expect(value({ $literal: '$5 off' })).toBe('$5 off');
  });

  test('$let binds variables for its inner expression', () => {
    expect(value({ $let: { vars: { left: { $subtract: ['$seats', '$taken'] } }, in: { $multiply: ['$$left', 2] } } }, event)).toBe(6);
  });

  test('an unknown operator or an undefined variable is rejected', () => {
    expect(storeError(() => value({ $teleport: 1 })).message).toContain('$teleport');
    expect(storeError(() => value('$$nobody')).message).toContain('nobody');
  });
});

describe('arithmetic', () => {
  test('remaining seats, revenue and share of seats taken', () => {
    expect(value({ $subtract: ['$seats', '$taken'] }, event)).toBe(3);
    expect(value({ $add: ['$seats', '$taken', 1] }, event)).toBe(38);
    expect(value({ $multiply: ['$taken', '$price'] }, event)).toBe(42.5);
    expect(value({ $divide: ['$taken', '$seats'] }, event)).toBe(0.85);
    expect(value({ $mod: ['$taken', 5] }, event)).toBe(2);
  });

  test('adding milliseconds to a date gives a date; subtracting dates gives milliseconds', () => {
    expect(value({ $add: ['$at', 60_000] }, event)).toEqual(new Date('2024-01-31T23:31:05.007Z'));
    expect(value({ $subtract: ['$at', new Date('2024-01-31T23:30:00Z')] }, event)).toBe(5007);
  });

  test('a null or missing operand makes the result null', () => {
    expect(value({ $add: ['$seats', '$missing'] }, event)).toBeNull();
    expect(value({ $abs: null })).toBeNull();
  });

  test('dividing by zero or adding text is rejected', () => {
    expect(storeError(() => value({ $divide: [1, 0] })).code).toBe('INVALID_PARAM');
    expect(storeError(() => value({ $add: [1, 'x'] })).code).toBe('INVALID_PARAM');
  });

  test('$abs, $ceil, $floor', () => {
    expect(value({ $abs: -3 })).toBe(3);
    expect(value({ $ceil: 2.1 })).toBe(3);
    expect(value({ $floor: -2.1 })).toBe(-3);
  });

  test('$round rounds halves to even like Mongo, and honours the place', () => {
    expect(value({ $round: [2.5, 0] })).toBe(2);
    expect(value({ $round: [3.5] })).toBe(4);
    expect(value({ $round: [1.2345, 2] })).toBe(1.23);
    expect(value({ $round: [1250, -2] })).toBe(1200);
  });
});

describe('comparison and logic', () => {
  test('$eq $ne $gt $gte $lt $lte $cmp', () => {
    expect(value({ $eq: ['$taken', 17] }, event)).toBe(true);
    expect(value({ $ne: ['$taken', 17] }, event)).toBe(false);
    expect(value({ $gt: ['$seats', '$taken'] }, event)).toBe(true);
    expect(value({ $gte: ['$taken', 17] }, event)).toBe(true);
    expect(value({ $lt: ['$seats', 20] }, event)).toBe(false);
    expect(value({ $lte: ['$seats', 20] }, event)).toBe(true);
    expect(value({ $cmp: ['$seats', '$taken'] }, event)).toBe(1);
    expect(value({ $cmp: ['a', 'b'] })).toBe(-1);
  });

  test('a missing field is not equal to null and sorts below it', () => {
    expect(value({ $eq: ['$missing', null] })).toBe(false);
    expect(value({ $lt: ['$missing', null] })).toBe(true);
  });

  test('$and, $or and $not use Mongo truthiness (0 and null are false, "" is true)', () => {
    expect(value({ $and: [1, 'x', []] })).toBe(true);
    expect(value({ $and: [1, 0] })).toBe(false);
    expect(value({ $or: [null, '$missing', ''] })).toBe(true);
    expect(value({ $not: [0] })).toBe(true);
  });

  test('$in checks membership in an array, and rejects a non-array', () => {
    expect(value({ $in: ['elderly', '$tags'] }, event)).toBe(true);
    expect(value({ $in: ['kids', '$tags'] }, event)).toBe(false);
    expect(storeError(() => value({ $in: [1, '$title'] }, event)).code).toBe('INVALID_PARAM');
  });

  test('$cond in array and object form labels a nearly full event', () => {
    expect(value({ $cond: [{ $gte: ['$taken', 15] }, 'nearly full', 'open'] }, event)).toBe('nearly full');
    expect(value({ $cond: { if: { $gte: ['$taken', 18] }, then: 'nearly full', else: 'open' } }, event)).toBe('open');
  });

  test('$ifNull falls back for null and missing values only', () => {
    expect(value({ $ifNull: ['$nickname', '$title'] }, event)).toBe('社区义诊');
    expect(value({ $ifNull: ['$taken', 0] }, event)).toBe(17);
    expect(value({ $ifNull: [null, '$missing', 'last'] })).toBe('last');
  });

  test('$switch picks the first true branch, then the default, and errors without one', () => {
    const level = (taken: number, withDefault = true) =>
      value(
        {
          $switch: {
            branches: [
              { case: { $gte: ['$taken', 20] }, then: 'full' },
              { case: { $gte: ['$taken', 15] }, then: 'busy' },
            ],
            ...(withDefault ? { default: 'quiet' } : {}),
          },
        },
        { taken },
      );
    expect(level(20)).toBe('full');
    expect(level(16)).toBe('busy');
    expect(level(2)).toBe('quiet');
    expect(storeError(() => level(2, false)).message).toContain('default');
  });
});

describe('strings', () => {
  test('$concat joins strings and gives null when a part is missing', () => {
    expect(value({ $concat: ['$title', '（', '免费', '）'] }, event)).toBe('社区义诊（免费）');
    expect(value({ $concat: ['$title', '$missing'] }, event)).toBeNull();
    expect(storeError(() => value({ $concat: ['a', 1] })).code).toBe('INVALID_PARAM');
  });

  test('$toUpper and $toLower, with null becoming an empty string', () => {
    expect(value({ $toUpper: 'Youlin' })).toBe('YOULIN');
    expect(value({ $toLower: 'Youlin' })).toBe('youlin');
    expect(value({ $toUpper: '$missing' })).toBe('');
  });

  test('$substrCP and $strLenCP count Chinese characters and emoji as one each', () => {
    expect(value({ $substrCP: ['$title', 2, 2] }, event)).toBe('义诊');
    expect(value({ $strLenCP: '邻里😀' })).toBe(3);
    expect(storeError(() => value({ $strLenCP: 5 })).code).toBe('INVALID_PARAM');
  });
});

describe('arrays', () => {
  test('$size counts elements and rejects a non-array', () => {
    expect(value({ $size: '$tags' }, event)).toBe(3);
    expect(storeError(() => value({ $size: '$title' }, event)).code).toBe('INVALID_PARAM');
  });

  test('$arrayElemAt reads from either end, and out of range leaves the field out', () => {
    expect(value({ $arrayElemAt: ['$tags', 0] }, event)).toBe('health');
    expect(value({ $arrayElemAt: ['$tags', -1] }, event)).toBe('free');
    expect(value({ $arrayElemAt: ['$tags', 9] }, event)).toBeUndefined();
  });

  test('$filter keeps scores of 60 and above, $map turns them into labels', () => {
    const doc = { scores: [45, 80, 60] };
    expect(value({ $filter: { input: '$scores', as: 's', cond: { $gte: ['$$s', 60] } } }, doc)).toEqual([80, 60]);
    expect(value({ $map: { input: '$scores', in: { $cond: [{ $gte: ['$$this', 60] }, 'pass', 'fail'] } } }, doc)).toEqual(['fail', 'pass', 'pass']);
    expect(value({ $map: { input: '$scores', as: 'x', in: { $add: ['$$x', 1] } } }, doc)).toEqual([46, 81, 61]);
  });

  test('$concatArrays joins lists and $slice takes parts of one', () => {
    expect(value({ $concatArrays: ['$tags', ['new']] }, event)).toEqual(['health', 'elderly', 'free', 'new']);
    expect(value({ $concatArrays: ['$tags', '$missing'] }, event)).toBeNull();
    expect(value({ $slice: ['$tags', 2] }, event)).toEqual(['health', 'elderly']);
    expect(value({ $slice: ['$tags', -1] }, event)).toEqual(['free']);
    expect(value({ $slice: ['$tags', 1, 5] }, event)).toEqual(['elderly', 'free']);
  });
});

describe('array reductions (extras beyond the brief)', () => {
  test('$sum, $avg, $min and $max over an array field, and $reduce folding it', () => {
    const doc = { scores: [45, 80, 60, 'n/a'] };
    expect(value({ $sum: '$scores' }, doc)).toBe(185);
    expect(value({ $avg: '$scores' }, doc)).toBeCloseTo(61.667, 3);
    expect(value({ $max: '$scores' }, doc)).toBe('n/a'); // strings sort above numbers, as in Mongo
    expect(value({ $min: '$scores' }, doc)).toBe(45);
    expect(value({ $reduce: { input: [1, 2, 3], initialValue: 10, in: { $add: ['$$value', '$$this'] } } })).toBe(16);
    expect(value({ $isArray: '$scores' }, doc)).toBe(true);
  });
});

describe('dates and time zones', () => {
  test('23:30 UTC on 31 January is already 1 February in Shanghai', () => {
    const zone = 'Asia/Shanghai';
    expect(value({ $year: { date: '$at', timezone: zone } }, event)).toBe(2024);
    expect(value({ $month: { date: '$at', timezone: zone } }, event)).toBe(2);
    expect(value({ $dayOfMonth: { date: '$at', timezone: zone } }, event)).toBe(1);
    expect(value({ $hour: { date: '$at', timezone: zone } }, event)).toBe(7);
    expect(value({ $minute: { date: '$at', timezone: zone } }, event)).toBe(30);
    expect(value({ $dayOfWeek: { date: '$at', timezone: zone } }, event)).toBe(5); // Thursday
  });

  test('without a time zone the parts are UTC, and a fixed offset works like the named zone', () => {
    expect(value({ $month: '$at' }, event)).toBe(1);
    expect(value({ $dayOfWeek: '$at' }, event)).toBe(4); // Wednesday
    expect(value({ $hour: { date: '$at', timezone: '+08:00' } }, event)).toBe(7);
    expect(value({ $hour: { date: '$at', timezone: '-0530' } }, event)).toBe(18);
  });

  test('named zones follow daylight saving time', () => {
    expect(value({ $hour: { date: new Date('2024-07-01T12:00:00Z'), timezone: 'America/New_York' } })).toBe(8);
    expect(value({ $hour: { date: new Date('2024-01-01T12:00:00Z'), timezone: 'America/New_York' } })).toBe(7);
  });

  test('$dateToString formats every supported specifier in the given zone', () => {
    const format = '%Y-%m-%d %H:%M:%S.%L day %j weekday %u %%';
    expect(value({ $dateToString: { date: '$at', format, timezone: 'Asia/Shanghai' } }, event)).toBe('2024-02-01 07:30:05.007 day 032 weekday 4 %');
    expect(value({ $dateToString: { date: '$at' } }, event)).toBe('2024-01-31T23:30:05.007Z');
  });

  test('$dateToString of a missing date gives onNull, or null', () => {
    expect(value({ $dateToString: { date: '$missing', format: '%Y', onNull: '未签到' } })).toBe('未签到');
    expect(value({ $dateToString: { date: '$missing', format: '%Y' } })).toBeNull();
  });

  test('an unknown zone, an unknown specifier or a non-date is rejected', () => {
    expect(storeError(() => value({ $hour: { date: '$at', timezone: 'Mars/Olympus' } }, event)).message).toContain('Mars/Olympus');
    expect(storeError(() => value({ $dateToString: { date: '$at', format: '%Q' } }, event)).code).toBe('INVALID_PARAM');
    expect(storeError(() => value({ $year: '$title' }, event)).code).toBe('INVALID_PARAM');
  });
});
