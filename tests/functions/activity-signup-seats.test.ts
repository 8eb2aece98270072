import { Emulator } from '../../emulator/app';
import { holderKeyOf } from '../../server/repositories/activity-seats';
import { liveKeyOf } from '../../server/repositories/signups';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, activityDoc, expectSeatsConsistent, publish, signupDocs } from './activity-fixtures';
import { okCall } from './neighbourhood';

/**
 * A signup takes its seats with one conditional update on the activity and then writes the signup;
 * the activity records who holds seats (`holders`). These are the stories around that: the same
 * person calling at once, a retry after they cancelled, a call that died between its two writes,
 * an activity published before the counters it now keeps. After each, the counters must agree with
 * the confirmed signups and every holder must be a confirmed signup.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MINUTE = 60_000;

/** The mini-program's way: on CONFLICT ("still being processed") it waits and asks again. */
async function signupUntilAnswered(emulator: Emulator, openid: string, data: Record<string, unknown>, key?: string): Promise<any> {
  for (let attempt = 0; ; attempt++) {
    const res = await call(emulator, openid, 'activity', 'signup', { answers: {}, ...data }, key);
    if (res.ok || res.error?.code !== 'CONFLICT' || attempt > 200) return res;
    await sleep(20);
  }
}

/** What a call that died right after taking seats leaves behind: the seats taken, a holder, no signup. */
async function leaveOrphan(emulator: Emulator, activityId: string, openid: string, at: Date, shift?: { id: string; index: number }): Promise<void> {
  const key = holderKeyOf(liveKeyOf(activityId, shift?.id ?? null, openid));
  const base = shift ? `shifts.${shift.index}.` : '';
  const holder = { id: `died${Math.random().toString(16).slice(2, 14)}`, seats: 1, at, ...(shift ? { shiftId: shift.id } : {}) };
  await emulator.db.update(
    'activities',
    { _id: activityId },
    { $inc: { [`${base}confirmed`]: 1, [`${base}seatsLeft`]: -1 }, $set: { [`holders.${key}`]: holder } },
    { multi: false, merge: true, upsert: false },
  );
}

/** Fires the timer; answers the envelope the function returned. */
async function reconcile(emulator: Emulator): Promise<any> {
  const run = await emulator.host.fireTimer('activity', 'reconcileSeats');
  if (!run.ok) throw new Error(run.message);
  return run.result;
}

describe('seats taken in one conditional update', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('one person tapping five times at once, without a key or with five different keys, holds one seat', async () => {
    const activityId = await publish(emulator, { capacity: 2 });
    const [plain, keyed] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => signupUntilAnswered(emulator, 'demo-resident-1', { activityId }))),
      Promise.all(Array.from({ length: 5 }, (_, i) => signupUntilAnswered(emulator, 'demo-resident-2', { activityId }, `five-keys-${i}-0000`))),
    ]);
    for (const answers of [plain, keyed]) {
      expect(answers.every((a) => a.ok)).toBe(true);
      expect(new Set(answers.map((a) => a.data.id)).size).toBe(1);
      expect(answers.every((a) => a.data.status === 'confirmed')).toBe(true);
    }
    expect(signupDocs(emulator, activityId)).toHaveLength(2);
    expectSeatsConsistent(emulator, activityId);
    expect(await okCall(emulator, 'demo-resident-3', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('a waitlisted couple asking again alone, while one seat is free, keeps their place on the list and the seat stays free', async () => {
    const activityId = await publish(emulator, { capacity: 2, form: { phone: 'off', companionsMax: 1, note: 'off' } });
    await okCall(emulator, 'demo-resident-1', 'activity', 'signup', { activityId, answers: {} });
    const couple = await okCall(emulator, 'demo-resident-2', 'activity', 'signup', { activityId, answers: { companions: 1 } });
    expect(couple).toMatchObject({ status: 'waitlisted', seats: 2 });
    // The single seat left is taken for a moment, their waitlisted signup found, the seat given back.
    const again = await okCall(emulator, 'demo-resident-2', 'activity', 'signup', { activityId, answers: {} });
    expect(again).toMatchObject({ id: couple.id, status: 'waitlisted', waitlistPosition: 1 });
    expect(activityDoc(emulator, activityId)).toMatchObject({ confirmed: 1, seatsLeft: 1 });
    expectSeatsConsistent(emulator, activityId);
  });

  it('a retry with the first key after cancelling gets the first answer again and takes no seat', async () => {
    const activityId = await publish(emulator, { capacity: 1 });
    const first = await call(emulator, 'demo-resident-4', 'activity', 'signup', { activityId, answers: {} }, 'retry-after-cancel-1');
    expect(first.data.status).toBe('confirmed');
    const next = await okCall(emulator, 'demo-resident-5', 'activity', 'signup', { activityId, answers: {} });
    expect(next.status).toBe('waitlisted');
    await okCall(emulator, 'demo-resident-4', 'activity', 'cancel', { signupId: first.data.id });
    const retry = await call(emulator, 'demo-resident-4', 'activity', 'signup', { activityId, answers: {} }, 'retry-after-cancel-1');
    expect(retry).toEqual(first);
    expect(signupDocs(emulator, activityId).map((s) => [s.openid, s.status])).toEqual([
      ['demo-resident-4', 'cancelled'],
      ['demo-resident-5', 'confirmed'],
    ]);
    expectSeatsConsistent(emulator, activityId);
  });

  it('after a call died between taking a seat and writing the signup, the same person is asked to wait, then gets the seat once it is clearly abandoned', async () => {
    const activityId = await publish(emulator, { capacity: 2 });
    await leaveOrphan(emulator, activityId, 'demo-resident-6', new Date());
    expect(await call(emulator, 'demo-resident-6', 'activity', 'signup', { activityId, answers: {} })).toEqual({ ok: false, error: { code: 'CONFLICT', message: '上一次报名还在处理中，请稍候' } });
    // A minute later nothing will write that signup any more: its seat goes back and they take one anew.
    await emulator.db.update(
      'activities',
      { _id: activityId },
      { $set: { [`holders.${holderKeyOf(liveKeyOf(activityId, null, 'demo-resident-6'))}.at`]: new Date(Date.now() - 2 * MINUTE) } },
      { multi: false, merge: true, upsert: false },
    );
    expect(await okCall(emulator, 'demo-resident-6', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'confirmed' });
    expect(activityDoc(emulator, activityId)).toMatchObject({ confirmed: 1, seatsLeft: 1 });
    expectSeatsConsistent(emulator, activityId);
  });

  it('the reconcileSeats timer gives back the seats of calls that died, to the first on the waitlist, and leaves calls still running alone', async () => {
    const shift = { role: '秩序维护', startAt: new Date(Date.now() + 47 * 3600_000).toISOString(), endAt: new Date(Date.now() + 49 * 3600_000).toISOString(), capacity: 1, hours: 2 };
    const activityId = await publish(emulator, { capacity: 1, shifts: [shift] });
    const running = await publish(emulator, { capacity: 1 });
    await leaveOrphan(emulator, activityId, 'demo-resident-7', new Date(Date.now() - 2 * MINUTE));
    await leaveOrphan(emulator, activityId, 'demo-volunteer-2', new Date(Date.now() - 2 * MINUTE), { id: 's1', index: 0 });
    await leaveOrphan(emulator, running, 'demo-resident-7', new Date());
    const waiting = await okCall(emulator, 'demo-resident-8', 'activity', 'signup', { activityId, answers: {} });
    const volunteer = await okCall(emulator, 'demo-volunteer-1', 'activity', 'signup', { activityId, shiftId: 's1', answers: {} });
    expect([waiting.status, volunteer.status]).toEqual(['waitlisted', 'waitlisted']);

    const run = await reconcile(emulator);
    expect(run).toMatchObject({ ok: true, data: { released: 2, promoted: 2 } });
    expect(signupDocs(emulator, activityId).map((s) => [s.openid, s.shiftId, s.status])).toEqual([
      ['demo-resident-8', null, 'confirmed'],
      ['demo-volunteer-1', 's1', 'confirmed'],
    ]);
    expectSeatsConsistent(emulator, activityId);
    // The call on the other activity may still write its signup: its seat stays taken.
    expect(activityDoc(emulator, running)).toMatchObject({ confirmed: 1, seatsLeft: 0 });
    // Running it again changes nothing.
    const before = activityDoc(emulator, activityId);
    expect(await reconcile(emulator)).toMatchObject({ ok: true, data: { released: 0, promoted: 0 } });
    expect(activityDoc(emulator, activityId)).toEqual(before);
  });

  it('a waitlisted signup written just as a seat came free is confirmed at the next timer run', async () => {
    const activityId = await publish(emulator, { capacity: 1 });
    const taken = await okCall(emulator, 'demo-resident-9', 'activity', 'signup', { activityId, answers: {} });
    // The seat is freed (nobody waiting) while a newcomer's waitlisted signup is on its way.
    await okCall(emulator, 'demo-resident-9', 'activity', 'cancel', { signupId: taken.id });
    await emulator.db.insert('signups', [
      {
        _id: 'late-waitlisted-0001',
        activityId,
        shiftId: null,
        communityId: 'demo-community',
        openid: 'demo-resident-10',
        status: 'waitlisted',
        liveKey: liveKeyOf(activityId, null, 'demo-resident-10'),
        answers: { phone: null, companions: 0, note: null },
        seats: 1,
        reason: null,
        createdAt: new Date(),
        decidedAt: null,
        checkinAt: null,
        checkoutAt: null,
        hours: null,
        firstAnswer: { status: 'waitlisted', waitlistPosition: 1 },
      },
    ]);
    expect(await reconcile(emulator)).toMatchObject({ ok: true, data: { promoted: 1 } });
    expect(signupDocs(emulator, activityId, { status: 'confirmed' }).map((s) => s._id)).toEqual(['late-waitlisted-0001']);
    expectSeatsConsistent(emulator, activityId);
  });

  it('a cancellation that died between its writes is finished by the reconcileSeats timer: the seat goes to the first waitlisted', async () => {
    const merge = { multi: false, merge: true, upsert: false };
    const longAgo = new Date(Date.now() - 3 * 3600_000);
    const ended = new Date(Date.now() - 2 * MINUTE);
    const keyOf = (activityId: string, openid: string) => `holders.${holderKeyOf(liveKeyOf(activityId, null, openid))}`;
    const pair = async () => {
      const activityId = await publish(emulator, { capacity: 1 });
      const gone = await okCall(emulator, 'demo-resident-17', 'activity', 'signup', { activityId, answers: {} });
      expect((await okCall(emulator, 'demo-resident-18', 'activity', 'signup', { activityId, answers: {} })).status).toBe('waitlisted');
      await emulator.db.update('signups', { _id: gone.id }, { $set: { status: 'cancelled', decidedAt: ended, liveKey: `dead|${gone.id}` } }, merge);
      return { activityId, gone: gone.id };
    };
    // Died after ending the signup: its seat is still held, on an activity unchanged for hours.
    const a = await pair();
    await emulator.db.update('activities', { _id: a.activityId }, { $set: { updatedAt: longAgo, [`${keyOf(a.activityId, 'demo-resident-17')}.at`]: longAgo } }, merge);
    // Died after handing the seat on: the first waitlisted holds it, their signup still waitlisted.
    const b = await pair();
    const handed = { id: signupDocs(emulator, b.activityId, { status: 'waitlisted' })[0]._id, seats: 1, at: ended };
    await emulator.db.update('activities', { _id: b.activityId }, { $unset: { [keyOf(b.activityId, 'demo-resident-17')]: '' }, $set: { [keyOf(b.activityId, 'demo-resident-18')]: handed } }, merge);

    await reconcile(emulator);
    for (const { activityId } of [a, b]) {
      expect(signupDocs(emulator, activityId).map((s) => [s.openid, s.status])).toEqual([
        ['demo-resident-17', 'cancelled'],
        ['demo-resident-18', 'confirmed'],
      ]);
      expectSeatsConsistent(emulator, activityId);
    }
  });

  it('a cancellation ended under a minute ago is left to its own call: the timer does not give its seat back', async () => {
    const activityId = await publish(emulator, { capacity: 1 });
    const mine = await okCall(emulator, 'demo-resident-19', 'activity', 'signup', { activityId, answers: {} });
    const key = `holders.${holderKeyOf(liveKeyOf(activityId, null, 'demo-resident-19'))}`;
    await emulator.db.update('signups', { _id: mine.id }, { $set: { status: 'cancelled', decidedAt: new Date(), liveKey: `dead|${mine.id}` } }, { multi: false, merge: true, upsert: false });
    await emulator.db.update('activities', { _id: activityId }, { $set: { [`${key}.at`]: new Date(Date.now() - 2 * MINUTE) } }, { multi: false, merge: true, upsert: false });
    await reconcile(emulator);
    expect(activityDoc(emulator, activityId)).toMatchObject({ confirmed: 1, seatsLeft: 0 });
  });

  it('a seat freed while this instance last saw the activity full goes to the next signup', async () => {
    const activityId = await publish(emulator, { capacity: 1 });
    const holder = await okCall(emulator, 'demo-resident-11', 'activity', 'signup', { activityId, answers: {} });
    const waiting = await okCall(emulator, 'demo-resident-12', 'activity', 'signup', { activityId, answers: {} });
    expect(waiting.status).toBe('waitlisted');
    await okCall(emulator, 'demo-resident-12', 'activity', 'cancel', { signupId: waiting.id });
    await okCall(emulator, 'demo-resident-11', 'activity', 'cancel', { signupId: holder.id });
    expect(await okCall(emulator, 'demo-resident-13', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'confirmed' });
    expectSeatsConsistent(emulator, activityId);
  });

  it('an activity published before seatsLeft and holders were kept gets them on its first signup, and stays exact', async () => {
    const activityId = await publish(emulator, {
      capacity: 2,
      shifts: [{ role: '引导', startAt: new Date(Date.now() + 47 * 3600_000).toISOString(), endAt: new Date(Date.now() + 49 * 3600_000).toISOString(), capacity: 1, hours: 2 }],
    });
    await emulator.db.update('activities', { _id: activityId }, { $unset: { seatsLeft: '', holders: '', 'shifts.0.seatsLeft': '' } }, { multi: false, merge: true, upsert: false });
    expect(await okCall(emulator, 'demo-resident-14', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'confirmed' });
    expect(await okCall(emulator, 'demo-volunteer-1', 'activity', 'signup', { activityId, shiftId: 's1', answers: {} })).toMatchObject({ status: 'confirmed' });
    expect(await okCall(emulator, 'demo-resident-15', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'confirmed' });
    expect(await okCall(emulator, 'demo-resident-16', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'waitlisted' });
    expect(activityDoc(emulator, activityId)).toMatchObject({ confirmed: 2, seatsLeft: 0, shifts: [expect.objectContaining({ confirmed: 1, seatsLeft: 0 })] });
    expectSeatsConsistent(emulator, activityId);
    const updated = await okCall(emulator, COMMITTEE, 'activity', 'update', { activityId, fields: { capacity: 3 } });
    expect(updated).toMatchObject({ capacity: 3, confirmed: 3, seatsLeft: 0 });
    expectSeatsConsistent(emulator, activityId);
  });
});
