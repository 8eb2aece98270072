import fc from 'fast-check';
import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { expectAgrees, modelRuns } from './model-check';
import { COMMITTEE, addBody, addHouseholds, age, proposeTopic } from './council-fixtures';

/**
 * A meeting on a topic, from its calling to its minutes, against a reference model with a fake
 * clock. The meeting is an activity: neighbours sign up there and sign in with its rotating QR code;
 * the minutes count who signed in. Random signups, scans, hours passing and publishing; after every
 * step the answers, the topic's stage and the meeting's minutes must be what the model says:
 * - signing up is open until the meeting starts (a second signup changes nothing);
 * - signing in needs a signup and is open from an hour before the start to the end (again: no change);
 * - minutes are published once, not before the start, with the number signed in at that moment;
 * - calling the meeting moved the accepted topic into deliberation.
 */

const HOUR = 3600_000;
const START = 3;
const END = 5;
type Command = { kind: 'signup'; who: number } | { kind: 'checkin'; who: number } | { kind: 'advance'; hours: number } | { kind: 'minutes' };

class Model {
  elapsed = 0;
  signed = new Set<number>();
  checked = new Set<number>();
  minutes: number | null = null;
  signup(who: number): string {
    if (this.elapsed >= START) return this.signed.has(who) ? 'any' : 'FAILED_PRECONDITION';
    this.signed.add(who);
    return 'ok';
  }
  checkin(who: number): string {
    if (!this.signed.has(who)) return 'FAILED_PRECONDITION';
    if (this.checked.has(who)) return 'ok';
    if (this.elapsed < START - 1 || this.elapsed >= END) return 'FAILED_PRECONDITION';
    this.checked.add(who);
    return 'ok';
  }
  publish(): string {
    if (this.minutes !== null) return 'CONFLICT';
    if (this.elapsed < START) return 'FAILED_PRECONDITION';
    this.minutes = this.checked.size;
    return 'ok';
  }
}

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('signup' as const), who: fc.nat(3) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('checkin' as const), who: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.constantFrom(1, 2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'minutes' as const }) },
);

/** Three sign up, the minutes are tried too early, two sign in on the day (one twice), minutes published, then again. */
const EXAMPLE: Command[] = [
  { kind: 'signup', who: 0 },
  { kind: 'signup', who: 1 },
  { kind: 'signup', who: 2 },
  { kind: 'checkin', who: 0 },
  { kind: 'minutes' },
  { kind: 'advance', hours: 2 },
  { kind: 'checkin', who: 0 },
  { kind: 'checkin', who: 1 },
  { kind: 'checkin', who: 1 },
  { kind: 'checkin', who: 3 },
  { kind: 'advance', hours: 1 },
  { kind: 'minutes' },
  { kind: 'checkin', who: 2 },
  { kind: 'minutes' },
];

const SEED = Number(process.env.COUNCIL_MODEL_SEED ?? 20261205);
const RUNS = Number(process.env.COUNCIL_MODEL_RUNS ?? 20);

describe('a meeting with QR sign-in and minutes never diverges from the reference model', () => {
  let emulator: Emulator;
  let runs = 0;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  async function run(commands: Command[]): Promise<void> {
    const building = `mm-${++runs}`;
    const neighbours = (await addHouseholds(emulator, building, 4)).map((h) => h[0]);
    const topicId = await proposeTopic(emulator, await addBody(emulator, [building]), neighbours[0]);
    await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'accepted' } }, { multi: false, merge: true, upsert: false });
    const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
    const called = await call(emulator, COMMITTEE, 'council', 'scheduleMeeting', { topicId, kind: 'coordination', place: { text: '居委会会议室' }, startAt: at(START), endAt: at(END), capacity: 50 });
    expect(called).toMatchObject({ ok: true, data: { kind: 'coordination', kindName: '协调会', minutes: null } });
    const { id: meetingId, activityId } = called.data;
    const model = new Model();
    const log: string[] = [];
    for (const c of commands) {
      log.push(JSON.stringify(c));
      let want = 'ok';
      let got = 'ok';
      if (c.kind === 'signup') {
        want = model.signup(c.who);
        const res = await call(emulator, neighbours[c.who], 'activity', 'signup', { activityId, answers: {} });
        got = want === 'any' ? 'any' : res.ok ? 'ok' : res.error.code;
      } else if (c.kind === 'checkin') {
        want = model.checkin(c.who);
        const code = await call(emulator, COMMITTEE, 'activity', 'checkinCode', { activityId });
        const res = await call(emulator, neighbours[c.who], 'activity', 'checkin', { activityId, token: code.data.token });
        got = res.ok ? 'ok' : res.error.code;
      } else if (c.kind === 'advance') {
        model.elapsed += c.hours;
        await age(emulator, 'activities', activityId, ['startAt', 'endAt', 'signupOpensAt', 'signupClosesAt'], c.hours * HOUR);
        await age(emulator, 'council_meetings', meetingId, ['startAt', 'endAt'], c.hours * HOUR);
      } else {
        want = model.publish();
        const res = await call(emulator, COMMITTEE, 'council', 'publishMinutes', { meetingId, text: '与会居民同意分两批清理楼道堆物，物业配合清运。' });
        got = res.ok ? 'ok' : res.error.code;
      }
      const [meeting] = (await call(emulator, 'demo-visitor-1', 'council', 'meetings', { topicId })).data.items;
      const { topic } = (await call(emulator, COMMITTEE, 'council', 'topic', { topicId })).data;
      const seen = { answer: got, attendees: meeting.minutes?.attendees ?? null, stage: topic.stage };
      const expected = { answer: want, attendees: model.minutes, stage: 'deliberating' };
      expectAgrees(seen, expected, log);
    }
  }

  modelRuns(run, { title: 'minutes too early, two of three sign in, minutes count two and are published once', commands: EXAMPLE }, { command, length: [8, 16], seed: SEED, runs: RUNS });
});
