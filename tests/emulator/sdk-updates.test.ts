// Writes through the real wx-server-sdk inside a hosted cloud function: add, set, every update command,
// bulk update and remove, checked against what MongoDB does with the update the SDK actually sends.
import { Emulator } from '../../emulator/app';
import { runInFunction, startTestEmulator } from '../helpers/emulator';

const inFunction = (emulator: Emulator, body: string) => runInFunction(emulator, `async ({ db, _ }) => { const residents = db.collection('residents'); ${body} }`);

describe('writes through the real SDK in a hosted function', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  const stored = (id: string) => emulator.db.find('residents', { _id: id })[0];

  it('a new neighbour registers: add() returns the id, server dates come from the server clock, dates round-trip as Date', async () => {
    const value = await inFunction(
      emulator,
      `const before = Date.now();
       const added = await residents.add({ data: {
         name: '周涛', building: 5, birthday: new Date('1990-03-15T00:00:00.000Z'), fatherBorn: new Date('1952-11-02T08:30:00.000Z'),
         joinedAt: db.serverDate(), reviewBy: db.serverDate({ offset: 7 * 24 * 3600 * 1000 }),
       } });
       const after = Date.now();
       const { data } = await residents.doc(added._id).get();
       const explicit = await residents.add({ data: { _id: 'wu-min', name: '吴敏', birthday: new Date('2001-07-01T00:00:00.000Z') } });
       const bornBefore1995 = await residents.where({ birthday: _.lt(new Date('1995-01-01T00:00:00.000Z')) }).get();
       return {
         idIsString: typeof added._id === 'string' && added._id.length > 0,
         name: data.name,
         birthdayIsDate: data.birthday instanceof Date,
         birthday: data.birthday.toISOString(),
         fatherBorn: data.fatherBorn instanceof Date && data.fatherBorn.toISOString(),
         joinedIsDate: data.joinedAt instanceof Date,
         joinedNow: data.joinedAt.getTime() >= before - 2000 && data.joinedAt.getTime() <= after + 2000,
         offsetMs: data.reviewBy.getTime() - data.joinedAt.getTime(),
         explicitId: explicit._id,
         bornBefore1995: bornBefore1995.data.map((d) => d.name),
       };`,
    );
    expect(value).toMatchObject({
      idIsString: true,
      name: '周涛',
      birthdayIsDate: true,
      birthday: '1990-03-15T00:00:00.000Z',
      fatherBorn: '1952-11-02T08:30:00.000Z', // before 1970: a negative $numberLong
      joinedIsDate: true,
      joinedNow: true,
      explicitId: 'wu-min',
      bornBefore1995: ['周涛'],
    });
    // Both server dates are resolved when the request arrives; one is a week later.
    expect(value.offsetMs).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    expect(value.offsetMs).toBeLessThan(7 * 24 * 3600 * 1000 + 1000);
    expect(stored('wu-min').birthday).toEqual(new Date('2001-07-01T00:00:00.000Z'));
  });

  it('set() replaces a household record entirely, and creates one that did not exist', async () => {
    await emulator.db.insert('residents', [{ _id: 'h-set', name: '老宅', members: 4, tags: ['出租'], address: { building: 'b2', room: '201' } }]);
    const value = await inFunction(
      emulator,
      `await residents.doc('h-set').set({ data: { name: '新宅', members: 2 } });
       await residents.doc('h-new').set({ data: { name: '空置房', members: 0 } });
       return {
         replaced: (await residents.doc('h-set').get()).data,
         created: (await residents.doc('h-new').get()).data,
       };`,
    );
    expect(value).toEqual({
      replaced: { _id: 'h-set', name: '新宅', members: 2 },
      created: { _id: 'h-new', name: '空置房', members: 0 },
    });
  });

  it('one update on a household uses set, remove, inc, mul, min, max and rename together', async () => {
    await emulator.db.insert('residents', [
      {
        _id: 'h1',
        name: '王家',
        members: 3,
        points: 10,
        lowestTemp: 5,
        highScore: 80,
        nickname: '老王',
        tempNote: '临时',
        profile: { city: '杭州', street: '文一路' },
        stats: { likes: 4, views: 10 },
      },
    ]);
    const value = await inFunction(
      emulator,
      `const result = await residents.doc('h1').update({ data: {
         members: _.inc(2), points: _.mul(3), lowestTemp: _.min(2), highScore: _.max(70),
         tempNote: _.remove(), nickname: _.rename('alias'), profile: _.set({ city: '宁波' }),
         visits: _.inc(5), bonus: _.mul(4), firstYear: _.min(2019), bestYear: _.max(2024),
       } });
       return { updated: result.stats.updated, doc: (await residents.doc('h1').get()).data };`,
    );
    expect(value).toEqual({
      updated: 1,
      doc: {
        _id: 'h1',
        name: '王家',
        members: 5,
        points: 30,
        lowestTemp: 2,
        highScore: 80, // $max keeps the larger value
        alias: '老王', // renamed; nickname is gone
        profile: { city: '宁波' }, // _.set replaces the whole embedded document
        stats: { likes: 4, views: 10 },
        visits: 5, // $inc on a missing field sets the increment
        bonus: 0, // $mul on a missing field sets 0
        firstYear: 2019, // $min / $max on a missing field set the value
        bestYear: 2024,
      },
    });
  });

  it('a like counter incremented through a dot path by five concurrent taps; a plain nested object merges, an index path replaces one element', async () => {
    await emulator.db.insert('residents', [{ _id: 'h2', address: { building: 'b3', room: '301', unit: 1 }, stats: { likes: 0, views: 7 }, tags: ['志愿者', '党员', '跑团'] }]);
    const value = await inFunction(
      emulator,
      `const doc = residents.doc('h2');
       await Promise.all(Array.from({ length: 5 }, () => doc.update({ data: { 'stats.likes': _.inc(1) } })));
       // The SDK flattens plain objects into $set dot paths: {'address.room': '302', 'emergency.contact.name': '李梅'}.
       await doc.update({ data: { address: { room: '302' }, emergency: { contact: { name: '李梅' } }, checkedAt: db.serverDate() } });
       await doc.update({ data: { 'tags.1': '楼长' } });
       const { checkedAt, ...rest } = (await doc.get()).data;
       return { ...rest, checkedRecently: checkedAt instanceof Date && Math.abs(Date.now() - checkedAt.getTime()) < 5000 };`,
    );
    expect(value).toEqual({
      _id: 'h2',
      address: { building: 'b3', room: '302', unit: 1 },
      stats: { likes: 5, views: 7 },
      tags: ['志愿者', '楼长', '跑团'],
      emergency: { contact: { name: '李梅' } },
      checkedRecently: true,
    });
  });

  it('the positional $ raises the level of the matched skill only, in every household the query selects', async () => {
    await emulator.db.insert('residents', [
      {
        _id: 'h3',
        skills: [
          { name: '理发', level: 3 },
          { name: '修电器', level: 1 },
        ],
      },
      {
        _id: 'h4',
        skills: [
          { name: '修电器', level: 2 },
          { name: '理发', level: 1 },
        ],
      },
    ]);
    const value = await inFunction(
      emulator,
      `const result = await residents.where({ _id: _.in(['h3', 'h4']), 'skills.name': '修电器' })
         .update({ data: { 'skills.$.level': _.inc(1) } });
       await residents.doc('h3').update({ data: { 'skills.0.certified': true } });
       return {
         updated: result.stats.updated,
         h3: (await residents.doc('h3').get()).data.skills,
         h4: (await residents.doc('h4').get()).data.skills,
       };`,
    );
    expect(value).toEqual({
      updated: 2,
      h3: [
        { name: '理发', level: 3, certified: true },
        { name: '修电器', level: 2 },
      ],
      h4: [
        { name: '修电器', level: 3 },
        { name: '理发', level: 1 },
      ],
    });
  });

  it('a water-cut notice goes to every household of building 9, then the children’s records are removed', async () => {
    await emulator.db.insert('residents', [
      { _id: 'b9-1', building: 9, age: 70, stats: { reads: 2 } },
      { _id: 'b9-2', building: 9, age: 40 },
      { _id: 'b9-3', building: 9, age: 12 },
      { _id: 'b8-1', building: 8, age: 12 },
    ]);
    const value = await inFunction(
      emulator,
      `const notified = await residents.where({ building: 9 }).update({ data: { notice: '停水通知', 'stats.reads': _.inc(1) } });
       const removed = await residents.where({ building: 9, age: _.lt(18) }).remove();
       return {
         updated: notified.stats.updated,
         removed: removed.stats.removed,
         left: (await residents.where({ building: _.in([8, 9]) }).orderBy('_id', 'asc').get()).data,
       };`,
    );
    expect(value).toEqual({
      updated: 3,
      removed: 1,
      left: [
        { _id: 'b8-1', building: 8, age: 12 },
        { _id: 'b9-1', building: 9, age: 70, stats: { reads: 3 }, notice: '停水通知' },
        { _id: 'b9-2', building: 9, age: 40, notice: '停水通知', stats: { reads: 1 } },
      ],
    });
  });

  it('a missing record, a duplicate _id and an unknown update operator fail and change nothing', async () => {
    await emulator.db.insert('residents', [{ _id: 'h-err', name: '钱军', points: 1 }]);
    const value = await inFunction(
      emulator,
      `const failure = async (run) => {
         try { await run(); return null; } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg }; }
       };
       return {
         missing: await failure(() => residents.doc('nobody').get()),
         duplicate: await failure(() => residents.add({ data: { _id: 'h-err', name: '冒名' } })),
         unknownOperator: await failure(() => residents.doc('h-err').update({ data: { $bump: { points: 1 } } })),
         after: (await residents.doc('h-err').get()).data,
       };`,
    );
    // The SDK turns an empty doc().get() into its own error.
    expect(value.missing).toEqual({ errCode: -1, errMsg: 'document.get:fail document with _id nobody does not exist' });
    expect(value.duplicate.errCode).toBeLessThan(0);
    expect(value.duplicate.errMsg).toMatch(/^collection\.add:fail/);
    expect(value.duplicate.errMsg).toContain('E11000 duplicate key');
    expect(value.unknownOperator.errCode).toBeLessThan(0);
    expect(value.unknownOperator.errMsg).toContain('$bump');
    expect(value.after).toEqual({ _id: 'h-err', name: '钱军', points: 1 });
  });
});
