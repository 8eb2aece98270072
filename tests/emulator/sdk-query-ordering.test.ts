// Sorting, paging, field() and counts with the real wx-server-sdk inside a hosted cloud function,
// and the SDK's read limits (100 by default, at most 1000); checked against what MongoDB gives.
import { queryTestSetup } from './sdk-query-setup';

describe('queries through the real SDK in a hosted function', () => {
  const hosted = queryTestSetup();

  it('residents of building 3 aged 60 or more, oldest first', async () => {
    const value = await hosted.run(
      `const query = residents.where({ building: 3, age: _.gte(60) });
       return { list: await ordered(query.orderBy('age', 'desc')), total: (await query.count()).total };`,
    );
    expect(value).toEqual({ list: ['r1', 'r2', 'r4'], total: 3 });
  });

  it('a roster by building then age (oldest first), paged with skip and limit, trimmed with field(), counted', async () => {
    const value = await hosted.run(
      `const roster = residents.where({}).orderBy('building', 'asc').orderBy('age', 'desc');
       return {
         roster: await ordered(roster),
         page: await ordered(roster.skip(2).limit(3)),
         missingAgeFirst: await ordered(residents.where({ building: _.gte(3) }).orderBy('age', 'asc')),
         trimmed: (await residents.where({ building: 2 }).orderBy('age', 'asc').field({ name: true, age: true }).get()).data,
         volunteers: (await residents.where({ tags: '志愿者' }).count()).total,
       };`,
    );
    expect(value).toEqual({
      roster: ['r3', 'r6', 'r5', 'r7', 'r1', 'r2', 'r4', 'r8'],
      page: ['r5', 'r7', 'r1'],
      // A missing field sorts as null, before every number.
      missingAgeFirst: ['r8', 'r4', 'r2', 'r1'],
      trimmed: [
        { _id: 'r7', name: '赵磊', age: 29 },
        { _id: 'r5', name: '陈明', age: 45 },
      ],
      volunteers: 4,
    });
  });

  it('volunteers ordered by their service hours: an array sorts by its smallest element up, its largest down, and an empty one below a missing one', async () => {
    const value = await hosted.run(
      `return {
         up: await ordered(residents.where({}).orderBy('hours', 'asc').orderBy('_id', 'asc')),
         down: await ordered(residents.where({}).orderBy('hours', 'desc').orderBy('_id', 'asc')),
       };`,
    );
    // Smallest elements: r2 1, r1 2, r7 7, r4 10; largest: r4 10, r1 8, r7 7, r2 1. r5 and r6 have no
    // hours (null); r3 and r8 have [] which MongoDB's comparison order puts below null.
    expect(value).toEqual({
      up: ['r3', 'r8', 'r5', 'r6', 'r2', 'r1', 'r7', 'r4'],
      down: ['r4', 'r1', 'r7', 'r2', 'r5', 'r6', 'r3', 'r8'],
    });
  });

  it('a notice board of 1200 posts: 100 come back without limit(), at most 1000 with limit(5000), all are counted', async () => {
    await hosted.emulator.db.insert(
      'todos',
      Array.from({ length: 1200 }, (_, i) => ({ _id: `post-${String(i).padStart(4, '0')}`, title: `通知 ${i}` })),
    );
    const value = await hosted.run(
      `const posts = db.collection('todos');
       return {
         noLimit: (await posts.get()).data.length,
         huge: (await posts.limit(5000).get()).data.length,
         tail: (await posts.orderBy('_id', 'asc').skip(1150).limit(100).get()).data.map((d) => d._id),
         total: (await posts.count()).total,
       };`,
    );
    expect(value.noLimit).toBe(100);
    expect(value.huge).toBe(1000);
    expect(value.tail).toHaveLength(50);
    expect(value.tail[0]).toBe('post-1150');
    expect(value.tail[49]).toBe('post-1199');
    expect(value.total).toBe(1200);
  });
});
