import { Emulator } from '../../emulator/app';
import { seedDemo } from '../../scripts/demo/seed-store';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, activityDoc, publish, signupDocs } from './activity-fixtures';
import { okCall } from './neighbourhood';

/**
 * The promises a busy signup must keep. Two hundred neighbours tap "报名" for fifty seats at the
 * same moment, some of them twice on a weak signal: the activity is never over-filled, nobody holds
 * two places, the waitlist is served first come first served, and a committee approving everyone
 * at once still confirms exactly as many as there are seats.
 */

const RESIDENTS = Array.from({ length: 200 }, (_, i) => `demo-resident-${i + 1}`);
/** 30% of them: their phone sends the same signup twice at once, with the same idempotency key. */
const DOUBLE_TAPPERS = new Set(RESIDENTS.filter((_, i) => i % 10 < 3));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the mini-program does with an idempotency key: on CONFLICT ("still being processed") it waits and asks again. */
async function signupUntilAnswered(emulator: Emulator, openid: string, activityId: string, key: string): Promise<any> {
  for (let attempt = 0; ; attempt++) {
    const res = await call(emulator, openid, 'activity', 'signup', { activityId, answers: {} }, key);
    if (res.ok || res.error?.code !== 'CONFLICT' || attempt > 200) return res;
    await sleep(20);
  }
}

/** One neighbourhood of 200 residents for the file: each story has its own activities, and the functions stay warm. */
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startApp({ seed: false });
  await seedDemo(emulator.db, { residents: 200 });
});
afterAll(() => emulator.close());

describe('200 neighbours sign up at once for 50 seats (auto approval), 30% of them tapping twice', () => {
  let activityId: string;
  const answers = new Map<string, any[]>();
  const samples: { confirmed: number; seatsLeft: number }[] = [];
  /** The activity document as stored, looked at between any two database requests of the rush. */
  const stored: { confirmed: number; seatsLeft: number }[] = [];

  beforeAll(async () => {
    activityId = await publish(emulator, { capacity: 50 });

    let running = true;
    // The committee keeps the activity page open while the signups pour in.
    const sampler = (async () => {
      while (running) {
        const res = await call(emulator, COMMITTEE, 'activity', 'get', { activityId });
        if (res.ok) samples.push({ confirmed: res.data.activity.confirmed, seatsLeft: res.data.activity.seatsLeft });
        await sleep(5);
      }
    })();
    // The committee's page only gets a worker between signups; the store itself is looked at all along.
    const watcher = (async () => {
      while (running) {
        const doc = activityDoc(emulator, activityId);
        stored.push({ confirmed: doc.confirmed, seatsLeft: doc.seatsLeft });
        await sleep(1);
      }
    })();
    await Promise.all(
      RESIDENTS.map(async (openid) => {
        const key = `signup-${openid}`;
        const taps = DOUBLE_TAPPERS.has(openid) ? 2 : 1;
        answers.set(openid, await Promise.all(Array.from({ length: taps }, () => signupUntilAnswered(emulator, openid, activityId, key))));
      }),
    );
    running = false;
    await Promise.all([sampler, watcher]);
  });

  it('every tap gets an answer: no call fails', () => {
    const failed = [...answers.values()].flat().filter((a) => !a.ok);
    expect(failed).toEqual([]);
    expect([...answers.values()].flat()).toHaveLength(200 + DOUBLE_TAPPERS.size);
  });

  it('exactly 50 are confirmed and 150 waitlisted, in the signups collection and in the answers', () => {
    const docs = signupDocs(emulator, activityId);
    expect(docs).toHaveLength(200);
    expect(docs.filter((s) => s.status === 'confirmed')).toHaveLength(50);
    expect(docs.filter((s) => s.status === 'waitlisted')).toHaveLength(150);
    const firstAnswers = [...answers.values()].map((a) => a[0].data.status);
    expect(firstAnswers.filter((s) => s === 'confirmed')).toHaveLength(50);
    expect(firstAnswers.filter((s) => s === 'waitlisted')).toHaveLength(150);
  });

  it('nobody holds two signups, however many times they tapped', () => {
    const docs = signupDocs(emulator, activityId);
    expect(new Set(docs.map((s) => s.openid)).size).toBe(200);
    expect(docs.map((s) => s.openid).sort()).toEqual([...RESIDENTS].sort());
  });

  it('the activity counts 50 confirmed seats, the same as the confirmed signups, and never showed more', () => {
    const doc = activityDoc(emulator, activityId);
    expect(doc.confirmed).toBe(50);
    expect(doc.confirmed).toBe(signupDocs(emulator, activityId, { status: 'confirmed' }).length);
    expect(samples.length).toBeGreaterThan(0);
    expect(stored.length).toBeGreaterThan(3);
    for (const sample of [...samples, ...stored]) {
      expect(sample.confirmed).toBeLessThanOrEqual(50);
      expect(sample.seatsLeft).toBeGreaterThanOrEqual(0);
      expect(sample.seatsLeft).toBe(50 - sample.confirmed);
    }
    // The counter only ever went up while people signed up: no seat was taken twice and given back.
    for (const series of [samples, stored]) {
      const seen = series.map((s) => s.confirmed);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  });

  it('a double tap answers both taps with the same signup: same id, same status', () => {
    expect(DOUBLE_TAPPERS.size).toBe(60);
    for (const openid of DOUBLE_TAPPERS) {
      const [first, twin] = answers.get(openid)!;
      expect({ openid, id: twin.data.id, status: twin.data.status }).toEqual({ openid, id: first.data.id, status: first.data.status });
      expect(twin.data).toEqual(first.data);
    }
  });

  it('the waitlist positions answered are 1 to 150 with no gaps or repeats, once the rush is over', async () => {
    const positions = await Promise.all(
      signupDocs(emulator, activityId, { status: 'waitlisted' }).map(async (s) => (await okCall(emulator, s.openid, 'activity', 'get', { activityId })).mySignups[0].waitlistPosition),
    );
    expect(positions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('a retry long after the rush still gets the first answer and changes nothing', async () => {
    const before = signupDocs(emulator, activityId);
    for (const openid of [...DOUBLE_TAPPERS].slice(0, 5)) {
      const again = await call(emulator, openid, 'activity', 'signup', { activityId, answers: {} }, `signup-${openid}`);
      expect(again).toEqual(answers.get(openid)![0]);
    }
    expect(signupDocs(emulator, activityId)).toEqual(before);
  });

  it('signing up again without the key (a second tap a minute later) returns the place already held', async () => {
    const holder = signupDocs(emulator, activityId, { status: 'confirmed' })[0];
    const again = await okCall(emulator, holder.openid, 'activity', 'signup', { activityId, answers: {} });
    expect(again).toMatchObject({ id: holder._id, status: 'confirmed' });
    expect(signupDocs(emulator, activityId)).toHaveLength(200);
  });

  it('when 5 confirmed people cancel, the 5 earliest on the waitlist are confirmed, one after another in order', async () => {
    const waitlist = signupDocs(emulator, activityId, { status: 'waitlisted' }).map((s) => s._id);
    const leaving = signupDocs(emulator, activityId, { status: 'confirmed' }).slice(10, 15);
    for (const [i, signup] of leaving.entries()) {
      const cancelled = await okCall(emulator, signup.openid, 'activity', 'cancel', { signupId: signup._id });
      expect(cancelled.status).toBe('cancelled');
      const confirmedNow = signupDocs(emulator, activityId, { status: 'confirmed' }).map((s) => s._id);
      // Exactly the next one in line moved up, nobody else.
      expect(waitlist.slice(0, i + 1).every((id) => confirmedNow.includes(id))).toBe(true);
      expect(waitlist.slice(i + 1).some((id) => confirmedNow.includes(id))).toBe(false);
      expect(activityDoc(emulator, activityId).confirmed).toBe(50);
    }
    expect(signupDocs(emulator, activityId, { status: 'waitlisted' }).map((s) => s._id)).toEqual(waitlist.slice(5));
    // The promoted see it on the activity page; the new head of the waitlist is now first in line.
    const promoted = signupDocs(emulator, activityId).find((s) => s._id === waitlist[0]);
    expect((await okCall(emulator, promoted.openid, 'activity', 'get', { activityId })).mySignups[0]).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    const next = signupDocs(emulator, activityId).find((s) => s._id === waitlist[5]);
    expect((await okCall(emulator, next.openid, 'activity', 'get', { activityId })).mySignups[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('the committee cannot cut the seats below the 50 already confirmed: refused, nothing changes', async () => {
    const before = { activity: activityDoc(emulator, activityId), signups: signupDocs(emulator, activityId) };
    const res = await call(emulator, COMMITTEE, 'activity', 'update', { activityId, fields: { capacity: 40 } });
    expect(res).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '已有 50 个名额确认，名额不能少于这个数' } });
    expect({ activity: activityDoc(emulator, activityId), signups: signupDocs(emulator, activityId) }).toEqual(before);
  });

  it('raising the seats from 50 to 53 confirms the next 3 on the waitlist, in order', async () => {
    const waitlist = signupDocs(emulator, activityId, { status: 'waitlisted' }).map((s) => s._id);
    const updated = await okCall(emulator, COMMITTEE, 'activity', 'update', { activityId, fields: { capacity: 53 } });
    expect(updated).toMatchObject({ capacity: 53, confirmed: 53, seatsLeft: 0 });
    const confirmedNow = signupDocs(emulator, activityId, { status: 'confirmed' }).map((s) => s._id);
    expect(confirmedNow).toHaveLength(53);
    expect(waitlist.slice(0, 3).every((id) => confirmedNow.includes(id))).toBe(true);
    expect(signupDocs(emulator, activityId, { status: 'waitlisted' }).map((s) => s._id)).toEqual(waitlist.slice(3));
    expect(activityDoc(emulator, activityId).confirmed).toBe(53);
  });

  describe('with committee approval', () => {
    let reviewed: string;
    const results: any[] = [];

    beforeAll(async () => {
      reviewed = await publish(emulator, { capacity: 50, approval: 'committee', title: '康养讲座：老年人防跌倒' });
      await Promise.all(RESIDENTS.map((openid) => okCall(emulator, openid, 'activity', 'signup', { activityId: reviewed, answers: {} }, `review-signup-${openid}`)));
    });

    it('200 signups at once are all pending: nobody is confirmed before the committee decides', () => {
      const docs = signupDocs(emulator, reviewed);
      expect(docs).toHaveLength(200);
      expect(docs.every((s) => s.status === 'pending')).toBe(true);
      expect(activityDoc(emulator, reviewed).confirmed).toBe(0);
    });

    it('"approve all" in batches of 100, oldest first, confirms exactly the 50 oldest; the rest stay pending with 名额已满', async () => {
      // The committee's list (the roster, in signup order) cut into pages of at most 100.
      const queue = signupDocs(emulator, reviewed).map((s) => s._id);
      for (let i = 0; i < queue.length; i += 100) {
        // The page's order does not matter: review decides oldest first.
        const batch = queue.slice(i, i + 100).reverse();
        const answer = await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: reviewed, signupIds: batch, decision: 'approve' });
        results.push(...answer.results);
        expect(answer).toMatchObject({ confirmed: 50, seatsLeft: 0 });
      }
      expect(results).toHaveLength(200);
      expect(results.map((r) => r.signupId)).toEqual(queue);
      expect(results.slice(0, 50).every((r) => r.status === 'confirmed' && r.message === null)).toBe(true);
      for (const r of results.slice(50)) expect(r).toEqual({ signupId: r.signupId, status: 'pending', message: '名额已满，仍为待审核' });

      const docs = signupDocs(emulator, reviewed);
      expect(docs.filter((s) => s.status === 'confirmed').map((s) => s._id)).toEqual(queue.slice(0, 50));
      expect(docs.filter((s) => s.status === 'pending')).toHaveLength(150);
      expect(activityDoc(emulator, reviewed).confirmed).toBe(50);
    });

    it('two committee members pressing "approve all" at the same moment still confirm no more than the seats', async () => {
      const rush = await publish(emulator, { capacity: 30, approval: 'committee', title: '文化友邻读书会' });
      const people = RESIDENTS.slice(0, 100);
      await Promise.all(people.map((openid) => okCall(emulator, openid, 'activity', 'signup', { activityId: rush, answers: {} })));
      const queue = signupDocs(emulator, rush).map((s) => s._id);
      const [mine, theirs] = await Promise.all([
        okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: rush, signupIds: queue, decision: 'approve' }),
        okCall(emulator, 'demo-admin', 'activity', 'review', { activityId: rush, signupIds: [...queue].reverse(), decision: 'approve' }),
      ]);
      const confirmedBy = [...mine.results, ...theirs.results].filter((r) => r.status === 'confirmed' && r.message === null).map((r) => r.signupId);
      expect(new Set(confirmedBy).size).toBe(30);
      expect(confirmedBy).toHaveLength(30);
      expect(signupDocs(emulator, rush, { status: 'confirmed' })).toHaveLength(30);
      expect(activityDoc(emulator, rush).confirmed).toBe(30);
    });
  });
});

describe('the waitlist is served first even while newcomers keep signing up', () => {
  it('5 confirmed neighbours cancel at the very moment 10 newcomers sign up: the 5 seats go to the 5 earliest waitlisted, the newcomers wait', async () => {
    for (let round = 0; round < 3; round++) {
      const activityId = await publish(emulator, { capacity: 5, title: `抢名额活动${round}` });
      const people = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `demo-resident-${from + i}`);
      for (const openid of people(1, 10)) await okCall(emulator, openid, 'activity', 'signup', { activityId, answers: {} });
      const waiting = signupDocs(emulator, activityId, { status: 'waitlisted' }).map((s) => s.openid);
      expect(waiting).toEqual(people(6, 10));
      await Promise.all([
        ...signupDocs(emulator, activityId, { status: 'confirmed' }).map((s) => okCall(emulator, s.openid, 'activity', 'cancel', { signupId: s._id })),
        ...people(11, 20).map((openid) => okCall(emulator, openid, 'activity', 'signup', { activityId, answers: {} })),
      ]);
      expect(
        signupDocs(emulator, activityId, { status: 'confirmed' })
          .map((s) => s.openid)
          .sort(),
      ).toEqual([...waiting].sort());
      expect(
        signupDocs(emulator, activityId, { status: 'waitlisted' })
          .map((s) => s.openid)
          .sort(),
      ).toEqual(people(11, 20).sort());
      expect(activityDoc(emulator, activityId).confirmed).toBe(5);
    }
  });
});
