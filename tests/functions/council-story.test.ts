import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, DAY, addHouseholds, age, callUntilAnswered } from './council-fixtures';
import { starIdOf } from '../../server/repositories/member-stars';
import { addOtherCommunity, addPeople, okCall, person } from './neighbourhood';

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

describe('a meeting, a project and the residents’ yearly vote', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
  });
  afterAll(() => emulator.close());

  const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

  it('a 协调会 is an activity of the topic’s scope, linked back, that residents sign up for in `activity`; refused on a topic not yet accepted', async () => {
    const topicId = (await okCall(emulator, RESIDENT, 'council', 'propose', { bodyId: 'demo-council-building-1', title: '楼道堆物清理二期', content: '二期清理楼道里的旧家具和杂物。' })).id;
    const early = await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', {
      topicId,
      kind: 'coordination',
      place: { text: '居委会会议室' },
      startAt: inHours(3),
      endAt: inHours(5),
      capacity: 30,
    });
    expect(early.error).toEqual({ code: 'FAILED_PRECONDITION', message: '议题受理后、表决结束前才能召开听证会或协调会' });
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'accepted' } }, { multi: false, merge: true, upsert: false });
    const badTimes = await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', { topicId, kind: 'hearing', place: { text: '居委会会议室' }, startAt: inHours(5), endAt: inHours(3), capacity: 30 });
    expect(badTimes.error).toEqual({ code: 'INVALID_ARGUMENT', message: '结束时间要晚于开始时间' });
    const meeting = await okCall(emulator, COMMITTEE, 'council', 'scheduleMeeting', {
      topicId,
      kind: 'coordination',
      place: { text: '居委会会议室' },
      startAt: inHours(3),
      endAt: inHours(5),
      capacity: 30,
    });
    expect(meeting).toMatchObject({ kindName: '协调会', title: '协调会：楼道堆物清理二期', minutes: null });
    const { activity } = await okCall(emulator, RESIDENT, 'activity', 'get', { activityId: meeting.activityId });
    expect(activity).toMatchObject({ councilTopicId: topicId, audience: { kind: 'buildings', ids: ['demo-building-1'] }, pointsPerHour: 0, shifts: [], approval: 'auto' });
    expect((await okCall(emulator, RESIDENT, 'activity', 'signup', { activityId: meeting.activityId, answers: {} })).status).toBe('confirmed');
    // A resident of 3号楼 is outside the working committee's buildings.
    expect((await call(emulator, 'demo-resident-3', 'activity', 'signup', { activityId: meeting.activityId, answers: {} })).error.code).toBe('PERMISSION_DENIED');
    expect((await okCall(emulator, RESIDENT, 'council', 'topic', { topicId })).topic.stage).toBe('deliberating');
    // Cancelled in `activity`, the meeting shows as cancelled and takes no minutes.
    await okCall(emulator, COMMITTEE, 'activity', 'cancelActivity', { activityId: meeting.activityId, reason: '暴雨预警，改期举行' });
    expect((await okCall(emulator, RESIDENT, 'council', 'meetings', { topicId })).items).toMatchObject([{ id: meeting.id, cancelled: true }]);
    await age(emulator, 'council_meetings', meeting.id, ['startAt'], 4 * 3600_000);
    expect((await call(emulator, COMMITTEE, 'council', 'publishMinutes', { meetingId: meeting.id, text: '会议改期，本次不形成纪要内容。' })).error).toEqual({
      code: 'FAILED_PRECONDITION',
      message: '会议已取消，不能发布纪要',
    });
  });

  it('calling a meeting again with the same key, even after a crash between its two writes, publishes one activity and one meeting', async () => {
    const topicId = (await okCall(emulator, RESIDENT, 'council', 'propose', { bodyId: BODY, title: '电动车集中充电', content: '建议在小区内设集中充电点，杜绝楼道充电。' })).id;
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'accepted' } }, { multi: false, merge: true, upsert: false });
    const input = { topicId, kind: 'hearing', place: { text: '居委会会议室' }, startAt: inHours(24), endAt: inHours(26), capacity: 60 };
    const first = (await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', input, 'hearing-1')).data;
    expect((await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', input, 'hearing-1')).data).toEqual(first);
    // As if the first call had died after publishing the activity, before writing the meeting.
    await emulator.db.remove('council_meetings', { _id: first.id }, false);
    expect((await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', input, 'hearing-1')).data).toMatchObject({ id: first.id, activityId: first.activityId });
    expect(emulator.db.find('activities', { councilTopicId: topicId })).toHaveLength(1);
    expect(emulator.db.find('council_meetings', { topicId })).toHaveLength(1);
  });

  it('a decided topic is followed to 100%: the project, its updates newest first, and the topic done', async () => {
    const topicId = (await okCall(emulator, RESIDENT, 'council', 'propose', { bodyId: BODY, title: '加装电梯', content: '为3号楼加装电梯，方便老人出行。' })).id;
    expect((await call(emulator, COMMITTEE, 'council', 'startProject', { topicId })).error.code).toBe('FAILED_PRECONDITION');
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'decided' } }, { multi: false, merge: true, upsert: false });
    expect((await call(emulator, RESIDENT, 'council', 'startProject', { topicId })).error.code).toBe('PERMISSION_DENIED');
    const started = await okCall(emulator, COMMITTEE, 'council', 'startProject', { topicId });
    expect(started).toMatchObject({ status: 'in_progress', statusName: '落实中', percent: 0, updates: 0 });
    const today = started.startedOn;
    await okCall(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 40, text: '完成井道施工', day: today });
    const lower = await call(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 30, text: '返工', day: today });
    expect(lower.error).toEqual({ code: 'FAILED_PRECONDITION', message: '进度不能低于上次的 40%' });
    expect((await call(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 120, text: '超额', day: today })).error.code).toBe('INVALID_ARGUMENT');
    const done = await okCall(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: 100, text: '电梯通过验收，投入使用', day: today });
    expect(done).toMatchObject({ status: 'done', percent: 100, doneOn: today, updates: 2 });
    const seen = await okCall(emulator, 'demo-visitor-1', 'council', 'project', { topicId });
    expect(seen.updates.map((u: any) => u.percent)).toEqual([100, 40]);
    expect(JSON.stringify(seen)).not.toContain(COMMITTEE);
    expect((await okCall(emulator, RESIDENT, 'council', 'topic', { topicId })).topic.stage).toBe('done');
  });

  it('群众评优: the roll is frozen at opening, one secret vote per household, the counts posted after the close and shown beside the other two ratings', async () => {
    const opened = await okCall(emulator, COMMITTEE, 'council', 'openCampaign', {
      communityId: 'demo-community',
      title: '优秀志愿者',
      nominees: [{ name: '王秀英', note: '楼组长十年' }, { name: '李建国' }, { name: '张阿姨' }],
      maxChoices: 1,
      days: 7,
    });
    expect(opened).toMatchObject({ status: 'open', statusName: '投票中', result: null });
    const again = await call(emulator, COMMITTEE, 'council', 'openCampaign', {
      communityId: 'demo-community',
      title: '优秀志愿者',
      nominees: [{ name: '甲' }, { name: '乙' }],
      maxChoices: 1,
      days: 7,
    });
    expect(again.error.code).toBe('CONFLICT');
    // Someone bound after the opening is not on the roll.
    await addPeople(emulator, [person('cp-newcomer', { communityId: 'demo-community', gridId: 'demo-grid-1', buildingId: 'demo-building-1', room: '1901' })]);
    expect((await call(emulator, 'cp-newcomer', 'council', 'campaignVote', { campaignId: opened.id, choices: [0] })).error.code).toBe('PERMISSION_DENIED');
    expect((await call(emulator, 'other-resident-1', 'council', 'campaignVote', { campaignId: opened.id, choices: [0] })).error.code).toBe('PERMISSION_DENIED');
    expect((await okCall(emulator, RESIDENT, 'council', 'campaignVote', { campaignId: opened.id, choices: [0] })).campaign.voted).toBe(1);
    expect((await call(emulator, 'demo-resident-2', 'council', 'campaignVote', { campaignId: opened.id, choices: [0, 1] })).error.code).toBe('INVALID_ARGUMENT');
    await okCall(emulator, 'demo-resident-2', 'council', 'campaignVote', { campaignId: opened.id, choices: [1] });
    expect((await okCall(emulator, RESIDENT, 'council', 'campaign', { campaignId: opened.id })).myHouseholdVoted).toBe(true);
    expect((await call(emulator, COMMITTEE, 'council', 'closeCampaign', { campaignId: opened.id })).error.code).toBe('FAILED_PRECONDITION');
    // Nothing written for the campaign names a voter beside a choice.
    for (const ballot of emulator.db.find('council_ballots', { voteId: opened.id })) expect(Object.keys(ballot).sort()).toEqual(['_id', 'choices', 'day', 'voteId']);
    await age(emulator, 'council_campaigns', opened.id, ['opensAt', 'closesAt'], 7 * DAY + 120_000);
    const posted = await okCall(emulator, COMMITTEE, 'council', 'closeCampaign', { campaignId: opened.id });
    expect(posted).toMatchObject({ status: 'posted', statusName: '公示中', result: { tally: [1, 1, 0], ballots: 2, householdsVoted: 2 } });
    const year = opened.year;
    // A member's posted stars (岗位评星, kept by `member`): everyone sees the count at ★4, only the committee the name.
    const star = { communityId: 'demo-community', openid: 'demo-volunteer-1', displayName: '志愿者小李', year, state: 'posted', activity: 40, residents: 30, peer: 8, party: 4, score: 82, stars: 4 };
    await emulator.db.insert('member_stars', [
      { _id: starIdOf('demo-community', 'demo-volunteer-1', year), ...star, postedAt: new Date(), finalAt: new Date(Date.now() + 5 * DAY), objection: null, updatedAt: new Date() },
    ]);
    const forAll = await okCall(emulator, RESIDENT, 'council', 'threeRatings', { communityId: 'demo-community', year });
    expect(forAll.campaigns).toEqual([
      {
        id: opened.id,
        title: '优秀志愿者',
        status: 'posted',
        ballots: 2,
        ranking: expect.arrayContaining([
          { name: '王秀英', votes: 1 },
          { name: '张阿姨', votes: 0 },
        ]),
      },
    ]);
    expect(forAll.providers.length).toBeGreaterThan(0);
    expect(forAll.members).toEqual({ counts: [0, 0, 0, 1, 0], named: null });
    expect(JSON.stringify(forAll)).not.toContain('志愿者小李');
    expect((await okCall(emulator, COMMITTEE, 'council', 'threeRatings', { communityId: 'demo-community', year })).members.named).toEqual([{ displayName: '志愿者小李', stars: 4, final: false }]);
  });

  it('群众评优 at once: both members of 12 households voting together, with retries, count once per household; the counts equal a recount of the ballots', async () => {
    const households = await addHouseholds(emulator, 'cp-rush', 12, 2);
    const { id: campaignId } = await okCall(emulator, COMMITTEE, 'council', 'openCampaign', {
      communityId: 'demo-community',
      title: '好邻居',
      nominees: [{ name: '热心邻居甲' }, { name: '热心邻居乙' }, { name: '热心邻居丙' }],
      maxChoices: 2,
      days: 3,
    });
    const answers = await Promise.all(
      households.flatMap((members, h) =>
        members.map((openid, m) => callUntilAnswered(emulator, openid, 'campaignVote', { campaignId, choices: m === 0 ? [h % 3] : [(h + 1) % 3, (h + 2) % 3] }, `rush-${h}-${m}`)),
      ),
    );
    const won = answers.filter((a) => a?.ok === true).length;
    expect(won).toBe(12);
    expect(answers.filter((a) => a?.ok !== true).every((a) => a.error.code === 'CONFLICT')).toBe(true);
    await age(emulator, 'council_campaigns', campaignId, ['opensAt', 'closesAt'], 3 * DAY + 120_000);
    const { result } = await okCall(emulator, COMMITTEE, 'council', 'closeCampaign', { campaignId });
    const ballots = emulator.db.find('council_ballots', { voteId: campaignId }) as any[];
    const recount = [0, 1, 2].map((i) => ballots.filter((b) => b.choices.includes(i)).length);
    expect(result).toEqual({ tally: recount, ballots: 12, householdsVoted: 12 });
    expect(emulator.db.find('council_roll', { voteId: campaignId, voted: true })).toHaveLength(12);
  }, 120_000);
});
