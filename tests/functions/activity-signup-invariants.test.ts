import { Emulator } from '../../emulator/app';
import { seedDemo } from '../../emulator/seed';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, activityDoc, activityFields, publish, signupDocs } from './activity-fixtures';
import { addOtherCommunity, everything, okCall } from './neighbourhood';

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

describe('200 neighbours sign up at once for 50 seats (auto approval), 30% of them tapping twice', () => {
  let emulator: Emulator;
  let activityId: string;
  const answers = new Map<string, any[]>();
  const samples: { confirmed: number; seatsLeft: number }[] = [];
  /** The activity document as stored, looked at between any two database requests of the rush. */
  const stored: { confirmed: number; seatsLeft: number }[] = [];

  beforeAll(async () => {
    emulator = await startApp({ seed: false });
    await seedDemo(emulator.db, { residents: 200 });
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
  afterAll(() => emulator.close());

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
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

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
      expect(signupDocs(emulator, activityId, { status: 'confirmed' }).map((s) => s.openid).sort()).toEqual([...waiting].sort());
      expect(signupDocs(emulator, activityId, { status: 'waitlisted' }).map((s) => s.openid).sort()).toEqual(people(11, 20).sort());
      expect(activityDoc(emulator, activityId).confirmed).toBe(5);
    }
  });
});

describe('signups that must be refused, with a clear code and nothing written', () => {
  let emulator: Emulator;
  const HOUR = 3600_000;
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();

  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
  });
  afterAll(() => emulator.close());

  /** Signs `openid` up and checks the answer is `error` and that no collection changed. */
  async function refused(openid: string, data: Record<string, unknown>, error: { code: string; message: string }): Promise<void> {
    const before = everything(emulator);
    const res = await call(emulator, openid, 'activity', 'signup', { answers: {}, ...data }, `refused-${Math.random().toString(36).slice(2, 12)}`);
    expect(res).toEqual({ ok: false, error });
    expect(everything(emulator)).toEqual(before);
  }

  it('before signup opens: FAILED_PRECONDITION 报名还没有开始', async () => {
    const activityId = await publish(emulator, { signupOpensAt: at(HOUR), signupClosesAt: at(24 * HOUR) });
    await refused('demo-resident-1', { activityId }, { code: 'FAILED_PRECONDITION', message: '报名还没有开始' });
  });

  it('after signup closed (the activity not started yet): FAILED_PRECONDITION 报名已经截止', async () => {
    const activityId = await publish(emulator, { signupOpensAt: at(-48 * HOUR), signupClosesAt: at(-HOUR) });
    await refused('demo-resident-1', { activityId }, { code: 'FAILED_PRECONDITION', message: '报名已经截止' });
  });

  it('after the activity started: FAILED_PRECONDITION 活动已经开始，不能再报名', async () => {
    const activityId = await publish(emulator, { signupOpensAt: at(-48 * HOUR), signupClosesAt: at(-2 * HOUR), startAt: at(-HOUR), endAt: at(HOUR) });
    await refused('demo-resident-1', { activityId }, { code: 'FAILED_PRECONDITION', message: '活动已经开始，不能再报名' });
  });

  it('for a cancelled activity: FAILED_PRECONDITION 活动已取消', async () => {
    const activityId = await publish(emulator);
    await okCall(emulator, COMMITTEE, 'activity', 'cancelActivity', { activityId, reason: '台风预警，活动取消' });
    await refused('demo-resident-1', { activityId }, { code: 'FAILED_PRECONDITION', message: '活动已取消' });
  });

  it('an activity for grid 2 refuses a grid-1 resident (PERMISSION_DENIED) and takes a grid-2 resident', async () => {
    const activityId = await publish(emulator, { audience: { kind: 'grids', ids: ['demo-grid-2'] } });
    await refused('demo-resident-1', { activityId }, { code: 'PERMISSION_DENIED', message: '这个活动只面向部分楼组或网格的居民' });
    expect(await okCall(emulator, 'demo-resident-3', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'confirmed' });
  });

  it('an activity for building 2 refuses a building-1 resident (PERMISSION_DENIED) and takes a building-2 resident', async () => {
    const activityId = await publish(emulator, { audience: { kind: 'buildings', ids: ['demo-building-2'] } });
    await refused('demo-resident-1', { activityId }, { code: 'PERMISSION_DENIED', message: '这个活动只面向部分楼组或网格的居民' });
    expect(await okCall(emulator, 'demo-resident-2', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'confirmed' });
  });

  it('a community activity refuses a visitor not yet bound to a building, telling them to bind first', async () => {
    const activityId = await publish(emulator);
    await refused('demo-visitor-1', { activityId }, { code: 'PERMISSION_DENIED', message: '请先绑定楼组，再报名本社区活动' });
  });

  it("a community activity refuses a resident of the neighbouring community, saying it is for this community's residents", async () => {
    const activityId = await publish(emulator);
    await refused('other-resident-1', { activityId }, { code: 'PERMISSION_DENIED', message: '这个活动只面向本居民区的居民' });
  });

  it('a public activity takes the visitor too', async () => {
    const activityId = await publish(emulator, { audience: { kind: 'public' } });
    expect(await okCall(emulator, 'demo-visitor-1', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'confirmed' });
  });

  it('a shift the activity does not have: NOT_FOUND 没有找到这个岗位', async () => {
    const shift = { role: '秩序维护', startAt: at(47 * HOUR), endAt: at(50 * HOUR), capacity: 3, hours: 3 };
    const withShift = await publish(emulator, { shifts: [shift] });
    await refused('demo-volunteer-1', { activityId: withShift, shiftId: 's9' }, { code: 'NOT_FOUND', message: '没有找到这个岗位' });
    const withoutShifts = await publish(emulator);
    await refused('demo-volunteer-1', { activityId: withoutShifts, shiftId: 's1' }, { code: 'NOT_FOUND', message: '没有找到这个岗位' });
    expect(await okCall(emulator, 'demo-volunteer-1', 'activity', 'signup', { activityId: withShift, shiftId: 's1', answers: {} })).toMatchObject({ status: 'confirmed', shiftId: 's1' });
  });

  it('an activity that does not exist: NOT_FOUND', async () => {
    await refused('demo-resident-1', { activityId: 'no-such-activity' }, { code: 'NOT_FOUND', message: '没有找到这个活动' });
  });

  it("cancelling a signup that does not exist, or a neighbour's, is NOT_FOUND and frees no seat", async () => {
    const activityId = await publish(emulator);
    const theirs = await okCall(emulator, 'demo-resident-9', 'activity', 'signup', { activityId, answers: {} });
    for (const signupId of ['no-such-signup', theirs.id]) {
      const before = everything(emulator);
      expect(await call(emulator, 'demo-resident-10', 'activity', 'cancel', { signupId })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到你的这条报名' } });
      expect(everything(emulator)).toEqual(before);
    }
    expect(activityDoc(emulator, activityId).confirmed).toBe(1);
  });

  describe('answers that break the form: INVALID_ARGUMENT naming what to fix', () => {
    let activityId: string;
    beforeAll(async () => {
      activityId = await publish(emulator, { form: { phone: 'required', companionsMax: 2, note: 'off' } });
    });

    it.each([
      ['no phone where the form requires one', {}, '请填写手机号'],
      ['a phone that is not a mobile number', { phone: '021-5555' }, '请填写 11 位手机号'],
      ['three companions where at most two may come', { phone: '13800001234', companions: 3 }, '最多带 2 位同伴'],
      ['a note where the form has none', { phone: '13800001234', note: '我带轮椅' }, '这个活动不需要填写备注'],
      ['a field the form does not know', { phone: '13800001234', seat: 'A1' }, '不认识的字段：seat'],
    ])('%s', async (_what, answers, message) => {
      await refused('demo-resident-5', { activityId, answers }, { code: 'INVALID_ARGUMENT', message });
    });

    it('a companion is refused where the form takes none', async () => {
      const solo = await publish(emulator);
      await refused('demo-resident-5', { activityId: solo, answers: { companions: 1 } }, { code: 'INVALID_ARGUMENT', message: '这个活动不能带同伴' });
    });

    it('the same answers done right are taken, holding a seat for each companion', async () => {
      const signup = await okCall(emulator, 'demo-resident-5', 'activity', 'signup', { activityId, answers: { phone: '13800001234', companions: 2 } });
      expect(signup).toMatchObject({ status: 'confirmed', seats: 3 });
      expect(activityDoc(emulator, activityId).confirmed).toBe(3);
    });
  });

  it('a party bigger than the seats left waits on the list while a smaller one behind it gets the last seat', async () => {
    const activityId = await publish(emulator, { capacity: 2, form: { phone: 'off', companionsMax: 1, note: 'off' } });
    const first = await okCall(emulator, 'demo-resident-6', 'activity', 'signup', { activityId, answers: {} });
    const pair = await okCall(emulator, 'demo-resident-7', 'activity', 'signup', { activityId, answers: { companions: 1 } });
    const single = await okCall(emulator, 'demo-resident-8', 'activity', 'signup', { activityId, answers: {} });
    expect([first.status, pair.status, single.status]).toEqual(['confirmed', 'waitlisted', 'confirmed']);
    expect(activityDoc(emulator, activityId).confirmed).toBe(2);
  });
});

// Keep the fixture's default in sight: these stories assume the activity opens for signup now.
test('the test activity is open for signup now and starts later', () => {
  const f = activityFields();
  expect(new Date(f.signupOpensAt).getTime()).toBeLessThan(Date.now());
  expect(new Date(f.signupClosesAt).getTime()).toBeGreaterThan(Date.now());
  expect(new Date(f.startAt).getTime()).toBeGreaterThan(new Date(f.signupClosesAt).getTime());
});
