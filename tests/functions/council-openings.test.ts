import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { measuredCall } from './activity-fixtures';
import { COMMITTEE, addBody, addHouseholds, openHouseholdVote, proposeTopic, runJobs } from './council-fixtures';
import { COMMUNITY, okCall } from './neighbourhood';

/**
 * Opening a vote or a campaign writes the roll first, then the vote (or campaign) open with its
 * counts, then the topic's move. A call that dies between them leaves a state staged here in the
 * store: a roll nothing reads, finished by the next opening; an open vote whose topic did not move,
 * finished by the next opening or the timer. And a roll larger than a request's 500 entries and a
 * scope larger than a read's 1,000 residents is written whole.
 */

const BODY = 'demo-council-qunyinghui';

describe('opening a vote or a campaign', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  async function acceptedTopic(title: string, bodyId = BODY): Promise<string> {
    const topicId = await proposeTopic(emulator, bodyId, COMMITTEE, title);
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'accepted' } }, { multi: false, merge: true, upsert: false });
    return topicId;
  }
  const topicOf = (topicId: string) => emulator.db.find('council_topics', { _id: topicId })[0];

  it('an opening that died after part of the roll: nothing reads it, and opening again keeps it, writes the rest and opens once', async () => {
    const topicId = await acceptedTopic('楼道堆物清理');
    const voteId = await openHouseholdVote(emulator, topicId);
    const roll = emulator.db.find('council_roll', { voteId });
    expect(roll.length).toBeGreaterThan(1);
    // As if the call died after writing the first entry: no vote, the topic where it was.
    await emulator.db.remove('council_votes', { _id: voteId }, false);
    await emulator.db.remove('council_roll', { _id: { $in: roll.slice(1).map((e) => e._id) } }, true);
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'accepted', voteId: null } }, { multi: false, merge: true, upsert: false });
    expect((await call(emulator, COMMITTEE, 'council', 'vote', { voteId })).error.code).toBe('NOT_FOUND');
    expect(await openHouseholdVote(emulator, topicId)).toBe(voteId);
    expect(emulator.db.count('council_roll', { voteId })).toBe(roll.length);
    expect(await okCall(emulator, COMMITTEE, 'council', 'vote', { voteId })).toMatchObject({ status: 'open', eligible: roll.length });
    expect(topicOf(topicId)).toMatchObject({ stage: 'voting', voteId });
    expect((await call(emulator, COMMITTEE, 'council', 'openVote', { topicId, question: '再来一次？', options: ['是', '否'], maxChoices: 1, unit: 'household', days: 3 })).error.code).toBe('CONFLICT');
  });

  it('an opening that died before the topic’s move: the timer moves it into voting', async () => {
    const topicId = await acceptedTopic('中心花园长椅');
    const voteId = await openHouseholdVote(emulator, topicId);
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'accepted', voteId: null } }, { multi: false, merge: true, upsert: false });
    await runJobs(emulator);
    expect(topicOf(topicId)).toMatchObject({ stage: 'voting', voteId });
  });

  it('… and so does opening it again, answered with the vote already open', async () => {
    const topicId = await acceptedTopic('车棚改造');
    const voteId = await openHouseholdVote(emulator, topicId);
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'deliberating', voteId: null } }, { multi: false, merge: true, upsert: false });
    expect(await openHouseholdVote(emulator, topicId)).toBe(voteId);
    expect(topicOf(topicId)).toMatchObject({ stage: 'voting', voteId });
    expect(emulator.db.count('council_votes', { topicId })).toBe(1);
  });

  it('a campaign whose opening died after the roll: opening it again opens it once, with the roll as written', async () => {
    const input = { communityId: COMMUNITY, title: '最美阳台', nominees: [{ name: '1号楼' }, { name: '2号楼' }], maxChoices: 1, days: 7 };
    const first = await okCall(emulator, COMMITTEE, 'council', 'openCampaign', input);
    await emulator.db.remove('council_campaigns', { _id: first.id }, false);
    expect((await call(emulator, COMMITTEE, 'council', 'campaign', { campaignId: first.id })).error.code).toBe('NOT_FOUND');
    const again = await okCall(emulator, COMMITTEE, 'council', 'openCampaign', input);
    expect(again).toMatchObject({ id: first.id, status: 'open', eligibleHouseholds: first.eligibleHouseholds });
    expect(emulator.db.count('council_roll', { voteId: first.id })).toBe(first.eligibleHouseholds);
    expect((await call(emulator, COMMITTEE, 'council', 'openCampaign', input)).error.code).toBe('CONFLICT');
  });

  it('a roll of 1,100 households: the residents past the first 1,000 are read once more, the roll in 3 requests of up to 500', async () => {
    await addHouseholds(emulator, 'big-building', 1100);
    const topicId = await acceptedTopic('加装电梯', await addBody(emulator, ['big-building'], '大楼自治会'));
    // Warm: the instance knows the caller (a cold call reads their user document first).
    await okCall(emulator, COMMITTEE, 'council', 'topics', { communityId: COMMUNITY });
    const m = await measuredCall(emulator, COMMITTEE, 'council', 'openVote', { topicId, question: '是否同意？', options: ['同意', '不同意'], maxChoices: 1, unit: 'household', days: 3 });
    expect(m.res.data).toMatchObject({ status: 'open', eligible: 1100, eligibleHouseholds: 1100 });
    expect(emulator.db.count('council_roll', { voteId: m.res.data.id })).toBe(1100);
    // The read, the second page of residents, three roll writes, the vote, the topic's move.
    expect(m.db).toBe(7);
  }, 60_000);
});
