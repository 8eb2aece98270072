// Array updates through the real wx-server-sdk inside a hosted cloud function (push, pull, pullAll,
// addToSet, pop, shift, unshift), checked against what MongoDB does with the update the SDK sends.
import { Emulator } from '../../emulator/app';
import { runInFunction, startTestEmulator } from '../helpers/emulator';

const inFunction = (emulator: Emulator, body: string) => runInFunction(emulator, `async ({ db, _ }) => { const residents = db.collection('residents'); ${body} }`);

describe('array updates through the real SDK in a hosted function', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it('push: plain values, several at once, at a position, sorted and sliced', async () => {
    await emulator.db.insert('residents', [
      {
        _id: 'h5',
        tags: ['志愿者', '党员'],
        scores: [70, 85],
        log: [
          { at: 3, what: '巡楼' },
          { at: 1, what: '登记' },
        ],
        queue: ['a', 'b', 'c', 'd'],
      },
    ]);
    const value = await inFunction(
      emulator,
      `const doc = residents.doc('h5');
       await doc.update({ data: {
         tags: _.push({ each: ['楼长'], position: 1 }),
         scores: _.push({ each: [90, 60], sort: -1, slice: 3 }),
         log: _.push({ each: [{ at: 2, what: '走访' }], sort: { at: 1 } }),
         queue: _.push({ each: ['e'], slice: -3 }),
         hobbies: _.push('象棋'),
         photos: _.push(['p1', 'p2']),
       } });
       await doc.update({ data: { tags: _.push('跑团') } });
       return (await doc.get()).data;`,
    );
    expect(value).toEqual({
      _id: 'h5',
      tags: ['志愿者', '楼长', '党员', '跑团'],
      // Insert, then sort descending, then keep the first three.
      scores: [90, 85, 70],
      log: [
        { at: 1, what: '登记' },
        { at: 2, what: '走访' },
        { at: 3, what: '巡楼' },
      ],
      queue: ['c', 'd', 'e'],
      hobbies: ['象棋'],
      photos: ['p1', 'p2'],
    });
  });

  it('pull, pullAll, addToSet, pop, shift and unshift tidy a volunteer record', async () => {
    await emulator.db.insert('residents', [
      {
        _id: 'h6',
        tags: ['志愿者', '跑团', '党员', '跑团'],
        scores: [45, 70, 55, 90],
        skills: [
          { name: '理发', level: 3 },
          { name: '修电器', level: 1 },
        ],
        chores: ['扫地', '倒垃圾', '浇花', '扫地'],
        circles: ['党员'],
        badges: ['新人'],
        queue: ['a', 'b', 'c'],
        duty: ['周一', '周二', '周三'],
        waitlist: ['丙'],
      },
    ]);
    const value = await inFunction(
      emulator,
      `const doc = residents.doc('h6');
       await doc.update({ data: {
         tags: _.pull('跑团'), scores: _.pull(_.lt(60)), skills: _.pull({ name: '修电器' }), chores: _.pullAll(['扫地', '浇花']),
       } });
       await doc.update({ data: {
         tags: _.addToSet('楼长'), circles: _.addToSet('党员'), badges: _.addToSet({ $each: ['新人', '热心', '热心'] }),
         // The SDK sends {each: [...]} as it is, not as {$each}: MongoDB adds that object as one element.
         medals: _.addToSet({ each: ['金', '银'] }),
       } });
       await doc.update({ data: { queue: _.pop(), duty: _.shift(), waitlist: _.unshift('甲', '乙') } });
       return (await doc.get()).data;`,
    );
    expect(value).toEqual({
      _id: 'h6',
      tags: ['志愿者', '党员', '楼长'],
      scores: [70, 90],
      skills: [{ name: '理发', level: 3 }],
      chores: ['倒垃圾'],
      circles: ['党员'],
      badges: ['新人', '热心'],
      medals: [{ each: ['金', '银'] }],
      queue: ['a', 'b'],
      duty: ['周二', '周三'],
      waitlist: ['甲', '乙', '丙'],
    });
  });
});
