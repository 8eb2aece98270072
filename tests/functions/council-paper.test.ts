import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, DAY, acceptedTopic, addBody, addHouseholds, age, expectNoBallotLinksAVoter, openHouseholdVote, proposeTopic } from './council-fixtures';
import { COMMUNITY, okCall } from './neighbourhood';

/**
 * Paper ballots beyond the household vote: in a per-person vote the committee enters a named
 * resident's ballot (who must live in the room the ballot names), and in a 群众评优 campaign a
 * household's. Paper and online are the same roll entry, so each counts once, whichever comes
 * first; bad input is refused before any write; and still no collection links a ballot to a voter.
 * Also: the public list of topics filtered by body on the server.
 */
describe('paper ballots for per-person votes and campaigns, still one each and secret', () => {
  let emulator: Emulator;
  let households: string[][];
  let voteId: string;
  let campaignId: string;
  const building = 'pp-building';
  const ballots = () => emulator.db.count('council_ballots', {});
  beforeAll(async () => {
    emulator = await startApp();
    households = await addHouseholds(emulator, building, 12, 2);
    const topicId = await acceptedTopic(emulator, await addBody(emulator, [building]), households);
    voteId = await openHouseholdVote(emulator, topicId, { unit: 'person' });
    const opened = await okCall(emulator, COMMITTEE, 'council', 'openCampaign', {
      communityId: COMMUNITY,
      title: '好邻居评选',
      nominees: [{ name: '王秀英' }, { name: '李建国' }, { name: '张志强' }],
      maxChoices: 2,
      days: 3,
    });
    campaignId = opened.id;
  }, 60_000);
  afterAll(() => emulator.close());

  it('per person: the committee enters a named resident’s paper ballot, once, and their housemate still votes', async () => {
    const [first, second] = households[0];
    const entered = await okCall(emulator, COMMITTEE, 'council', 'paperBallot', { voteId, buildingId: building, room: '1000', openid: first, choices: [0] });
    expect(entered.vote).toMatchObject({ unit: 'person', voted: 1 });
    expect(emulator.db.find('council_roll', { voteId, voterKey: first })[0]).toMatchObject({ voted: true, channel: 'paper', enteredBy: COMMITTEE });
    // The same person again, on paper or online: refused; the housemate votes for themselves.
    const again = await call(emulator, COMMITTEE, 'council', 'paperBallot', { voteId, buildingId: building, room: '1000', openid: first, choices: [1] });
    expect(again.error).toMatchObject({ code: 'CONFLICT', message: '这位居民已经投过票了' });
    expect((await call(emulator, first, 'council', 'castVote', { voteId, choices: [1] })).error.code).toBe('CONFLICT');
    expect((await okCall(emulator, second, 'council', 'castVote', { voteId, choices: [1] })).vote.voted).toBe(2);
    expect(emulator.db.count('council_ballots', { voteId })).toBe(2);
  });

  it('per person: a ballot naming nobody, or someone of another room, is refused before any write', async () => {
    const before = ballots();
    const nobody = await call(emulator, COMMITTEE, 'council', 'paperBallot', { voteId, buildingId: building, room: '1001', choices: [0] });
    expect(nobody.error).toMatchObject({ code: 'INVALID_ARGUMENT', message: '按人表决的纸质选票请注明投票人' });
    const elsewhere = await call(emulator, COMMITTEE, 'council', 'paperBallot', { voteId, buildingId: building, room: '1005', openid: households[1][0], choices: [0] });
    expect(elsewhere.error).toMatchObject({ code: 'PERMISSION_DENIED', message: '这张选票上的住户（或投票人）不在这次表决的名册上' });
    const resident = await call(emulator, households[2][0], 'council', 'paperBallot', { voteId, buildingId: building, room: '1002', openid: households[2][1], choices: [0] });
    expect(resident.error.code).toBe('PERMISSION_DENIED');
    expect(ballots()).toBe(before);
    expect(emulator.db.count('council_roll', { voteId, voted: true })).toBe(2);
  });

  it('a campaign: a household’s paper ballot counts once, against its online vote either way round', async () => {
    const paper = await okCall(emulator, COMMITTEE, 'council', 'campaignPaperBallot', { campaignId, buildingId: building, room: '1003', choices: [0, 2] });
    expect(paper.campaign.voted).toBe(1);
    expect(emulator.db.find('council_roll', { voteId: campaignId, voterKey: `${building}|1003` })[0]).toMatchObject({ channel: 'paper', enteredBy: COMMITTEE });
    // Its members can no longer vote online; a household that voted online gets no paper ballot.
    expect((await call(emulator, households[3][1], 'council', 'campaignVote', { campaignId, choices: [1] })).error.code).toBe('CONFLICT');
    await okCall(emulator, households[4][0], 'council', 'campaignVote', { campaignId, choices: [1] });
    const late = await call(emulator, COMMITTEE, 'council', 'campaignPaperBallot', { campaignId, buildingId: building, room: '1004', choices: [0] });
    expect(late.error).toMatchObject({ code: 'CONFLICT', message: '这一户已经投过票了' });
    expect(emulator.db.count('council_ballots', { voteId: campaignId })).toBe(2);
  });

  it('a campaign: bad paper ballots are refused before any write, and only the committee enters them', async () => {
    const before = ballots();
    const cases: [string, Record<string, unknown>, string][] = [
      [COMMITTEE, { campaignId, buildingId: building, room: '1006', choices: [0, 1, 2] }, 'INVALID_ARGUMENT'],
      [COMMITTEE, { campaignId, buildingId: building, room: '1006', choices: [7] }, 'INVALID_ARGUMENT'],
      [COMMITTEE, { campaignId, buildingId: building, room: '', choices: [0] }, 'INVALID_ARGUMENT'],
      [COMMITTEE, { campaignId, buildingId: building, room: '9999', choices: [0] }, 'PERMISSION_DENIED'],
      [households[6][0], { campaignId, buildingId: building, room: '1006', choices: [0] }, 'PERMISSION_DENIED'],
      [COMMITTEE, { campaignId: 'no-such-campaign', buildingId: building, room: '1006', choices: [0] }, 'NOT_FOUND'],
    ];
    for (const [who, data, code] of cases) {
      const res = await call(emulator, who, 'council', 'campaignPaperBallot', data);
      expect(res.error?.code).toBe(code);
      expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(ballots()).toBe(before);
  });

  it('after the close the campaign counts the paper ballot with the online ones, and no paper ballot is taken', async () => {
    await age(emulator, 'council_campaigns', campaignId, ['opensAt', 'closesAt'], 3 * DAY + 120_000);
    const posted = await okCall(emulator, COMMITTEE, 'council', 'closeCampaign', { campaignId });
    expect(posted.result).toEqual({ tally: [1, 1, 1], ballots: 2, householdsVoted: 2 });
    const late = await call(emulator, COMMITTEE, 'council', 'campaignPaperBallot', { campaignId, buildingId: building, room: '1007', choices: [0] });
    expect(late.error.code).toBe('FAILED_PRECONDITION');
  });

  it('has no field anywhere that links a ballot to a voter, paper or online', () => {
    expectNoBallotLinksAVoter(
      emulator,
      [...households.flat(), COMMITTEE],
      households.map((_, h) => String(1000 + h)),
    );
  });

  it('lists a body’s topics on the server, by stage too, and nothing of another body', async () => {
    const other = await addBody(emulator, [building], '第二议事会');
    const mine = await proposeTopic(emulator, other, households[5][0], '车棚加装充电桩');
    const all = await okCall(emulator, 'demo-visitor-1', 'council', 'topics', { communityId: COMMUNITY, bodyId: other });
    expect(all.items.map((t: { id: string }) => t.id)).toEqual([mine]);
    expect((await okCall(emulator, 'demo-visitor-1', 'council', 'topics', { communityId: COMMUNITY, bodyId: other, stage: 'proposed' })).items).toHaveLength(1);
    expect((await okCall(emulator, 'demo-visitor-1', 'council', 'topics', { communityId: COMMUNITY, bodyId: other, stage: 'accepted' })).items).toHaveLength(0);
    const bad = await call(emulator, 'demo-visitor-1', 'council', 'topics', { communityId: COMMUNITY, bodyId: '' });
    expect(bad.error.code).toBe('INVALID_ARGUMENT');
  });
});
