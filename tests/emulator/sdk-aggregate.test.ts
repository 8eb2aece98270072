// Aggregation pipelines built with the real wx-server-sdk inside a hosted cloud function, checked against
// what MongoDB's stages and accumulators give.
import { Emulator } from '../../emulator/app';
import { runInFunction, startTestEmulator } from '../helpers/emulator';

const NEIGHBOURS = [
  { _id: 'a1', name: '王建国', age: 72, building: 3, tags: ['志愿者', '党员'] },
  { _id: 'a2', name: '李秀英', age: 65, building: 3, tags: ['志愿者'] },
  { _id: 'a3', name: '张伟', age: 34, building: 1, tags: [] },
  { _id: 'a4', name: '刘芳', age: 60, building: 3, tags: ['党员', '楼长'] },
  { _id: 'a5', name: '陈明', age: 45, building: 2, tags: ['楼长'] },
  { _id: 'a6', name: '赵磊', age: 29, building: 2, tags: ['志愿者', '跑团'] },
];

// The volunteer service log (in `todos`). Times are UTC; Shanghai is 8 hours ahead, so s2 and s5 fall on the
// next day there.
const SERVICE_LOG = [
  { _id: 's1', residentId: 'a1', kind: '助老', hours: 2, at: new Date('2024-05-04T01:00:00Z') },
  { _id: 's2', residentId: 'a1', kind: '清洁', hours: 3, at: new Date('2024-05-04T17:30:00Z') },
  { _id: 's3', residentId: 'a2', kind: '助老', hours: 1.5, at: new Date('2024-05-05T02:00:00Z') },
  { _id: 's4', residentId: 'a6', kind: '清洁', hours: 4, at: new Date('2024-05-05T15:59:00Z') },
  { _id: 's5', residentId: 'a6', kind: '助老', hours: 2, at: new Date('2024-05-05T16:00:00Z') },
  { _id: 's6', residentId: 'a4', kind: '宣传', hours: 1, at: new Date('2024-05-06T03:00:00Z') },
];

const inFunction = (emulator: Emulator, body: string) =>
  runInFunction(
    emulator,
    `async ({ db, _, $ }) => {
       const residents = db.collection('residents');
       const log = db.collection('todos');
       ${body}
     }`,
  );

describe('aggregation through the real SDK in a hosted function', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    await emulator.db.insert('residents', NEIGHBOURS);
    await emulator.db.insert('todos', SERVICE_LOG);
  });
  afterAll(() => emulator.close());

  it('volunteer hours per resident, most first, with sum, avg, max, min, push and addToSet', async () => {
    const value = await inFunction(
      emulator,
      `const { list } = await log.aggregate()
         .sort({ at: 1 })
         .group({
           _id: '$residentId', total: $.sum('$hours'), sessions: $.sum(1), average: $.avg('$hours'),
           longest: $.max('$hours'), shortest: $.min('$hours'), hours: $.push('$hours'), kinds: $.addToSet('$kind'),
         })
         .sort({ total: -1 })
         .end();
       // $addToSet promises no order; sort it for comparison.
       return list.map((g) => ({ ...g, kinds: g.kinds.sort() }));`,
    );
    expect(value).toEqual([
      { _id: 'a6', total: 6, sessions: 2, average: 3, longest: 4, shortest: 2, hours: [4, 2], kinds: ['助老', '清洁'].sort() },
      { _id: 'a1', total: 5, sessions: 2, average: 2.5, longest: 3, shortest: 2, hours: [2, 3], kinds: ['助老', '清洁'].sort() },
      { _id: 'a2', total: 1.5, sessions: 1, average: 1.5, longest: 1.5, shortest: 1.5, hours: [1.5], kinds: ['助老'] },
      { _id: 'a4', total: 1, sessions: 1, average: 1, longest: 1, shortest: 1, hours: [1], kinds: ['宣传'] },
    ]);
  });

  it('the whole compound in one group, counted sessions of elder care, and a count of nothing gives no document', async () => {
    const value = await inFunction(
      emulator,
      `return {
         overall: (await log.aggregate().group({ _id: null, total: $.sum('$hours'), average: $.avg('$hours') }).end()).list,
         elderCare: (await log.aggregate().match({ kind: '助老' }).count('sessions').end()).list,
         since5May: (await log.aggregate().match({ at: _.gte(new Date('2024-05-05T00:00:00Z')) }).count('sessions').end()).list,
         nothing: (await log.aggregate().match({ kind: '修路' }).count('sessions').end()).list,
       };`,
    );
    expect(value).toEqual({
      overall: [{ _id: null, total: 13.5, average: 2.25 }],
      elderCare: [{ sessions: 3 }],
      since5May: [{ sessions: 4 }],
      nothing: [],
    });
  });

  it('residents of building 3 with a computed senior flag, projected, sorted oldest first, then paged', async () => {
    const value = await inFunction(
      emulator,
      `const pipeline = () => residents.aggregate()
         .match({ building: 3 })
         .addFields({ senior: $.gte(['$age', 60]), decade: $.subtract(['$age', $.mod(['$age', 10])]) })
         .project({ _id: 0, name: 1, age: 1, senior: 1, decade: 1 })
         .sort({ age: -1 });
       return {
         all: (await pipeline().end()).list,
         second: (await pipeline().skip(1).limit(1).end()).list,
         withoutTags: (await residents.aggregate().match({ _id: 'a5' }).project({ tags: 0 }).end()).list,
       };`,
    );
    expect(value).toEqual({
      all: [
        { name: '王建国', age: 72, senior: true, decade: 70 },
        { name: '李秀英', age: 65, senior: true, decade: 60 },
        { name: '刘芳', age: 60, senior: true, decade: 60 },
      ],
      second: [{ name: '李秀英', age: 65, senior: true, decade: 60 }],
      withoutTags: [{ _id: 'a5', name: '陈明', age: 45, building: 2 }],
    });
  });

  it('a pipeline sorted by the tags array orders like orderBy: smallest tag up, largest down, no tags lowest', async () => {
    const value = await inFunction(
      emulator,
      `const order = async (direction) =>
         (await residents.aggregate().sort({ tags: direction, _id: 1 }).project({ _id: 1 }).end()).list.map((r) => r._id);
       return { up: await order(1), down: await order(-1) };`,
    );
    // Code points: 党 U+515A < 志 U+5FD7 < 楼 U+697C < 跑 U+8DD1. Smallest tags: a1 党员, a2 志愿者, a4 党员,
    // a5 楼长, a6 志愿者; largest: a1 志愿者, a2 志愿者, a4 楼长, a5 楼长, a6 跑团; a3's [] sorts below everything.
    expect(value).toEqual({
      up: ['a3', 'a1', 'a4', 'a2', 'a6', 'a5'],
      down: ['a6', 'a4', 'a5', 'a1', 'a2', 'a3'],
    });
  });

  it('tags unwound and counted, most common first; unwinding with an index keeps the resident without tags', async () => {
    const value = await inFunction(
      emulator,
      `return {
         counts: (await residents.aggregate().unwind('$tags').group({ _id: '$tags', n: $.sum(1) }).sort({ n: -1, _id: 1 }).end()).list,
         indexed: (await residents.aggregate()
           .match({ _id: _.in(['a3', 'a4']) })
           .sort({ _id: 1 })
           .unwind({ path: '$tags', includeArrayIndex: 'position', preserveNullAndEmptyArrays: true })
           .project({ tags: 1, position: 1 })
           .end()).list,
       };`,
    );
    expect(value).toEqual({
      // 张伟's empty tags produce no document; ties are broken by _id (党 U+515A before 楼 U+697C).
      counts: [
        { _id: '志愿者', n: 3 },
        { _id: '党员', n: 2 },
        { _id: '楼长', n: 2 },
        { _id: '跑团', n: 1 },
      ],
      // A preserved empty array leaves the field out and its index null.
      indexed: [
        { _id: 'a3', position: null },
        { _id: 'a4', tags: '党员', position: 0 },
        { _id: 'a4', tags: '楼长', position: 1 },
      ],
    });
  });

  it('each resident of buildings 2 and 3 joined with their service records by lookup', async () => {
    const value = await inFunction(
      emulator,
      `const { list } = await residents.aggregate()
         .match({ building: _.in([2, 3]) })
         .lookup({ from: 'todos', localField: '_id', foreignField: 'residentId', as: 'services' })
         .project({ name: 1, services: 1, count: $.size('$services') })
         .sort({ count: -1, _id: 1 })
         .end();
       return list.map((r) => ({ _id: r._id, name: r.name, count: r.count, services: r.services.map((s) => s._id).sort(),
         datesAreDates: r.services.every((s) => s.at instanceof Date) }));`,
    );
    expect(value).toEqual([
      { _id: 'a1', name: '王建国', count: 2, services: ['s1', 's2'], datesAreDates: true },
      { _id: 'a6', name: '赵磊', count: 2, services: ['s4', 's5'], datesAreDates: true },
      { _id: 'a2', name: '李秀英', count: 1, services: ['s3'], datesAreDates: true },
      { _id: 'a4', name: '刘芳', count: 1, services: ['s6'], datesAreDates: true },
      { _id: 'a5', name: '陈明', count: 0, services: [], datesAreDates: true },
    ]);
  });

  it('a lucky draw samples two different residents; asking for more than there are returns everyone once', async () => {
    const value = await inFunction(
      emulator,
      `const draw = async (size) => (await residents.aggregate().sample({ size }).end()).list.map((r) => r._id);
       return { two: await draw(2), ten: await draw(10) };`,
    );
    const everyone = NEIGHBOURS.map((r) => r._id);
    expect(value.two).toHaveLength(2);
    expect(new Set(value.two).size).toBe(2);
    for (const id of value.two) expect(everyone).toContain(id);
    expect([...value.ten].sort()).toEqual(everyone);
  });

  it('service times shown on the Shanghai clock with dateToString, and hours per Shanghai day', async () => {
    const value = await inFunction(
      emulator,
      `const local = (format) => $.dateToString({ date: '$at', format, timezone: 'Asia/Shanghai' });
       return {
         times: (await log.aggregate().sort({ at: 1 }).project({ when: local('%Y-%m-%d %H:%M') }).end()).list,
         perDay: (await log.aggregate().group({ _id: local('%Y-%m-%d'), hours: $.sum('$hours') }).sort({ _id: 1 }).end()).list,
         firstAt: (await log.aggregate().match({ _id: 's1' }).project({ at: 1 }).end()).list.map((s) => s.at instanceof Date && s.at.toISOString()),
         // Day of year, day of week (Sunday 1), ISO day of week (Monday 1) and the zone's offset.
         firstDay: (await log.aggregate().match({ _id: 's1' }).project({ _id: 0, d: local('%j %w %u %z') }).end()).list,
       };`,
    );
    expect(value).toEqual({
      times: [
        { _id: 's1', when: '2024-05-04 09:00' },
        { _id: 's2', when: '2024-05-05 01:30' },
        { _id: 's3', when: '2024-05-05 10:00' },
        { _id: 's4', when: '2024-05-05 23:59' },
        { _id: 's5', when: '2024-05-06 00:00' },
        { _id: 's6', when: '2024-05-06 11:00' },
      ],
      perDay: [
        { _id: '2024-05-04', hours: 2 },
        { _id: '2024-05-05', hours: 8.5 },
        { _id: '2024-05-06', hours: 3 },
      ],
      firstAt: ['2024-05-04T01:00:00.000Z'],
      // 4 May 2024 (a leap year) is day 31 + 29 + 31 + 30 + 4 = 125, a Saturday.
      firstDay: [{ d: '125 7 6 +0800' }],
    });
  });
});
