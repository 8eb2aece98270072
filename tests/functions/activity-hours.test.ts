import { Emulator } from '../../emulator/app';
import { ActivityDoc } from '../../server/repositories/activities';
import { HoursEntry } from '../../server/repositories/hours-ledger';
import { call, startApp } from '../helpers/app';
import { HOUR, MINUTE, ago, codeFor, fromNow, insertActivity, insertSignup, ledger, shift, signupDoc } from './attendance-fixtures';
import { OTHER, addOtherCommunity, okCall } from './neighbourhood';

/**
 * Hours count only inside the shift, in half hours, once per signup; a forgotten check-out is closed
 * by the scheduler at the shift's end; a year's hours are summed by Shanghai month, and the committee
 * ranks its community by points at the year's end.
 */

describe('volunteer hours', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
  });
  afterAll(() => emulator.close());

  const checkout = (openid: string, activity: ActivityDoc) => call(emulator, openid, 'activity', 'checkout', { activityId: activity._id, token: codeFor(activity) });
  const fireCloser = () => emulator.host.fireTimer('activity', 'closeCheckins');

  it('in 20 minutes early and out 40 minutes late on a 2-hour shift: 2 hours, not 3', async () => {
    const activity = await insertActivity(emulator, { startAt: ago(2 * HOUR + 40 * MINUTE) });
    const signup = await insertSignup(emulator, activity, 'demo-volunteer-1', { checkinAt: ago(3 * HOUR), checkoutDueAt: activity.endAt });
    expect(await checkout('demo-volunteer-1', activity)).toMatchObject({ ok: true, data: { id: signup._id, hours: 2 } });
    expect(ledger(emulator, { signupId: signup._id })).toMatchObject([{ hours: 2, points: 2 }]);
  });

  it('1 hour 10 minutes is credited as 1 hour; at 2 points an hour that is 2 points', async () => {
    const activity = await insertActivity(emulator, { startAt: ago(70 * MINUTE), pointsPerHour: 2 });
    const signup = await insertSignup(emulator, activity, 'demo-volunteer-2', { checkinAt: activity.startAt, checkoutDueAt: activity.endAt });
    expect(await checkout('demo-volunteer-2', activity)).toMatchObject({ ok: true, data: { hours: 1 } });
    expect(ledger(emulator, { signupId: signup._id })).toMatchObject([{ hours: 1, points: 2 }]);
  });

  it("a shift's hours never exceed what the committee set for it", async () => {
    const start = ago(3 * HOUR);
    const activity = await insertActivity(emulator, { startAt: start, shifts: [{ ...shift(1, start, 3), hours: 2 }] });
    const signup = await insertSignup(emulator, activity, 'demo-volunteer-3', { shiftId: 's1', checkinAt: start, checkoutDueAt: activity.shifts[0].endAt });
    expect(await checkout('demo-volunteer-3', activity)).toMatchObject({ ok: true, data: { id: signup._id, hours: 2 } });
  });

  it('the scheduler checks out those who forgot, at the end of their shift, once however often it fires; shifts still running are left alone', async () => {
    const start = ago(3 * HOUR);
    const activity = await insertActivity(emulator, { startAt: start, endAt: fromNow(3 * HOUR), shifts: [shift(1, start, 2.5), shift(2, ago(HOUR), 3)] });
    const shiftEnd = activity.shifts[0].endAt;
    const early = await insertSignup(emulator, activity, 'demo-resident-1', { shiftId: 's1', checkinAt: start, checkoutDueAt: shiftEnd });
    const late = await insertSignup(emulator, activity, 'demo-resident-2', { shiftId: 's1', checkinAt: new Date(start.getTime() + HOUR), checkoutDueAt: shiftEnd });
    const running = await insertSignup(emulator, activity, 'demo-resident-3', { shiftId: 's2', checkinAt: ago(HOUR), checkoutDueAt: activity.shifts[1].endAt });

    const runs = await Promise.all([fireCloser(), fireCloser()]);
    await fireCloser();
    expect(runs.every((r) => r.ok && (r.result as { ok: boolean }).ok)).toBe(true);
    expect(
      ledger(emulator, { activityId: activity._id })
        .map((e) => [e.openid, e.hours, e.at.getTime()])
        .sort(),
    ).toEqual([
      ['demo-resident-1', 2.5, shiftEnd.getTime()],
      ['demo-resident-2', 1.5, shiftEnd.getTime()],
    ]);
    expect(signupDoc(emulator, early._id)).toMatchObject({ checkoutAt: shiftEnd, hours: 2.5 });
    expect(signupDoc(emulator, late._id)).toMatchObject({ checkoutAt: shiftEnd, hours: 1.5 });
    expect(signupDoc(emulator, running._id)).toMatchObject({ checkoutAt: null, hours: null, checkoutDueAt: activity.shifts[1].endAt });

    // Scanning out after the scheduler closed the stay answers what it credited.
    expect(await checkout('demo-resident-1', activity)).toMatchObject({ ok: true, data: { id: early._id, hours: 2.5, checkoutAt: shiftEnd.toISOString() } });
    expect(ledger(emulator, { signupId: early._id })).toHaveLength(1);
  });

  it('a late scan and the scheduler closing the same stay at once credit it once, and the signup agrees with the ledger', async () => {
    const activity = await insertActivity(emulator, { startAt: ago(2 * HOUR + 10 * MINUTE) });
    const signup = await insertSignup(emulator, activity, 'demo-resident-4', { checkinAt: activity.startAt, checkoutDueAt: activity.endAt });
    const [scan] = await Promise.all([checkout('demo-resident-4', activity), fireCloser(), fireCloser()]);
    const [entry] = ledger(emulator, { signupId: signup._id });
    expect(ledger(emulator, { signupId: signup._id })).toHaveLength(1);
    expect(scan).toMatchObject({ ok: true, data: { hours: entry.hours, checkoutAt: entry.at.toISOString() } });
    expect(signupDoc(emulator, signup._id)).toMatchObject({ hours: entry.hours, checkoutAt: entry.at });
  });

  it('my hours are summed by Shanghai month: a shift ending 2026-01-31T17:30Z (01:30 on 1 February in Shanghai) counts in February', async () => {
    const me = 'demo-resident-5';
    const night = await insertActivity(emulator, { startAt: new Date('2026-01-31T15:30:00Z'), endAt: new Date('2026-01-31T17:30:00Z') });
    await insertSignup(emulator, night, me, { checkinAt: night.startAt, checkoutDueAt: night.endAt });
    const morning = await insertActivity(emulator, { startAt: new Date('2026-01-10T01:00:00Z'), endAt: new Date('2026-01-10T02:30:00Z'), pointsPerHour: 2 });
    await insertSignup(emulator, morning, me, { checkinAt: morning.startAt, checkoutDueAt: morning.endAt });
    await fireCloser();

    expect(
      ledger(emulator, { openid: me })
        .map((e) => e.month)
        .sort(),
    ).toEqual(['2026-01', '2026-02']);
    expect(await okCall(emulator, me, 'activity', 'hours', { year: 2026 })).toEqual({
      year: 2026,
      hours: 3.5,
      points: 5,
      byMonth: [
        { month: '2026-01', hours: 1.5, points: 3 },
        { month: '2026-02', hours: 2, points: 2 },
      ],
    });
    expect(await okCall(emulator, me, 'activity', 'hours', { year: 2025 })).toEqual({ year: 2025, hours: 0, points: 0, byMonth: [] });
  });

  it('without a year, hours are for the current year in Shanghai', async () => {
    const { year } = await okCall(emulator, 'demo-resident-6', 'activity', 'hours', {});
    expect(year).toBe(new Date(Date.now() + 8 * HOUR).getUTCFullYear());
  });
});

describe("the community's year-end points ranking", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
    const at = new Date('2026-06-01T02:00:00Z');
    let n = 0;
    const entry = (openid: string, points: number, over: Partial<HoursEntry> = {}): HoursEntry => ({
      _id: `entry-${++n}`,
      signupId: `signup-${n}`,
      activityId: 'act-year',
      shiftId: null,
      communityId: 'demo-community',
      openid,
      hours: points,
      points,
      month: '2026-06',
      year: 2026,
      at,
      ...over,
    });
    await emulator.db.insert('hours_ledger', [
      entry('demo-volunteer-1', 6),
      entry('demo-volunteer-1', 4), // 10 in two entries
      entry('demo-volunteer-2', 8),
      entry('demo-resident-1', 8), // ties with demo-volunteer-2
      entry('demo-resident-2', 3.5),
      entry('demo-resident-3', 1, { hours: 0.5 }),
      entry('demo-resident-4', 50, { year: 2025, month: '2025-12' }), // another year
      entry('other-resident-1', 99, { communityId: OTHER.community }), // another community
    ]);
  });
  afterAll(() => emulator.close());

  const rank = (openid: string, data: Record<string, unknown>) => call(emulator, openid, 'activity', 'ranking', { communityId: 'demo-community', year: 2026, ...data });

  it('lists people by points, with their names; equal points share a rank; pages follow on with the cursor', async () => {
    const first = await rank('demo-committee', { limit: 2 });
    expect(first.ok).toBe(true);
    const second = await rank('demo-committee', { limit: 2, cursor: first.data.nextCursor });
    const third = await rank('demo-committee', { limit: 2, cursor: second.data.nextCursor });
    const rows = [...first.data.items, ...second.data.items, ...third.data.items].map((r: any) => [r.rank, r.openid, r.points, r.hours]);
    expect(rows).toEqual([
      [1, 'demo-volunteer-1', 10, 10],
      [2, 'demo-resident-1', 8, 8],
      [2, 'demo-volunteer-2', 8, 8],
      [4, 'demo-resident-2', 3.5, 3.5],
      [5, 'demo-resident-3', 1, 0.5],
    ]);
    expect(third.data.nextCursor).toBeNull();
    expect(first.data.items[0].displayName).toEqual(expect.any(String));
    expect(first.data.items[0].displayName).not.toBe('已注销用户');
  });

  it("a street admin may see it too; a resident, a volunteer and another community's committee may not", async () => {
    expect((await rank('demo-admin', {})).data.items).toHaveLength(5);
    for (const openid of ['demo-resident-1', 'demo-volunteer-1', 'other-committee']) {
      expect(await rank(openid, {})).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.any(String) } });
    }
  });

  it('a made-up cursor is refused', async () => {
    expect((await rank('demo-committee', { cursor: 'bm90IGEgY3Vyc29y' })).error.code).toBe('INVALID_ARGUMENT');
  });
});
