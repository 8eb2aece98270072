import fc from 'fast-check';
import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { expectAgrees, modelRuns } from './model-check';
import { DAY, runJobs } from './council-fixtures';
import { setClock } from './demand-fixtures';
import { addPeople, person, unit } from './neighbourhood';

/**
 * A 群众评优 campaign from opening to final, against a reference model with the emulator's clock.
 * Six households of two members each in a community of their own; random votes (sometimes both
 * members of a household, sometimes a repeated nominee), days passing, the timer's jobs and the
 * committee closing. After every step the answer, the status, the turnout while open and the counts
 * once posted must be what the model says:
 * - a household votes once, for 1–2 distinct nominees, within the 3 days, online or on a paper ballot
 *   the committee enters (the same roll entry: whichever comes second is refused);
 * - the committee closes it only after the window (and a minute's grace); so does the timer;
 * Time moves in whole days from the opening (plus two minutes), so no step lands on a boundary.
 * - the counts are posted for 5 days, then final (the timer); they equal a recount of what was cast;
 * - within the 5 days a household objects once; the result then waits, past the timer, for the
 *   committee's answer, which it gives only after the 5 days, and which makes it final.
 */

const HOUSEHOLDS = 6;
const NOMINEES = ['3号楼', '5号楼', '7号楼'];
/** Days are counted from the opening instant, plus this much: past the minute's grace a close waits, never on a boundary. */
const PAST = 2 * 60_000;
type Command =
  | { kind: 'vote'; household: number; member: number; choices: number[] }
  | { kind: 'paper'; household: number; choices: number[] }
  | { kind: 'advance'; days: number }
  | { kind: 'jobs' }
  | { kind: 'close' }
  | { kind: 'object'; household: number }
  | { kind: 'answer' };

class Model {
  elapsed = 0;
  status: 'open' | 'posted' | 'objected' | 'final' = 'open';
  objected = new Set<number>();
  postedAt = 0;
  voted = new Set<number>();
  tally = NOMINEES.map(() => 0);
  ballots = 0;
  vote(h: number, choices: number[]): string {
    if (this.status !== 'open' || this.elapsed >= 3 * DAY) return 'FAILED_PRECONDITION';
    if (new Set(choices).size !== choices.length || choices.length > 2) return 'INVALID_ARGUMENT';
    if (this.voted.has(h)) return 'CONFLICT';
    this.voted.add(h);
    this.ballots += 1;
    for (const c of choices) this.tally[c] += 1;
    return 'ok';
  }
  due(): boolean {
    return this.status === 'open' && this.elapsed >= 3 * DAY;
  }
  close(): string {
    if (this.status !== 'open') return 'ok';
    if (!this.due()) return 'FAILED_PRECONDITION';
    this.status = 'posted';
    this.postedAt = this.elapsed;
    return 'ok';
  }
  object(h: number): string {
    if ((this.status !== 'posted' && this.status !== 'objected') || this.elapsed >= this.postedAt + 5 * DAY) return 'FAILED_PRECONDITION';
    if (this.objected.has(h)) return 'CONFLICT';
    this.objected.add(h);
    this.status = 'objected';
    return 'ok';
  }
  answer(): string {
    if (this.status !== 'objected' || this.elapsed < this.postedAt + 5 * DAY) return 'FAILED_PRECONDITION';
    this.status = 'final';
    return 'ok';
  }
  jobs(): void {
    if (this.status === 'posted' && this.elapsed >= this.postedAt + 5 * DAY) this.status = 'final';
    if (this.due()) this.close();
  }
}

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('vote' as const),
      household: fc.nat(HOUSEHOLDS - 1),
      member: fc.nat(1),
      choices: fc.array(fc.nat(NOMINEES.length - 1), { minLength: 1, maxLength: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('paper' as const), household: fc.nat(HOUSEHOLDS - 1), choices: fc.array(fc.nat(NOMINEES.length - 1), { minLength: 1, maxLength: 2 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.constantFrom(1, 2, 6) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'jobs' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('object' as const), household: fc.nat(HOUSEHOLDS - 1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'answer' as const }) },
);

/** Four households vote (one twice, one with a repeated nominee, one again on paper), one on paper then online, an early close is refused, the window ends, posted, an objection (twice), an early answer refused, five days on the answer makes it final. */
const EXAMPLE: Command[] = [
  { kind: 'vote', household: 0, member: 0, choices: [0] },
  { kind: 'vote', household: 0, member: 1, choices: [1] },
  { kind: 'vote', household: 1, member: 1, choices: [0, 2] },
  { kind: 'vote', household: 2, member: 0, choices: [1, 1] },
  { kind: 'vote', household: 3, member: 0, choices: [2] },
  { kind: 'paper', household: 3, choices: [0] },
  { kind: 'close' },
  { kind: 'advance', days: 2 },
  { kind: 'paper', household: 4, choices: [0, 1] },
  { kind: 'vote', household: 4, member: 0, choices: [0] },
  { kind: 'advance', days: 2 },
  { kind: 'vote', household: 5, member: 0, choices: [0] },
  { kind: 'jobs' },
  { kind: 'object', household: 2 },
  { kind: 'object', household: 2 },
  { kind: 'answer' },
  { kind: 'advance', days: 6 },
  { kind: 'jobs' },
  { kind: 'object', household: 3 },
  { kind: 'answer' },
];

const SEED = Number(process.env.COUNCIL_MODEL_SEED ?? 20261205);
const RUNS = Number(process.env.COUNCIL_MODEL_RUNS ?? 20);
const BASE = new Date('2026-03-02T02:00:00Z');

describe('a 群众评优 campaign never diverges from the reference model', () => {
  let emulator: Emulator;
  let runs = 0;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(async () => {
    await setClock(emulator, null);
    await emulator.close();
  });

  /** A community of its own: a committee member and HOUSEHOLDS rooms of two residents. */
  async function community(n: number): Promise<{ communityId: string; committee: string; members: string[][] }> {
    const communityId = `cc-${n}`;
    await emulator.db.insert('units', [
      unit(communityId, 'community', `评优小区${n}`, 'demo-street', communityId),
      unit(`${communityId}-g`, 'grid', '网格', communityId, communityId),
      unit(`${communityId}-b`, 'building', '1号楼', `${communityId}-g`, communityId),
    ]);
    const place = { communityId, gridId: `${communityId}-g`, buildingId: `${communityId}-b` };
    const members = Array.from({ length: HOUSEHOLDS }, (_, h) => [0, 1].map((p) => `${communityId}-r${h}-p${p}`));
    const committee = `${communityId}-committee`;
    await addPeople(emulator, [
      person(committee, { roles: [{ role: 'committee', communityId }], communityId }),
      ...members.flatMap((m, h) => m.map((openid) => person(openid, { ...place, room: String(101 + h) }))),
    ]);
    return { communityId, committee, members };
  }

  async function run(commands: Command[]): Promise<void> {
    await setClock(emulator, BASE);
    const { communityId, committee, members } = await community(++runs);
    const opened = await call(emulator, committee, 'council', 'openCampaign', { communityId, title: '最美楼组', nominees: NOMINEES.map((name) => ({ name })), maxChoices: 2, days: 3 });
    expect(opened).toMatchObject({ ok: true, data: { status: 'open', eligibleHouseholds: HOUSEHOLDS, year: 2026 } });
    const campaignId = opened.data.id;
    const opensAt = Date.parse(opened.data.opensAt);
    const model = new Model();
    const log: string[] = [];
    for (const c of commands) {
      log.push(JSON.stringify(c));
      let want = 'ok';
      let got = 'ok';
      if (c.kind === 'vote') {
        want = model.vote(c.household, c.choices);
        const res = await call(emulator, members[c.household][c.member], 'council', 'campaignVote', { campaignId, choices: c.choices });
        got = res.ok ? 'ok' : res.error.code;
      } else if (c.kind === 'paper') {
        want = model.vote(c.household, c.choices);
        const res = await call(emulator, committee, 'council', 'campaignPaperBallot', { campaignId, buildingId: `${communityId}-b`, room: String(101 + c.household), choices: c.choices });
        got = res.ok ? 'ok' : res.error.code;
      } else if (c.kind === 'advance') {
        model.elapsed += c.days * DAY;
        await setClock(emulator, new Date(opensAt + model.elapsed + PAST));
      } else if (c.kind === 'jobs') {
        model.jobs();
        expect((await runJobs(emulator)).ok).toBe(true);
      } else if (c.kind === 'object') {
        want = model.object(c.household);
        const res = await call(emulator, members[c.household][1], 'council', 'objectCampaign', { campaignId, reason: '计票前有人拉票' });
        got = res.ok ? 'ok' : res.error.code;
      } else if (c.kind === 'answer') {
        want = model.answer();
        const res = await call(emulator, committee, 'council', 'answerObjections', { campaignId, answer: '经核查，拉票未影响结果，维持公示' });
        got = res.ok ? 'ok' : res.error.code;
      } else {
        want = model.close();
        const res = await call(emulator, committee, 'council', 'closeCampaign', { campaignId });
        got = res.ok ? 'ok' : res.error.code;
      }
      const { campaign } = (await call(emulator, members[0][0], 'council', 'campaign', { campaignId })).data;
      const seen = { answer: got, status: campaign.status, voted: campaign.voted, result: campaign.result, objections: campaign.objections };
      const counts = { tally: model.tally, ballots: model.ballots, householdsVoted: model.voted.size };
      const expected = { answer: want, status: model.status, voted: model.voted.size, result: model.status === 'open' ? null : counts, objections: model.objected.size };
      expectAgrees(seen, expected, log);
    }
  }

  modelRuns(
    run,
    { title: 'a household twice, a repeated nominee, an early close refused, posted, objected, answered, final', commands: EXAMPLE },
    { command, length: [8, 16], seed: SEED, runs: RUNS },
  );
});
