import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, DAY, age, openHouseholdVote, runJobs } from './council-fixtures';
import { okCall } from './neighbourhood';

/**
 * The council's writes without a transaction, each a few requests in a row: a call that dies
 * between two of them leaves a state staged here in the store, and the next call or the timer
 * finishes what it began.
 */

const BODY = 'demo-council-qunyinghui';
const RESIDENT = 'demo-resident-1';
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe('a call that died between its writes', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  async function topicAt(stage: string, title: string): Promise<string> {
    const topicId = (await okCall(emulator, RESIDENT, 'council', 'propose', { bodyId: BODY, title, content: '为老楼加装电梯，方便老人出行。' })).id;
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage } }, { multi: false, merge: true, upsert: false });
    return topicId;
  }
  const stageOf = (topicId: string) => emulator.db.find('council_topics', { _id: topicId })[0].stage;
  const entriesOf = (topicId: string) => emulator.db.find('council_progress', { projectId: `pj-${topicId}` });

  async function project(title: string): Promise<{ topicId: string; day: string }> {
    const topicId = await topicAt('decided', title);
    return { topicId, day: (await okCall(emulator, COMMITTEE, 'council', 'startProject', { topicId })).startedOn };
  }

  it('a progress report whose entry was not filed: the timer files it from the project, once', async () => {
    const { topicId, day } = await project('加装电梯一期');
    await okCall(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 30, text: '完成井道施工', day });
    // As if the call died after the project's write, before filing the entry.
    await emulator.db.remove('council_progress', { projectId: `pj-${topicId}` }, true);
    expect((await okCall(emulator, 'demo-visitor-1', 'council', 'project', { topicId })).project).toMatchObject({ percent: 30, updates: 1 });
    await runJobs(emulator);
    await runJobs(emulator);
    expect(entriesOf(topicId).map((e) => [e.percent, e.text])).toEqual([[30, '完成井道施工']]);
    expect((await okCall(emulator, 'demo-visitor-1', 'council', 'project', { topicId })).updates.map((u: any) => u.percent)).toEqual([30]);
  });

  it('… and the next report files it before its own, with no timer between', async () => {
    const { topicId, day } = await project('加装电梯二期');
    await okCall(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 30, text: '完成井道施工', day });
    await emulator.db.remove('council_progress', { projectId: `pj-${topicId}` }, true);
    expect(await okCall(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 60, text: '电梯安装完成', day })).toMatchObject({ percent: 60, updates: 2 });
    expect((await okCall(emulator, 'demo-visitor-1', 'council', 'project', { topicId })).updates.map((u: any) => u.percent)).toEqual([60, 30]);
  });

  it('a report of 100% whose topic did not move: the timer moves it to done', async () => {
    const { topicId, day } = await project('加装电梯三期');
    await okCall(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 100, text: '电梯通过验收，投入使用', day });
    // As if the call died after the project's write and the entry, before the topic's move.
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'in_progress' } }, { multi: false, merge: true, upsert: false });
    await runJobs(emulator);
    expect(stageOf(topicId)).toBe('done');
    expect(entriesOf(topicId)).toHaveLength(1);
  });

  it('two reports at once are both counted, in the figures and as entries', async () => {
    const { topicId, day } = await project('加装电梯四期');
    const both = await Promise.all([
      call(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 20, text: '材料进场', day }),
      call(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 20, text: '围挡搭好', day }),
    ]);
    expect(both.map((r) => r.ok)).toEqual([true, true]);
    expect((await okCall(emulator, 'demo-visitor-1', 'council', 'project', { topicId })).project.updates).toBe(2);
    expect(
      entriesOf(topicId)
        .map((e) => e.text)
        .sort(),
    ).toEqual(['围挡搭好', '材料进场']);
  });

  it('a review’s minutes whose close died after the project’s write: the retry files the entry and moves the topic', async () => {
    const { topicId, day } = await project('加装电梯五期');
    await okCall(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 80, text: '主体完工', day });
    const meeting = await okCall(emulator, COMMITTEE, 'council', 'scheduleMeeting', { topicId, kind: 'review', place: { text: '居委会会议室' }, startAt: inHours(1), endAt: inHours(2), capacity: 20 });
    await age(emulator, 'council_meetings', meeting.id, ['startAt'], 2 * 3600_000);
    await okCall(emulator, COMMITTEE, 'council', 'publishMinutes', { meetingId: meeting.id, text: '评议会认为工程已基本完成，同意办结。' });
    expect(stageOf(topicId)).toBe('done');
    const closing = entriesOf(topicId).filter((e) => String(e.text).startsWith('评议会'));
    expect(closing.map((e) => e.percent)).toEqual([80]);
    // As if it died after closing the project, before filing the closing entry and moving the topic.
    await emulator.db.remove('council_progress', { _id: closing[0]._id }, false);
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'in_progress' } }, { multi: false, merge: true, upsert: false });
    const again = await call(emulator, COMMITTEE, 'council', 'publishMinutes', { meetingId: meeting.id, text: '评议会认为工程已基本完成，同意办结。' });
    expect(again.error.code).toBe('CONFLICT');
    expect(stageOf(topicId)).toBe('done');
    expect(entriesOf(topicId)).toHaveLength(2);
    expect((await okCall(emulator, 'demo-visitor-1', 'council', 'project', { topicId })).project).toMatchObject({ status: 'done', percent: 80, updates: 2 });
  });

  it('a review’s minutes published by a call that died before the close: the timer closes the project and moves the topic, once', async () => {
    const { topicId, day } = await project('加装电梯六期');
    await okCall(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 70, text: '主体完工', day });
    const meeting = await okCall(emulator, COMMITTEE, 'council', 'scheduleMeeting', { topicId, kind: 'review', place: { text: '居委会会议室' }, startAt: inHours(1), endAt: inHours(2), capacity: 20 });
    await age(emulator, 'council_meetings', meeting.id, ['startAt', 'endAt'], 3 * 3600_000);
    // As if publishMinutes died right after its write: the minutes are there, the project still open.
    const minutes = { text: '评议会认为工程已基本完成，同意办结。', photos: [], attendees: 0, publishedAt: new Date(), publishedBy: COMMITTEE };
    await emulator.db.update('council_meetings', { _id: meeting.id }, { $set: { status: 'minuted', minutes } }, { multi: false, merge: true, upsert: false });
    expect(stageOf(topicId)).toBe('in_progress');
    await runJobs(emulator);
    await runJobs(emulator);
    expect(stageOf(topicId)).toBe('done');
    expect(entriesOf(topicId).map((e) => [e.percent, String(e.text).startsWith('评议会'), e.by])).toEqual(expect.arrayContaining([[70, true, COMMITTEE]]));
    expect(entriesOf(topicId)).toHaveLength(2);
    expect((await okCall(emulator, 'demo-visitor-1', 'council', 'project', { topicId })).project).toMatchObject({ status: 'done', percent: 70, updates: 2 });
  });

  it('a keyed meeting whose call died before the topic’s move: the retry moves it into deliberation', async () => {
    const topicId = await topicAt('accepted', '楼道堆物清理');
    const input = { topicId, kind: 'hearing', place: { text: '居委会会议室' }, startAt: inHours(24), endAt: inHours(26), capacity: 60 };
    const first = (await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', input, 'hearing-crash')).data;
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'accepted' } }, { multi: false, merge: true, upsert: false });
    expect((await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', input, 'hearing-crash')).data).toEqual(first);
    expect(stageOf(topicId)).toBe('deliberating');
  });

  async function closedVote(title: string): Promise<{ topicId: string; voteId: string }> {
    const topicId = await topicAt('accepted', title);
    const voteId = await openHouseholdVote(emulator, topicId);
    await okCall(emulator, RESIDENT, 'council', 'castVote', { voteId, choices: [0] });
    await age(emulator, 'council_votes', voteId, ['opensAt', 'closesAt'], 3 * DAY + 120_000);
    expect((await okCall(emulator, COMMITTEE, 'council', 'closeVote', { voteId })).result).toMatchObject({ tally: [1, 0, 0], ballots: 1, householdsVoted: 1 });
    expect(stageOf(topicId)).toBe('decided');
    // As if the close died after publishing the result, before the topic's move.
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'voting' } }, { multi: false, merge: true, upsert: false });
    return { topicId, voteId };
  }

  it('a vote closed whose topic stayed in voting: the timer moves the topic to decided', async () => {
    const { topicId } = await closedVote('电动车集中充电');
    await runJobs(emulator);
    expect(stageOf(topicId)).toBe('decided');
  });

  it('… and so does closing it again, with no timer between', async () => {
    const { topicId, voteId } = await closedVote('楼顶防水');
    expect((await okCall(emulator, COMMITTEE, 'council', 'closeVote', { voteId })).status).toBe('closed');
    expect(stageOf(topicId)).toBe('decided');
  });
});
