import { Emulator } from '../../emulator/app';
import { ActivityDoc } from '../../server/repositories/activities';
import { call, startApp } from '../helpers/app';
import { HALL, HOUR, MINUTE, NEAR_HALL, ONE_KM_AWAY, ago, codeFor, fromNow, insertActivity, insertResidents, insertSignup, ledger, measured, shift, signupDoc } from './attendance-fixtures';
import { everything } from './neighbourhood';

/**
 * Volunteers check in and out by scanning the live code on the organiser's phone. The code dies in
 * 30 s, belongs to one activity (and shift), and cannot be made without the server's secret; each
 * scan only ever touches the scanner's own confirmed signup, once.
 */

const COMMITTEE = 'demo-committee';
const VOLUNTEER = 'demo-volunteer-1';

describe('checking in and out with the live code', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  const scan = (openid: string, action: 'checkin' | 'checkout', activityId: string, token: string, location?: unknown) =>
    call(emulator, openid, 'activity', action, { activityId, token, ...(location ? { location } : {}) });

  it('the organiser shows the code; a volunteer checks in on arrival and out on leaving; the hours land in the ledger', async () => {
    const activity = await insertActivity(emulator, { startAt: ago(2 * HOUR), endAt: fromNow(HOUR) });
    const signup = await insertSignup(emulator, activity, VOLUNTEER);

    const code = await call(emulator, COMMITTEE, 'activity', 'checkinCode', { activityId: activity._id });
    expect(code.ok).toBe(true);
    expect(code.data.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Date.parse(code.data.expiresAt) - Date.now()).toBeLessThanOrEqual(30_000);
    expect(code.data.refreshInSeconds).toBe(20);

    const scanned = Date.now();
    const arrived = await scan(VOLUNTEER, 'checkin', activity._id, code.data.token);
    expect(arrived).toMatchObject({ ok: true, data: { id: signup._id, status: 'confirmed', checkoutAt: null, hours: null } });
    // Stamped while the scan was on its way, however long that took.
    expect(Date.parse(arrived.data.checkinAt)).toBeGreaterThanOrEqual(scanned);
    expect(Date.parse(arrived.data.checkinAt)).toBeLessThanOrEqual(Date.now());

    // An hour and a half later (the clock cannot be moved, so the check-in is):
    await emulator.db.update('signups', { _id: signup._id }, { $set: { checkinAt: ago(90 * MINUTE) } }, { multi: false, merge: true, upsert: false });
    const left = await scan(VOLUNTEER, 'checkout', activity._id, codeFor(activity));
    expect(left).toMatchObject({ ok: true, data: { id: signup._id, hours: 1.5 } });
    expect(ledger(emulator, { signupId: signup._id })).toEqual([
      expect.objectContaining({ activityId: activity._id, shiftId: null, communityId: 'demo-community', openid: VOLUNTEER, hours: 1.5, points: 1.5 }),
    ]);
    expect(signupDoc(emulator, signup._id).checkoutDueAt).toBeUndefined();
  });

  it('a volunteer who arrives early checks in, but cannot check out before the start: the stay stays open for the hours to count', async () => {
    const activity = await insertActivity(emulator, { startAt: fromNow(30 * MINUTE), endAt: fromNow(150 * MINUTE) });
    const signup = await insertSignup(emulator, activity, 'demo-volunteer-3');
    expect((await scan('demo-volunteer-3', 'checkin', activity._id, codeFor(activity))).ok).toBe(true);
    const early = await scan('demo-volunteer-3', 'checkout', activity._id, codeFor(activity));
    expect(early).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '活动还没开始，开始后再扫码签退' } });
    expect(signupDoc(emulator, signup._id).checkoutAt).toBeNull();
    expect(ledger(emulator, { signupId: signup._id })).toEqual([]);
  });

  // 20 scans fit well inside the code's 30 s life even on a busy machine; `npm run bench` scans one code 100 times.
  it('one code scanned 20 times at once by the same volunteer: exactly one check-in, and every answer carries its time', async () => {
    const activity = await insertActivity(emulator);
    const signup = await insertSignup(emulator, activity, 'demo-volunteer-2');
    const token = codeFor(activity);
    const answers = await Promise.all(Array.from({ length: 20 }, () => scan('demo-volunteer-2', 'checkin', activity._id, token)));
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const times = new Set(answers.map((a) => a.data.checkinAt));
    expect(times.size).toBe(1);
    expect(signupDoc(emulator, signup._id).checkinAt.toISOString()).toBe([...times][0]);
  });

  it('the same code scanned by 30 different confirmed volunteers: 30 check-ins', async () => {
    const activity = await insertActivity(emulator);
    const volunteers = await insertResidents(emulator, 'crowd', 30);
    for (const openid of volunteers) await insertSignup(emulator, activity, openid);
    const token = codeFor(activity);
    const answers = await Promise.all(volunteers.map((openid) => scan(openid, 'checkin', activity._id, token)));
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    expect(answers.map((a) => a.data.openid).sort()).toEqual([...volunteers].sort());
    expect(emulator.db.count('signups', { activityId: activity._id, checkinAt: { $ne: null } })).toBe(30);
  });

  it('a check-in costs 2 database requests (the activity with my signups in one, the conditional write); a repeated one 1, a check-out 3 (the read, the hours into the ledger, the check-out onto the signup); each one more where an instance meets the caller first', async () => {
    const activity = await insertActivity(emulator);
    await insertSignup(emulator, activity, 'demo-volunteer-3');
    const checkin = await measured(emulator, 'demo-volunteer-3', 'checkin', { activityId: activity._id, token: codeFor(activity) });
    const again = await measured(emulator, 'demo-volunteer-3', 'checkin', { activityId: activity._id, token: codeFor(activity) });
    const checkout = await measured(emulator, 'demo-volunteer-3', 'checkout', { activityId: activity._id, token: codeFor(activity) });
    expect([checkin.res.ok, again.res.ok, checkout.res.ok]).toEqual([true, true, true]);
    // Up to 4 instances answer in turn: one that has not met the caller yet reads their user document too.
    const own = (m: { db: number }, budget: number) => (m.db === budget || m.db === budget + 1 ? 'within' : m.db);
    expect({ checkin: own(checkin, 2), repeated: own(again, 1), checkout: own(checkout, 3) }).toEqual({ checkin: 'within', repeated: 'within', checkout: 'within' });
  });

  describe('a code that is not right for this scan is refused, each way with its own code and message, and nothing changes', () => {
    const cases: [string, (a: ActivityDoc, b: ActivityDoc) => { activityId: string; token: string }, string, RegExp][] = [
      ['31 s old', (a) => ({ activityId: a._id, token: codeFor(a, { issuedAt: ago(31_000) }) }), 'FAILED_PRECONDITION', /签到码已过期/],
      ["activity A's, scanned at activity B", (a, b) => ({ activityId: b._id, token: codeFor(a) }), 'INVALID_ARGUMENT', /其他活动的签到码/],
      ['tampered with', (a) => ({ activityId: a._id, token: tamper(codeFor(a)) }), 'PERMISSION_DENIED', /签到码无效/],
      ['not a check-in code at all', (a) => ({ activityId: a._id, token: 'https://example.invalid/a-poster' }), 'PERMISSION_DENIED', /签到码无效/],
    ];
    it.each(cases)('a code %s', async (_what, make, code, message) => {
      const a = await insertActivity(emulator);
      const b = await insertActivity(emulator);
      await insertSignup(emulator, a, VOLUNTEER);
      await insertSignup(emulator, b, VOLUNTEER);
      const before = everything(emulator);
      const answer = await call(emulator, VOLUNTEER, 'activity', 'checkin', make(a, b));
      expect(answer).toEqual({ ok: false, error: { code, message: expect.stringMatching(message) } });
      expect(everything(emulator)).toEqual(before);
    });
  });

  it('at an activity with a place on the map, the scan must come from within its radius, and without a location it asks for one', async () => {
    const activity = await insertActivity(emulator, { place: { text: '居民区活动室', location: HALL, servicePointId: null }, checkinRadiusMetres: 500 });
    await insertSignup(emulator, activity, 'demo-resident-11');
    const token = codeFor(activity);
    expect(await scan('demo-resident-11', 'checkin', activity._id, token)).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/允许小程序使用你的位置/) } });
    expect(await scan('demo-resident-11', 'checkin', activity._id, token, ONE_KM_AWAY)).toEqual({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/约 9\d\d 米.*500 米内/) },
    });
    expect(await scan('demo-resident-11', 'checkin', activity._id, token, NEAR_HALL)).toMatchObject({ ok: true, data: { checkinAt: expect.any(String) } });
  });

  it("a shift's code checks in that shift's volunteers only; a code for the whole activity finds the shift running now", async () => {
    const activity = await insertActivity(emulator, { shifts: [shift(1, ago(HOUR), 2, '早班'), shift(2, fromNow(3 * HOUR), 2, '晚班')] });
    const early = await insertSignup(emulator, activity, 'demo-resident-12', { shiftId: 's1' });
    await insertSignup(emulator, activity, 'demo-resident-13', { shiftId: 's2' });
    const both = await insertSignup(emulator, activity, 'demo-resident-14', { shiftId: 's1' });
    await insertSignup(emulator, activity, 'demo-resident-14', { shiftId: 's2' });

    expect(await scan('demo-resident-12', 'checkin', activity._id, codeFor(activity, { shift: 1 }))).toMatchObject({ ok: true, data: { id: early._id, shiftId: 's1' } });
    expect(await scan('demo-resident-13', 'checkin', activity._id, codeFor(activity, { shift: 1 }))).toEqual({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '你没有这个岗位的有效报名，不能签到' },
    });
    expect(await scan('demo-resident-13', 'checkin', activity._id, codeFor(activity, { shift: 2 }))).toEqual({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/还没到签到时间/) },
    });
    expect(await scan('demo-resident-14', 'checkin', activity._id, codeFor(activity))).toMatchObject({ ok: true, data: { id: both._id, shiftId: 's1' } });
  });

  it('only my own confirmed signup checks in: pending, waitlisted or no signup at all is refused', async () => {
    const activity = await insertActivity(emulator);
    await insertSignup(emulator, activity, 'demo-resident-15', { status: 'pending' });
    await insertSignup(emulator, activity, 'demo-resident-16', { status: 'waitlisted' });
    for (const openid of ['demo-resident-15', 'demo-resident-16', 'demo-resident-17']) {
      expect(await scan(openid, 'checkin', activity._id, codeFor(activity))).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '你没有这个活动的有效报名，不能签到' } });
    }
  });

  it('checking out twice gives the first result and credits once; checking out without checking in is refused', async () => {
    const activity = await insertActivity(emulator);
    const signup = await insertSignup(emulator, activity, 'demo-resident-18', { checkinAt: ago(50 * MINUTE), checkoutDueAt: activity.endAt });
    const first = await scan('demo-resident-18', 'checkout', activity._id, codeFor(activity));
    const again = await scan('demo-resident-18', 'checkout', activity._id, codeFor(activity));
    expect(first).toMatchObject({ ok: true, data: { hours: 1 } });
    expect(again).toEqual(first);
    expect(ledger(emulator, { signupId: signup._id })).toHaveLength(1);

    await insertSignup(emulator, activity, 'demo-resident-19');
    expect(await scan('demo-resident-19', 'checkout', activity._id, codeFor(activity))).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '你还没有签到，请先扫码签到' } });
  });

  it('after the activity ends a check-in is refused; so is any scan at a cancelled activity', async () => {
    const ended = await insertActivity(emulator, { startAt: ago(3 * HOUR) });
    await insertSignup(emulator, ended, 'demo-resident-20');
    expect(await scan('demo-resident-20', 'checkin', ended._id, codeFor(ended))).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '活动已经结束，不能再签到' } });
    const cancelled = await insertActivity(emulator, { status: 'cancelled' });
    expect((await scan('demo-resident-20', 'checkin', cancelled._id, codeFor(cancelled))).error.code).toBe('FAILED_PRECONDITION');
    expect((await call(emulator, COMMITTEE, 'activity', 'checkinCode', { activityId: cancelled._id })).error.code).toBe('FAILED_PRECONDITION');
  });

  it.each([
    ['a resident', 'demo-resident-1'],
    ['a volunteer', VOLUNTEER],
    ['a grid worker', 'demo-gridworker-1'],
  ])('%s cannot get the code', async (_who, openid) => {
    const activity = await insertActivity(emulator);
    expect(await call(emulator, openid, 'activity', 'checkinCode', { activityId: activity._id })).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.any(String) } });
  });

  it("a shift's code names a shift of the activity; an unknown shift is not found", async () => {
    const activity = await insertActivity(emulator, { shifts: [shift(1, ago(HOUR), 2)] });
    expect((await call(emulator, COMMITTEE, 'activity', 'checkinCode', { activityId: activity._id, shiftId: 's1' })).ok).toBe(true);
    expect((await call(emulator, COMMITTEE, 'activity', 'checkinCode', { activityId: activity._id, shiftId: 's9' })).error.code).toBe('NOT_FOUND');
  });
});

/** The code with one character in its MAC changed. */
function tamper(token: string): string {
  const i = token.length - 3;
  return token.slice(0, i) + (token[i] === 'x' ? 'y' : 'x') + token.slice(i + 1);
}
