import fc from 'fast-check';
import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { expectAgrees, modelRuns } from './model-check';
import { COMMITTEE, DAY, addBody, addHouseholds, age, proposeTopic, runJobs } from './council-fixtures';

/**
 * A topic's life from proposal to screening, against a reference model with a fake clock: random
 * supports (sometimes both members of a household, sometimes again), days passing, the timer's jobs
 * and the committee's screening. After every step the topic's stage, its supports and its overdue
 * flag must be what the model says. The rules the model holds the code to:
 * - a household supports once; supports count until the threshold max(10, 5% of households);
 * - reaching it moves the topic to screening, with 7 days to screen; after them the job flags it;
 * - a topic short of its supports after 30 days expires (the job), and takes no more supports;
 * - the committee accepts or declines (with a reason) only in screening.
 */

type Command = { kind: 'support'; household: number; member: number } | { kind: 'advance'; days: number } | { kind: 'jobs' } | { kind: 'screen'; accept: boolean };

class Model {
  stage = 'proposed';
  supported = new Set<number>();
  elapsed = 0;
  screenAt: number | null = null;
  overdue = false;
  constructor(readonly threshold: number) {}

  support(h: number): 'ok' | 'CONFLICT' | 'FAILED_PRECONDITION' {
    if (this.supported.has(h)) return 'CONFLICT';
    if (this.stage !== 'proposed' || this.elapsed >= 30 * DAY) return 'FAILED_PRECONDITION';
    this.supported.add(h);
    if (this.supported.size >= this.threshold) {
      this.stage = 'screening';
      this.screenAt = this.elapsed;
    }
    return 'ok';
  }
  jobs(): void {
    if (this.stage === 'proposed' && this.elapsed >= 30 * DAY) this.stage = 'expired';
    if (this.stage === 'screening' && this.screenAt !== null && this.elapsed >= this.screenAt + 7 * DAY) this.overdue = true;
  }
  screen(accept: boolean): 'ok' | 'FAILED_PRECONDITION' {
    if (this.stage !== 'screening') return 'FAILED_PRECONDITION';
    this.stage = accept ? 'accepted' : 'declined';
    return 'ok';
  }
}

const HOUSEHOLDS = 12;
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('support' as const), household: fc.nat(HOUSEHOLDS - 1), member: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.constantFrom(1, 6, 8, 31) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'jobs' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('screen' as const), accept: fc.boolean() }) },
);

/** Ten households support, a week and a day pass unscreened, then the committee accepts late. */
const EXAMPLE: Command[] = [
  ...Array.from({ length: 10 }, (_, h) => ({ kind: 'support' as const, household: h, member: h % 2 })),
  { kind: 'support', household: 3, member: 1 },
  { kind: 'advance', days: 8 },
  { kind: 'jobs' },
  { kind: 'screen', accept: true },
];

const SEED = Number(process.env.COUNCIL_MODEL_SEED ?? 20261205);
const RUNS = Number(process.env.COUNCIL_MODEL_RUNS ?? 30);

describe('a topic through supports, expiry and screening never diverges from the reference model', () => {
  let emulator: Emulator;
  let runs = 0;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  async function run(commands: Command[]): Promise<void> {
    const building = `tm-${++runs}`;
    const households = await addHouseholds(emulator, building, HOUSEHOLDS, 2);
    const bodyId = await addBody(emulator, [building]);
    const topicId = await proposeTopic(emulator, bodyId, households[0][0]);
    const model = new Model(10);
    const log: string[] = [];
    const topic = async () => (await call(emulator, COMMITTEE, 'council', 'topic', { topicId })).data.topic;
    for (const c of commands) {
      log.push(JSON.stringify(c));
      let got = 'ok';
      let want = 'ok';
      if (c.kind === 'support') {
        want = model.support(c.household);
        const res = await call(emulator, households[c.household][c.member], 'council', 'support', { topicId });
        got = res.ok ? 'ok' : res.error.code;
      } else if (c.kind === 'advance') {
        model.elapsed += c.days * DAY;
        await age(emulator, 'council_topics', topicId, ['supportUntil', 'screenBy', 'createdAt'], c.days * DAY);
      } else if (c.kind === 'jobs') {
        model.jobs();
        expect((await runJobs(emulator)).ok).toBe(true);
      } else {
        want = model.screen(c.accept);
        const res = await call(emulator, COMMITTEE, 'council', 'screen', { topicId, decision: c.accept ? 'accept' : 'decline', ...(c.accept ? {} : { reason: '不属于居民自治事项' }) });
        got = res.ok ? 'ok' : res.error.code;
      }
      const t = await topic();
      const seen = { answer: got, stage: t.stage, supports: t.supports, overdue: t.screeningOverdue };
      const expected = { answer: want, stage: model.stage, supports: model.supported.size, overdue: model.overdue };
      expectAgrees(seen, expected, log);
    }
  }

  modelRuns(run, { title: 'ten households reach the threshold, screening goes overdue, then is accepted', commands: EXAMPLE }, { command, length: [8, 18], seed: SEED, runs: RUNS });
});
