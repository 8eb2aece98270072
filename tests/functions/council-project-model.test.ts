import fc from 'fast-check';
import { Emulator } from '../../emulator/app';
import { shanghaiDay } from '../../domain/shanghai-time';
import { call, startApp } from '../helpers/app';
import { expectAgrees, modelRuns } from './model-check';
import { COMMITTEE, DAY, addBody, addHouseholds, age, proposeTopic } from './council-fixtures';
import { setClock } from './demand-fixtures';

/**
 * A decided topic followed to the end as a project, against a reference model with the emulator's
 * clock: random progress reports (any percentage, dated from the day before the start to days
 * ahead), days passing and the committee starting it again. After every step the answer, the
 * project's percent, status and number of updates, and the topic's stage must be what the model says:
 * - an update is dated between the project's first day and today (Shanghai), else INVALID_ARGUMENT;
 * - the percentage never goes down (FAILED_PRECONDITION, saying the last one);
 * - 100% finishes the project and the topic is done; nothing is reported after;
 * - a review meeting (评议会) whose minutes are published closes it at the percent it reached, with
 *   an update saying so, and the topic is done; a topic done takes no more meetings;
 * - starting it again is refused and changes nothing.
 */

type Command = { kind: 'report'; percent: number; dayOffset: number } | { kind: 'advance'; days: number } | { kind: 'restart' } | { kind: 'review' };

class Model {
  elapsed = 0;
  percent = 0;
  updates = 0;
  done = false;
  report(percent: number, dayOffset: number): string {
    if (this.done) return 'FAILED_PRECONDITION';
    if (dayOffset > this.elapsed || dayOffset < 0) return 'INVALID_ARGUMENT';
    if (percent < this.percent) return 'FAILED_PRECONDITION';
    this.percent = percent;
    this.updates += 1;
    this.done = percent === 100;
    return 'ok';
  }
  /** A topic done takes no more meetings (meetingStageProblem). */
  review(): string {
    if (this.done) return 'FAILED_PRECONDITION';
    this.updates += 1;
    this.done = true;
    return 'ok';
  }
}

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('report' as const), percent: fc.constantFrom(0, 10, 30, 50, 55, 80, 100), dayOffset: fc.integer({ min: -1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.constantFrom(1, 2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'review' as const }) },
);

/** 30% today, a report dated tomorrow, 20% (lower), two days on 80% dated yesterday, a 评议会 closes it, then more. */
const EXAMPLE: Command[] = [
  { kind: 'report', percent: 30, dayOffset: 0 },
  { kind: 'report', percent: 50, dayOffset: 1 },
  { kind: 'report', percent: 10, dayOffset: 0 },
  { kind: 'advance', days: 2 },
  { kind: 'report', percent: 80, dayOffset: 1 },
  { kind: 'restart' },
  { kind: 'review' },
  { kind: 'report', percent: 100, dayOffset: 2 },
  { kind: 'review' },
];

const SEED = Number(process.env.COUNCIL_MODEL_SEED ?? 20261205);
const RUNS = Number(process.env.COUNCIL_MODEL_RUNS ?? 25);
// 10:00 in Shanghai: a day's steps never cross midnight by accident.
const BASE = new Date('2026-06-01T02:00:00Z');

describe('a project’s progress never diverges from the reference model', () => {
  let emulator: Emulator;
  let runs = 0;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(async () => {
    await setClock(emulator, null);
    await emulator.close();
  });

  /** Calls a 评议会 on the topic, lets it begin, and publishes its minutes: the answer to the minutes. */
  async function review(topicId: string, clock: number): Promise<string> {
    const at = (hours: number) => new Date(clock + hours * 3600_000).toISOString();
    const called = await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', { topicId, kind: 'review', place: { text: '居委会会议室' }, startAt: at(1), endAt: at(2), capacity: 20 });
    if (!called.ok) return called.error.code;
    await age(emulator, 'council_meetings', called.data.id, ['startAt', 'endAt'], 3 * 3600_000);
    await age(emulator, 'activities', called.data.activityId, ['startAt', 'endAt', 'signupOpensAt', 'signupClosesAt'], 3 * 3600_000);
    const res = await call(emulator, COMMITTEE, 'council', 'publishMinutes', { meetingId: called.data.id, text: '评议会听取落实情况汇报，与会居民认可，同意项目办结。' });
    return res.ok ? 'ok' : res.error.code;
  }

  async function run(commands: Command[]): Promise<void> {
    await setClock(emulator, BASE);
    const building = `pm-${++runs}`;
    const neighbours = (await addHouseholds(emulator, building, 2)).map((h) => h[0]);
    const topicId = await proposeTopic(emulator, await addBody(emulator, [building]), neighbours[0]);
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'decided' } }, { multi: false, merge: true, upsert: false });
    expect(await call(emulator, COMMITTEE, 'council', 'startProject', { topicId })).toMatchObject({ ok: true, data: { percent: 0, status: 'in_progress', startedOn: '2026-06-01' } });
    const model = new Model();
    const log: string[] = [];
    for (const c of commands) {
      log.push(JSON.stringify(c));
      let want = 'ok';
      let got = 'ok';
      if (c.kind === 'report') {
        want = model.report(c.percent, c.dayOffset);
        const day = shanghaiDay(new Date(BASE.getTime() + c.dayOffset * DAY));
        const res = await call(emulator, COMMITTEE, 'council', 'reportProgress', { topicId, percent: c.percent, text: `完成了 ${c.percent}% 的工作`, day });
        got = res.ok ? 'ok' : res.error.code;
      } else if (c.kind === 'advance') {
        model.elapsed += c.days;
        await setClock(emulator, new Date(BASE.getTime() + model.elapsed * DAY));
      } else if (c.kind === 'review') {
        want = model.review();
        got = await review(topicId, BASE.getTime() + model.elapsed * DAY);
      } else {
        want = 'CONFLICT';
        const res = await call(emulator, COMMITTEE, 'council', 'startProject', { topicId });
        got = res.ok ? 'ok' : res.error.code;
      }
      const { project, updates } = (await call(emulator, 'demo-visitor-1', 'council', 'project', { topicId })).data;
      const { topic } = (await call(emulator, 'demo-visitor-1', 'council', 'topic', { topicId })).data;
      const seen = { answer: got, percent: project.percent, status: project.status, updates: project.updates, listed: updates.length, stage: topic.stage };
      const expected = { answer: want, percent: model.percent, status: model.done ? 'done' : 'in_progress', updates: model.updates, listed: model.updates, stage: model.done ? 'done' : 'in_progress' };
      expectAgrees(seen, expected, log);
    }
  }

  modelRuns(run, { title: 'a date ahead and a lower percentage refused, a restart refused, a 评议会 closes it', commands: EXAMPLE }, { command, length: [6, 14], seed: SEED, runs: RUNS });
});
