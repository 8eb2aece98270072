import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, DAY, acceptedTopic, callUntilAnswered, addBody, addHouseholds, age, expectNoBallotLinksAVoter, openHouseholdVote, runJobs } from './council-fixtures';
import { addOtherCommunity, addPeople, COMMUNITY, okCall, person } from './neighbourhood';

/**
 * The heart of consultation: one counted vote per household, whatever the crowd does, a tally equal
 * to a recount of the ballots, and a result that no longer changes once published.
 */
describe('a household vote on 楼道堆物清理', () => {
  let emulator: Emulator;
  let households: string[][];
  let voteId: string;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
    households = await addHouseholds(emulator, 'cv-building', 100, 2);
    const bodyId = await addBody(emulator, ['cv-building']);
    const topicId = await acceptedTopic(emulator, bodyId, households);
    voteId = await openHouseholdVote(emulator, topicId);
  }, 60_000);
  afterAll(() => emulator.close());

  it('freezes the roll at opening: 100 households may vote, none has yet', async () => {
    const vote = await okCall(emulator, COMMITTEE, 'council', 'vote', { voteId });
    expect(vote).toMatchObject({ status: 'open', eligible: 100, eligibleHouseholds: 100, voted: 0, result: null });
    expect(emulator.db.count('council_roll', { voteId })).toBe(100);
  });

  it('refuses a resident bound after the vote opened, and a resident of another community', async () => {
    await addPeople(emulator, [person('cv-newcomer', { buildingId: 'cv-building', gridId: 'demo-grid-1', communityId: COMMUNITY, room: '2001' })]);
    const before = emulator.db.count('council_ballots', {});
    const late = await call(emulator, 'cv-newcomer', 'council', 'castVote', { voteId, choices: [0] });
    expect(late.error.code).toBe('PERMISSION_DENIED');
    const outsider = await call(emulator, 'other-resident-1', 'council', 'castVote', { voteId, choices: [0] });
    expect(outsider.error.code).toBe('PERMISSION_DENIED');
    expect(emulator.db.count('council_ballots', {})).toBe(before);
  });

  it('refuses bad choices before any write', async () => {
    const before = emulator.db.count('council_ballots', {});
    for (const choices of [[], [0, 1], [3], [0, 0], [-1], ['0']]) {
      const res = await call(emulator, households[99][0], 'council', 'castVote', { voteId, choices });
      expect(res.ok).toBe(false);
      expect(res.error.code).toBe('INVALID_ARGUMENT');
    }
    expect(emulator.db.count('council_ballots', {})).toBe(before);
    expect(emulator.db.count('council_roll', { voteId, voted: true })).toBe(0);
  });

  it('200 members of 100 households voting at once, with retries and both members of a household together, count once per household', async () => {
    // Households 0–89 vote online: both members at once, each resending until answered, and the
    // first twenty members also fire a duplicate of their call (same key) at the same moment.
    // Households 90–99 vote on paper, entered by the committee.
    const choiceOf = (h: number) => h % 3;
    const online = households.slice(0, 90).flatMap((members, h) =>
      members.flatMap((openid, p) => {
        const data = { voteId, choices: [p === 0 ? choiceOf(h) : (choiceOf(h) + 1) % 3] };
        const key = `cv${h}p${p}key`;
        const send = () => callUntilAnswered(emulator, openid, 'castVote', data, key);
        return h < 10 ? [send(), send()] : [send()];
      }),
    );
    const paper = households.slice(90).map((_, i) => callUntilAnswered(emulator, COMMITTEE, 'paperBallot', { voteId, buildingId: 'cv-building', room: String(1090 + i), choices: [choiceOf(90 + i)] }));
    const answers = await Promise.all([...online, ...paper]);
    for (const a of answers) if (!a.ok) expect(a.error.code).toBe('CONFLICT');
    // Every household has exactly one counted vote, and exactly one ballot exists for each.
    expect(emulator.db.count('council_roll', { voteId, voted: true })).toBe(100);
    expect(emulator.db.count('council_roll', { voteId, channel: 'paper' })).toBe(10);
    expect(emulator.db.count('council_ballots', { voteId })).toBe(100);
    // A retry whose first call was counted is answered as the first was.
    const retried = answers.slice(0, 2);
    expect(retried.every((a) => a.ok)).toBe(true);
    // Paper for a household that already voted online is refused.
    const again = await call(emulator, COMMITTEE, 'council', 'paperBallot', { voteId, buildingId: 'cv-building', room: '1000', choices: [1] });
    expect(again.error.code).toBe('CONFLICT');
  }, 400_000);

  it('shows turnout while open but never the tally', async () => {
    const vote = await okCall(emulator, households[5][0], 'council', 'vote', { voteId });
    expect(vote).toMatchObject({ status: 'open', voted: 100, result: null });
    expect(JSON.stringify(vote)).not.toMatch(/tally/);
    const mine = await okCall(emulator, households[5][1], 'council', 'topic', { topicId: vote.topicId });
    expect(mine.myHouseholdVoted).toBe(true);
  });

  it('closes only after the window, publishes a tally equal to a recount, and then nothing changes', async () => {
    const early = await call(emulator, COMMITTEE, 'council', 'closeVote', { voteId });
    expect(early.error.code).toBe('FAILED_PRECONDITION');
    await age(emulator, 'council_votes', voteId, ['opensAt', 'closesAt'], 3 * DAY + 120_000);
    const late = await call(emulator, households[99][1], 'council', 'castVote', { voteId, choices: [0] });
    expect(late.error.code).toBe('FAILED_PRECONDITION');
    const run = await runJobs(emulator);
    expect(run.ok).toBe(true);
    const vote = await okCall(emulator, COMMITTEE, 'council', 'vote', { voteId });
    const ballots = emulator.db.find('council_ballots', { voteId }, { limit: 1000 });
    const recount = [0, 1, 2].map((o) => ballots.filter((b) => (b.choices as number[]).includes(o)).length);
    expect(vote.status).toBe('closed');
    expect(vote.result.tally).toEqual(recount);
    expect(vote.result).toMatchObject({ ballots: 100, householdsVoted: 100, quorum: true });
    // 34 of 100 chose option 0: nobody has more than half, so no decision.
    expect(vote.result.winner).toBeNull();
    const topic = await okCall(emulator, COMMITTEE, 'council', 'topic', { topicId: vote.topicId });
    expect(topic.topic.stage).toBe('decided');
    // Nothing changes after the close: another close, the job, a late paper ballot.
    await okCall(emulator, COMMITTEE, 'council', 'closeVote', { voteId });
    await runJobs(emulator);
    const paper = await call(emulator, COMMITTEE, 'council', 'paperBallot', { voteId, buildingId: 'cv-building', room: '1000', choices: [0] });
    expect(paper.ok).toBe(false);
    expect(await okCall(emulator, COMMITTEE, 'council', 'vote', { voteId })).toEqual(vote);
    expect(emulator.db.count('council_ballots', { voteId })).toBe(100);
  });

  it('has no field anywhere that links a ballot to a voter: reading every collection as raw documents', () => {
    expectNoBallotLinksAVoter(
      emulator,
      households.flat(),
      households.map((_, h) => String(1000 + h)),
    );
  });
});
