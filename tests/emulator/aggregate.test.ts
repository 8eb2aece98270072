import { hoursLog, run } from './aggregate-fixtures';
import { storeError } from './expect-store-error';

describe('the app reports', () => {
  test('monthly volunteer hours grouped in Shanghai time put 23:30 UTC on 31 January into February', () => {
    const report = run(hoursLog(), [{ $group: { _id: { $month: { date: '$at', timezone: 'Asia/Shanghai' } }, hours: { $sum: '$hours' } } }, { $sort: { _id: 1 } }]);
    expect(report).toEqual([
      { _id: 1, hours: 2 },
      { _id: 2, hours: 8 },
    ]);
  });

  test('the same report in UTC keeps that entry in January', () => {
    const report = run(hoursLog(), [{ $group: { _id: { $month: '$at' }, hours: { $sum: '$hours' } } }, { $sort: { _id: 1 } }]);
    expect(report).toEqual([
      { _id: 1, hours: 5 },
      { _id: 2, hours: 5 },
    ]);
  });

  test('top volunteers: hours per person joined with their names, best first', () => {
    const top = run(hoursLog(), [
      { $group: { _id: '$volunteer', total: { $sum: '$hours' } } },
      { $sort: { total: -1 } },
      { $limit: 2 },
      { $lookup: { from: 'volunteers', localField: '_id', foreignField: '_id', as: 'person' } },
      { $unwind: '$person' },
      { $project: { _id: 0, name: '$person.name', total: 1 } },
    ]);
    expect(top).toEqual([
      { name: '王芳', total: 6 },
      { name: '李雷', total: 3 },
    ]);
  });
});

describe('$match, $sort, $skip, $limit, $count, $sample', () => {
  test('$match filters with an ordinary query', () => {
    expect(run(hoursLog(), [{ $match: { community: 'east', hours: { $gte: 2 } } }]).map((d) => d._id)).toEqual(['h1', 'h3']);
  });

  test('$match with $expr compares two computed values', () => {
    expect(run(hoursLog(), [{ $match: { $expr: { $gt: ['$hours', 2] } } }]).map((d) => d._id)).toEqual(['h2', 'h3']);
  });

  test('$expr also works inside $or, next to ordinary conditions', () => {
    const out = run(hoursLog(), [{ $match: { $or: [{ $expr: { $gte: ['$hours', 4] } }, { community: 'west' }] } }]);
    expect(out.map((d) => d._id)).toEqual(['h2', 'h3']);
  });

  test('$sort orders by several keys and keeps ties in input order', () => {
    const sorted = run(hoursLog(), [{ $sort: { community: 1, hours: -1 } }]);
    expect(sorted.map((d) => d._id)).toEqual(['h3', 'h1', 'h4', 'h2']);
  });

  test('$skip and $limit page through the results', () => {
    expect(run(hoursLog(), [{ $sort: { hours: 1 } }, { $skip: 1 }, { $limit: 2 }]).map((d) => d.hours)).toEqual([2, 3]);
  });

  test('$limit must be a positive integer and $skip non-negative', () => {
    expect(storeError(() => run(hoursLog(), [{ $limit: 0 }])).code).toBe('INVALID_PARAM');
    expect(storeError(() => run(hoursLog(), [{ $skip: -1 }])).code).toBe('INVALID_PARAM');
    expect(storeError(() => run(hoursLog(), [{ $sort: { hours: 'up' } }])).code).toBe('INVALID_PARAM');
  });

  test('$count names the count field, and counting nothing yields no document, like Mongo', () => {
    expect(run(hoursLog(), [{ $match: { community: 'east' } }, { $count: 'entries' }])).toEqual([{ entries: 3 }]);
    expect(run(hoursLog(), [{ $match: { community: 'north' } }, { $count: 'entries' }])).toEqual([]);
    expect(storeError(() => run(hoursLog(), [{ $count: '$bad' }])).code).toBe('INVALID_PARAM');
  });

  test('$sample draws distinct documents and never more than there are', () => {
    const picked = run(hoursLog(), [{ $sample: { size: 2 } }]);
    expect(picked).toHaveLength(2);
    expect(new Set(picked.map((d) => d._id)).size).toBe(2);
    expect(run(hoursLog(), [{ $sample: { size: 10 } }])).toHaveLength(4);
    expect(storeError(() => run(hoursLog(), [{ $sample: { size: -1 } }])).code).toBe('INVALID_PARAM');
  });
});

describe('$project, $addFields and $set', () => {
  test('an inclusion projection keeps _id and the listed fields, including embedded ones', () => {
    const input = [{ _id: 1, name: 'a', secret: 's', profile: { district: '朝阳', phone: '1' } }];
    expect(run(input, [{ $project: { name: 1, 'profile.district': 1 } }])).toEqual([{ _id: 1, name: 'a', profile: { district: '朝阳' } }]);
  });

  test('a nested spec object means the same as dot paths', () => {
    const input = [{ _id: 1, profile: { district: '朝阳', phone: '1' } }];
    expect(run(input, [{ $project: { _id: 0, profile: { phone: 1 } } }])).toEqual([{ profile: { phone: '1' } }]);
  });

  test('projecting a field of an array of documents projects each element', () => {
    const input = [
      {
        _id: 1,
        shifts: [
          { id: 1, note: 'x' },
          { id: 2, note: 'y' },
        ],
      },
    ];
    expect(run(input, [{ $project: { 'shifts.id': 1 } }])).toEqual([{ _id: 1, shifts: [{ id: 1 }, { id: 2 }] }]);
  });

  test('an exclusion projection drops only the listed fields', () => {
    const input = [{ _id: 1, name: 'a', phone: '1', profile: { idCard: 'x', district: 'y' } }];
    expect(run(input, [{ $project: { phone: 0, 'profile.idCard': 0 } }])).toEqual([{ _id: 1, name: 'a', profile: { district: 'y' } }]);
    expect(run(input, [{ $project: { _id: 0 } }])[0]).not.toHaveProperty('_id');
  });

  test('computed fields evaluate expressions, and missing results are left out', () => {
    const input = [{ _id: 1, first: '芳', last: '王', hours: 3 }];
    const out = run(input, [{ $project: { _id: 0, full: { $concat: ['$last', '$first'] }, minutes: { $multiply: ['$hours', 60] }, gone: '$nothing' } }]);
    expect(out).toEqual([{ full: '王芳', minutes: 180 }]);
  });

  test('mixing inclusion and exclusion is rejected', () => {
    expect(storeError(() => run(hoursLog(), [{ $project: { hours: 1, tags: 0 } }])).message).toContain('mix');
  });

  test('$addFields adds computed fields and merges dot paths into embedded documents', () => {
    const input = [{ _id: 1, hours: 2, stats: { visits: 3 } }];
    expect(run(input, [{ $addFields: { minutes: { $multiply: ['$hours', 60] }, 'stats.double': { $add: ['$stats.visits', '$stats.visits'] } } }])).toEqual([
      { _id: 1, hours: 2, minutes: 120, stats: { visits: 3, double: 6 } },
    ]);
  });

  test('$set is an alias of $addFields, and $$REMOVE deletes a field', () => {
    const input = [{ _id: 1, hours: 2, draft: true }];
    expect(run(input, [{ $set: { hours: { $add: ['$hours', 1] }, draft: '$$REMOVE' } }])).toEqual([{ _id: 1, hours: 3 }]);
  });

  test('every $addFields expression sees the input document, not the fields added beside it', () => {
    expect(run([{ _id: 1, a: 1 }], [{ $addFields: { a: 5, b: '$a' } }])).toEqual([{ _id: 1, a: 5, b: 1 }]);
  });
});

describe('$group and $sortByCount', () => {
  test('grouping everything with _id null counts with $sum: 1 and averages', () => {
    expect(run(hoursLog(), [{ $group: { _id: null, n: { $sum: 1 }, avg: { $avg: '$hours' }, min: { $min: '$hours' }, max: { $max: '$hours' } } }])).toEqual([
      { _id: null, n: 4, avg: 2.5, min: 1, max: 4 },
    ]);
  });

  test('a compound _id groups by community and volunteer', () => {
    const groups = run(hoursLog(), [{ $group: { _id: { c: '$community', v: '$volunteer' }, hours: { $sum: '$hours' } } }, { $sort: { hours: -1 } }]);
    expect(groups).toEqual([
      { _id: { c: 'east', v: 'wang' }, hours: 6 },
      { _id: { c: 'west', v: 'li' }, hours: 3 },
      { _id: { c: 'east', v: 'zhao' }, hours: 1 },
    ]);
  });

  test('$first, $last, $push and $addToSet collect values in input order', () => {
    const [east] = run(hoursLog(), [
      { $match: { community: 'east' } },
      { $group: { _id: '$community', first: { $first: '$_id' }, last: { $last: '$_id' }, people: { $push: '$volunteer' }, unique: { $addToSet: '$volunteer' } } },
    ]);
    expect(east).toEqual({ _id: 'east', first: 'h1', last: 'h4', people: ['wang', 'wang', 'zhao'], unique: ['wang', 'zhao'] });
  });

  test('documents missing the _id field fall into the null group, and $push skips missing values', () => {
    const input = [
      { _id: 1, c: 'a', v: 1 },
      { _id: 2, v: 2 },
      { _id: 3, c: null },
    ];
    expect(run(input, [{ $group: { _id: '$c', vs: { $push: '$v' } } }])).toEqual([
      { _id: 'a', vs: [1] },
      { _id: null, vs: [2] },
    ]);
  });

  test('$avg, $min and $max of no numbers give null', () => {
    expect(run([{ _id: 1 }], [{ $group: { _id: null, a: { $avg: '$x' }, lo: { $min: '$x' }, s: { $sum: '$x' } } }])).toEqual([{ _id: null, a: null, lo: null, s: 0 }]);
  });

  test('$group needs an _id and known accumulators', () => {
    expect(storeError(() => run(hoursLog(), [{ $group: { n: { $sum: 1 } } }])).code).toBe('INVALID_PARAM');
    expect(storeError(() => run(hoursLog(), [{ $group: { _id: null, n: { $median: '$hours' } } }])).message).toContain('n');
  });

  test('$sortByCount ranks communities by number of entries', () => {
    expect(run(hoursLog(), [{ $sortByCount: '$community' }])).toEqual([
      { _id: 'east', count: 3 },
      { _id: 'west', count: 1 },
    ]);
  });
});
