// Queries written with the real wx-server-sdk inside a hosted cloud function, checked against what
// MongoDB gives for the query the SDK actually sends.
import { Emulator } from '../../emulator/app';
import { runInFunction, startTestEmulator } from '../helpers/emulator';

// Eight neighbours of one compound. 孙阿姨 never gave her age or address; 王小红 has no tags at all.
const NEIGHBOURS = [
  { _id: 'r1', name: '王建国', age: 72, building: 3, nickname: 'LaoWang', tags: ['志愿者', '党员'], address: { building: 'b3', room: '301' },
    skills: [{ name: '理发', level: 3 }, { name: '修电器', level: 1 }], phone: '13800000001', hours: [2, 8, 3] },
  { _id: 'r2', name: '李秀英', age: 65, building: 3, nickname: 'xiuying', tags: ['志愿者'], address: { building: 'b3', room: '502' },
    skills: [{ name: '广场舞', level: 5 }], hours: [1] },
  { _id: 'r3', name: '张伟', age: 34, building: 1, nickname: 'david_zhang', tags: [], address: { building: 'b1', room: '101' }, hours: [] },
  { _id: 'r4', name: '刘芳', age: 60, building: 3, nickname: 'FangFang', tags: ['党员', '楼长'], address: { building: 'b3', room: '101', unit: 2 },
    skills: [{ name: '修电器', level: 4 }], phone: '13800000004', hours: [10] },
  { _id: 'r5', name: '陈明', age: 45, building: 2, nickname: 'mingchen', tags: ['楼长'], address: { building: 'b2', room: '201' } },
  { _id: 'r6', name: '王小红', age: 8, building: 1, nickname: 'xiaohong', address: { building: 'b1', room: '102' } },
  { _id: 'r7', name: '赵磊', age: 29, building: 2, nickname: 'Xrunner', tags: ['志愿者', '跑团'], address: { building: 'b2', room: '203' }, hours: [7] },
  { _id: 'r8', name: '孙阿姨', building: 4, tags: ['志愿者'], hours: [] },
];

/** Source prepended to each function body: the sorted ids a query selects, and its ids in result order. */
const HELPERS = `
  const residents = db.collection('residents');
  const ids = async (where) => (await residents.where(where).get()).data.map((d) => d._id).sort();
  const ordered = async (query) => (await query.get()).data.map((d) => d._id);
`;
const inFunction = (emulator: Emulator, body: string) =>
  runInFunction(emulator, `async ({ db, _ }) => { ${HELPERS} ${body} }`);

describe('queries through the real SDK in a hosted function', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    await emulator.db.insert('residents', NEIGHBOURS);
  });
  afterAll(() => emulator.close());

  it('residents of building 3 aged 60 or more, oldest first', async () => {
    const value = await inFunction(
      emulator,
      `const query = residents.where({ building: 3, age: _.gte(60) });
       return { list: await ordered(query.orderBy('age', 'desc')), total: (await query.count()).total };`,
    );
    expect(value).toEqual({ list: ['r1', 'r2', 'r4'], total: 3 });
  });

  it('the comparison commands pick neighbours by age and building; $ne and $nin also match a missing field', async () => {
    const value = await inFunction(
      emulator,
      `return {
         eq: await ids({ age: _.eq(65) }),
         neq: await ids({ building: _.neq(3) }),
         gt: await ids({ age: _.gt(60) }),
         lt: await ids({ age: _.lt(29) }),
         lte: await ids({ age: _.lte(29) }),
         in: await ids({ building: _.in([1, 2]) }),
         nin: await ids({ tags: _.nin(['党员', '楼长']) }),
         neqOnArray: await ids({ tags: _.neq('志愿者') }),
       };`,
    );
    expect(value).toEqual({
      eq: ['r2'],
      neq: ['r3', 'r5', 'r6', 'r7', 'r8'],
      gt: ['r1', 'r2'], // 60 is not greater than 60; 孙阿姨 has no age
      lt: ['r6'],
      lte: ['r6', 'r7'],
      in: ['r3', 'r5', 'r6', 'r7'],
      // No element in the list: an empty or missing tags field qualifies too.
      nin: ['r2', 'r3', 'r6', 'r7', 'r8'],
      neqOnArray: ['r3', 'r4', 'r5', 'r6'],
    });
  });

  it('tags and skills: array contains, exists, size, all, and elemMatch versus separate element conditions', async () => {
    const value = await inFunction(
      emulator,
      `return {
         contains: await ids({ tags: '楼长' }),
         wholeArray: await ids({ tags: ['志愿者'] }),
         wholeArrayOtherOrder: await ids({ tags: ['党员', '志愿者'] }),
         withPhone: await ids({ phone: _.exists(true) }),
         withoutTags: await ids({ tags: _.exists(false) }),
         twoTags: await ids({ tags: _.size(2) }),
         noTags: await ids({ tags: _.size(0) }),
         volunteerAndMember: await ids({ tags: _.all(['志愿者', '党员']) }),
         goodRepairer: await ids({ skills: _.elemMatch({ name: '修电器', level: _.gte(3) }) }),
         anyElementEach: await ids({ 'skills.name': '修电器', 'skills.level': _.gte(3) }),
         longShift: await ids({ hours: _.elemMatch(_.gt(6)) }),
       };`,
    );
    expect(value).toEqual({
      contains: ['r4', 'r5'],
      // An array value must equal the whole array, order included.
      wholeArray: ['r2', 'r8'],
      wholeArrayOtherOrder: [],
      withPhone: ['r1', 'r4'],
      withoutTags: ['r6'],
      twoTags: ['r1', 'r4', 'r7'],
      noTags: ['r3'],
      volunteerAndMember: ['r1'],
      // One element must satisfy both conditions: 王建国 repairs at level 1 only.
      goodRepairer: ['r4'],
      // Without elemMatch each condition may be met by a different element: his 理发 is level 3.
      anyElementEach: ['r1', 'r4'],
      longShift: ['r1', 'r4', 'r7'],
    });
  });

  it('and, or, nor and not combine conditions; not also matches the neighbour whose age is unknown', async () => {
    const value = await inFunction(
      emulator,
      `return {
         chainedAnd: await ids({ age: _.gt(30).and(_.lt(50)) }),
         rangeOverElements: await ids({ hours: _.gt(2).and(_.lt(3)) }),
         fieldAnd: await ids({ age: _.and([_.gte(60), _.lte(65)]) }),
         topAnd: await ids(_.and([{ building: 3 }, { age: _.lt(65) }])),
         topOr: await ids(_.or([{ building: 1 }, { age: _.gte(70) }])),
         fieldOr: await ids({ age: _.or([_.lt(10), _.gt(70)]) }),
         chainedOr: await ids({ age: _.lt(10).or(_.gt(70)) }),
         nor: await ids(_.nor([{ building: 3 }, { tags: '楼长' }])),
         not: await ids({ age: _.not(_.gt(30)) }),
       };`,
    );
    expect(value).toEqual({
      chainedAnd: ['r3', 'r5'],
      // Sent as $and of two conditions on an array: different elements may satisfy each (8 > 2, 2 < 3).
      rangeOverElements: ['r1'],
      fieldAnd: ['r2', 'r4'],
      topAnd: ['r4'],
      topOr: ['r1', 'r3', 'r6'],
      fieldOr: ['r1', 'r6'],
      chainedOr: ['r1', 'r6'],
      nor: ['r3', 'r6', 'r7', 'r8'],
      not: ['r6', 'r7', 'r8'],
    });
  });

  it('nicknames and rooms found by db.RegExp and by JavaScript regular expressions', async () => {
    const value = await inFunction(
      emulator,
      `return {
         dbRegExpI: await ids({ nickname: db.RegExp({ regexp: '^x', options: 'i' }) }),
         dbRegExp: await ids({ name: db.RegExp({ regexp: '^王' }) }),
         jsRegExp: await ids({ nickname: /^x/ }),
         jsRegExpI: await ids({ nickname: /^X/i }),
         roomsOnFirstFloor: await ids({ 'address.room': /^10/ }),
         inWithPattern: await ids({ name: _.in([/^王/, '张伟']) }),
         notWang: await ids({ name: _.not(/^王/) }),
       };`,
    );
    expect(value).toEqual({
      dbRegExpI: ['r2', 'r6', 'r7'],
      dbRegExp: ['r1', 'r6'],
      jsRegExp: ['r2', 'r6'],
      jsRegExpI: ['r2', 'r6', 'r7'],
      roomsOnFirstFloor: ['r3', 'r4', 'r6'],
      // A pattern inside $in matches like a regex; $not with a pattern keeps everyone else.
      inWithPattern: ['r1', 'r3', 'r6'],
      notWang: ['r2', 'r3', 'r4', 'r5', 'r7', 'r8'],
    });
  });

  it('addresses by dot path; the object form is sent as dot paths too, so it is not a whole-document match', async () => {
    // The SDK flattens {address: {building, room}} into {'address.building', 'address.room'} before sending
    // (serializer/common.js flattenQueryObject), so 刘芳's extra `unit` does not stop the match.
    const value = await inFunction(
      emulator,
      `return {
         dotPath: await ids({ 'address.building': 'b1' }),
         objectForm: await ids({ address: { building: 'b3', room: '101' } }),
         objectFormWithCommand: await ids({ address: { building: _.in(['b1', 'b2']) } }),
         wholeDocument: await ids({ address: _.eq({ building: 'b1', room: '101' }) }),
         wholeDocumentOtherKeyOrder: await ids({ address: _.eq({ room: '101', building: 'b1' }) }),
         wholeDocumentMissingUnit: await ids({ address: _.eq({ building: 'b3', room: '101' }) }),
       };`,
    );
    expect(value).toEqual({
      dotPath: ['r3', 'r6'],
      objectForm: ['r4'],
      objectFormWithCommand: ['r3', 'r5', 'r6', 'r7'],
      // $eq with a document compares whole embedded documents, key order included.
      wholeDocument: ['r3'],
      wholeDocumentOtherKeyOrder: [],
      wholeDocumentMissingUnit: [],
    });
  });

  it('a roster by building then age (oldest first), paged with skip and limit, trimmed with field(), counted', async () => {
    const value = await inFunction(
      emulator,
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
    const value = await inFunction(
      emulator,
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
    await emulator.db.insert(
      'todos',
      Array.from({ length: 1200 }, (_, i) => ({ _id: `post-${String(i).padStart(4, '0')}`, title: `通知 ${i}` })),
    );
    const value = await inFunction(
      emulator,
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

  describe('places around the community service centre', () => {
    // Distances from the centre: bus stop ≈ 49 m, market ≈ 298 m, clinic ≈ 802 m, park ≈ 1.92 km, station ≈ 5.9 km.
    // The two zones are rectangles split at longitude 120.155.
    beforeAll(async () => {
      await inFunction(
        emulator,
        `const places = db.collection('places');
         const box = (w, s, e, n) => db.Geo.Polygon([db.Geo.LineString([
           db.Geo.Point(w, s), db.Geo.Point(e, s), db.Geo.Point(e, n), db.Geo.Point(w, n), db.Geo.Point(w, s)])]);
         const spots = [
           ['centre', '社区服务中心', 120.1550, 30.2740], ['bus', '公交站', 120.1545, 30.2741], ['market', '菜市场', 120.1581, 30.2740],
           ['clinic', '卫生站', 120.1550, 30.2812], ['park', '公园', 120.1750, 30.2740], ['station', '火车站', 120.2130, 30.2910],
         ];
         for (const [id, name, lng, lat] of spots) {
           await places.add({ data: { _id: id, name, location: db.Geo.Point(lng, lat) } });
         }
         await places.add({ data: { _id: 'east', name: '东片区', area: box(120.155, 30.270, 120.170, 30.280) } });
         await places.add({ data: { _id: 'west', name: '西片区', area: box(120.140, 30.270, 120.155, 30.280) } });
         return null;`,
      );
    });

    it('geoNear lists the nearest first, within maxDistance and beyond minDistance; the points read back as Geo.Point', async () => {
      const value = await inFunction(
        emulator,
        `const places = db.collection('places');
         const centre = db.Geo.Point(120.1550, 30.2740);
         const near = async (options) => (await places.where({ location: _.geoNear({ geometry: centre, ...options }) }).get()).data.map((d) => d._id);
         const market = (await places.doc('market').get()).data.location;
         return {
           within1km: await near({ maxDistance: 1000 }),
           from100mTo1km: await near({ maxDistance: 1000, minDistance: 100 }),
           within3km: await near({ maxDistance: 3000 }),
           // db.Geo.Point is a factory in wx-server-sdk, so the class is checked by name.
           marketIsPoint: market.constructor.name === 'Point',
           market: [market.longitude, market.latitude],
         };`,
      );
      expect(value).toEqual({
        within1km: ['centre', 'bus', 'market', 'clinic'],
        from100mTo1km: ['market', 'clinic'],
        within3km: ['centre', 'bus', 'market', 'clinic', 'park'],
        marketIsPoint: true,
        market: [120.1581, 30.274],
      });
    });

    it('geoWithin a polygon and a 1.5 km circle, and geoIntersects between zones and points', async () => {
      const value = await inFunction(
        emulator,
        `const places = db.collection('places');
         const placeIds = async (where) => (await places.where(where).get()).data.map((d) => d._id).sort();
         const block = db.Geo.Polygon([db.Geo.LineString([
           db.Geo.Point(120.150, 30.270), db.Geo.Point(120.160, 30.270), db.Geo.Point(120.160, 30.278),
           db.Geo.Point(120.150, 30.278), db.Geo.Point(120.150, 30.270)])]);
         return {
           inBlock: await placeIds({ location: _.geoWithin({ geometry: block }) }),
           inCircle: await placeIds({ location: _.geoWithin({ centerSphere: [db.Geo.Point(120.1550, 30.2740), 1500 / 6378100] }) }),
           zoneOfMarket: await placeIds({ area: _.geoIntersects({ geometry: db.Geo.Point(120.1581, 30.2740) }) }),
           zoneOfSchool: await placeIds({ area: _.geoIntersects({ geometry: db.Geo.Point(120.1450, 30.2750) }) }),
           pointsTouchingBlock: await placeIds({ location: _.geoIntersects({ geometry: block }) }),
         };`,
      );
      expect(value).toEqual({
        inBlock: ['bus', 'centre', 'market'],
        inCircle: ['bus', 'centre', 'clinic', 'market'],
        zoneOfMarket: ['east'],
        zoneOfSchool: ['west'],
        pointsTouchingBlock: ['bus', 'centre', 'market'],
      });
    });
  });

  it('reading a collection that was never created fails with -502005; an unknown operator is refused', async () => {
    const value = await inFunction(
      emulator,
      `const failure = async (run) => {
         try { await run(); return null; } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg }; }
       };
       return {
         missing: await failure(() => db.collection('lost_and_found').get()),
         unknownOperator: await failure(() => residents.where({ age: { $between: [30, 40] } }).get()),
       };`,
    );
    expect(value.missing.errCode).toBe(-502005);
    expect(value.missing.errMsg).toMatch(/^collection\.get:fail/);
    expect(value.unknownOperator).not.toBeNull();
    expect(value.unknownOperator.errCode).toBeLessThan(0);
    expect(value.unknownOperator.errMsg).toContain('$between');
  });
});
