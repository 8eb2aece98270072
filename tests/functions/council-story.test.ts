import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMITTEE } from './council-fixtures';
import { okCall } from './neighbourhood';

/**
 * The council's later steps as stories, each with its refusals: a resident's 意见建议 becomes a
 * topic, a meeting is called on it through `activity`, the decided topic is followed to the end,
 * and the residents' yearly vote (群众评优) is held and read beside the other two ratings.
 */

const BODY = 'demo-council-qunyinghui';
const RESIDENT = 'demo-resident-1';

describe('a resident’s suggestion becomes a topic', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('the committee turns a 意见建议 into a topic of 群英荟: the topic records the demand, the demand’s timeline names the topic, and it happens once', async () => {
    const demand = await okCall(emulator, RESIDENT, 'demand', 'report', { categoryId: 'demo-cat-renovation', text: '建议5号楼加装电梯，楼里老人上下楼太困难了。' });
    const topic = await okCall(emulator, COMMITTEE, 'council', 'topicFromDemand', { demandId: demand.id, bodyId: BODY, title: '5号楼加装电梯' });
    expect(topic).toMatchObject({ title: '5号楼加装电梯', content: '建议5号楼加装电梯，楼里老人上下楼太困难了。', stage: 'proposed', demandId: demand.id, bodyName: '群英荟' });
    const seen = await okCall(emulator, RESIDENT, 'demand', 'get', { demandId: demand.id });
    expect(seen.timeline.map((e: any) => e.action)).toEqual(['report', 'topic']);
    expect(seen.timeline[1].note).toBe('转为议题「5号楼加装电梯」，提交群英荟');
    const again = await call(emulator, COMMITTEE, 'council', 'topicFromDemand', { demandId: demand.id, bodyId: BODY, title: '再转一次' });
    expect(again.error).toEqual({ code: 'CONFLICT', message: '这件诉求已经转为议题' });
    expect(emulator.db.find('council_topics', { demandId: demand.id })).toHaveLength(1);
  });

  it('a crash between the topic and the timeline is finished by the retry, not refused', async () => {
    const demand = await okCall(emulator, RESIDENT, 'demand', 'report', { categoryId: 'demo-cat-greenery', text: '小区中心花园的灌木长得太高，建议修剪并补种花草。' });
    const topic = await okCall(emulator, COMMITTEE, 'council', 'topicFromDemand', { demandId: demand.id, bodyId: BODY, title: '中心花园绿化' });
    // As if the call died after writing the topic: the timeline entry is not there yet.
    const [doc] = emulator.db.find('demands', { _id: demand.id });
    await emulator.db.update('demands', { _id: demand.id }, { $set: { timeline: (doc.timeline as any[]).slice(0, 1) } }, { multi: false, merge: true, upsert: false });
    expect(await okCall(emulator, COMMITTEE, 'council', 'topicFromDemand', { demandId: demand.id, bodyId: BODY, title: '中心花园绿化' })).toMatchObject({ id: topic.id });
    expect((await okCall(emulator, RESIDENT, 'demand', 'get', { demandId: demand.id })).timeline.map((e: any) => e.action)).toEqual(['report', 'topic']);
  });

  it('only a suggestion of this community’s committee becomes a topic, refused with a reason before anything is written', async () => {
    const need = await okCall(emulator, RESIDENT, 'demand', 'report', { categoryId: 'demo-cat-stair-light', text: '3楼楼道灯坏了一个星期，晚上上下楼看不见' });
    const before = emulator.db.find('council_topics', {}).length;
    expect((await call(emulator, COMMITTEE, 'council', 'topicFromDemand', { demandId: need.id, bodyId: BODY, title: '楼道照明' })).error).toEqual({
      code: 'FAILED_PRECONDITION',
      message: '只有“意见建议”类诉求可以转为议题',
    });
    expect((await call(emulator, RESIDENT, 'council', 'topicFromDemand', { demandId: need.id, bodyId: BODY, title: '楼道照明' })).error.code).toBe('PERMISSION_DENIED');
    expect((await call(emulator, COMMITTEE, 'council', 'topicFromDemand', { demandId: 'nope', bodyId: BODY, title: '楼道照明' })).error.code).toBe('NOT_FOUND');
    expect((await call(emulator, COMMITTEE, 'council', 'topicFromDemand', { demandId: need.id, bodyId: BODY, title: '楼' })).error.code).toBe('INVALID_ARGUMENT');
    expect(emulator.db.find('council_topics', {}).length).toBe(before);
  });
});
