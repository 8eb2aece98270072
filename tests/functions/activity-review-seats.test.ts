import { Emulator } from '../../emulator/app';
import { holderKeyOf } from '../../server/repositories/activity-seats';
import { liveKeyOf } from '../../server/repositories/signups';
import { startApp } from '../helpers/app';
import { COMMITTEE, activityDoc, expectSeatsConsistent, publish, signupDocs } from './activity-fixtures';
import { okCall } from './neighbourhood';

/**
 * The committee's approvals take their seats in one conditional update on the activity (a holder
 * entry naming each signup) and then confirm the signups in one write. These are the stories around
 * those two writes: a review that died between them, approvals across shifts, residents cancelling
 * while the committee approves. After each, the counters and holders agree with the confirmed signups.
 */

const MINUTE = 60_000;
const merge = { multi: false, merge: true, upsert: false };
const HOUR = 3600_000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

describe('the committee approves in two writes', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  const approve = (activityId: string, signupIds: string[], as = COMMITTEE) => okCall(emulator, as, 'activity', 'review', { activityId, signupIds, decision: 'approve' });

  /** What a review that died after taking the seat leaves: the seat held for the signup, which is still pending. */
  async function diedAfterTaking(activityId: string, signup: { id: string }, openid: string, at: Date): Promise<void> {
    const holder = { id: signup.id, seats: 1, at };
    await emulator.db.update('activities', { _id: activityId }, { $inc: { confirmed: 1, seatsLeft: -1 }, $set: { [`holders.${holderKeyOf(liveKeyOf(activityId, null, openid))}`]: holder } }, merge);
  }

  it('a review that died between its writes is finished by the next review of the same signup: confirmed once, said as already decided', async () => {
    const activityId = await publish(emulator, { capacity: 2, approval: 'committee' });
    const signup = await okCall(emulator, 'demo-resident-1', 'activity', 'signup', { activityId, answers: {} });
    await diedAfterTaking(activityId, signup, 'demo-resident-1', new Date());

    const answer = await approve(activityId, [signup.id], 'demo-admin');
    expect(answer).toEqual({ results: [{ signupId: signup.id, status: 'confirmed', message: '这条报名已经处理过了' }], confirmed: 1, seatsLeft: 1 });
    expect(signupDocs(emulator, activityId).map((s) => s.status)).toEqual(['confirmed']);
    expectSeatsConsistent(emulator, activityId);
  });

  it('once it is clearly abandoned, the reconcileSeats timer gives its seat back; the signup waits for the committee again', async () => {
    const activityId = await publish(emulator, { capacity: 2, approval: 'committee' });
    const signup = await okCall(emulator, 'demo-resident-2', 'activity', 'signup', { activityId, answers: {} });
    await diedAfterTaking(activityId, signup, 'demo-resident-2', new Date(Date.now() - 2 * MINUTE));
    // Seats held that long for a signup still pending are not a review at work: neither side guesses.
    expect((await approve(activityId, [signup.id])).results).toEqual([{ signupId: signup.id, status: 'pending', message: '这条报名正在变动，请稍后再审核' }]);

    const run = await emulator.host.fireTimer('activity', 'reconcileSeats');
    expect(run).toMatchObject({ ok: true, result: { ok: true, data: { released: 1 } } });
    expect(signupDocs(emulator, activityId).map((s) => s.status)).toEqual(['pending']);
    expectSeatsConsistent(emulator, activityId);
    expect((await approve(activityId, [signup.id])).results).toEqual([{ signupId: signup.id, status: 'confirmed', message: null }]);
    expectSeatsConsistent(emulator, activityId);
  });

  it('approvals across the activity and its shifts take each counter’s seats in the one update, oldest first, never past a shift’s capacity', async () => {
    const shift = (role: string) => ({ role, startAt: iso(48 * HOUR), endAt: iso(49 * HOUR), capacity: 1, hours: 1 });
    const activityId = await publish(emulator, { capacity: 1, approval: 'committee', shifts: [shift('签到'), shift('秩序维护')] });
    const join = (n: number, shiftId?: string) => okCall(emulator, `demo-resident-${n}`, 'activity', 'signup', { activityId, answers: {}, ...(shiftId ? { shiftId } : {}) });
    const queue = [await join(3, 's1'), await join(4, 's1'), await join(5, 's2'), await join(6)];

    const answer = await approve(
      activityId,
      [...queue].reverse().map((s) => s.id),
    );
    expect(answer.results.map((r: any) => [r.signupId, r.status, r.message])).toEqual([
      [queue[0].id, 'confirmed', null],
      [queue[1].id, 'pending', '名额已满，仍为待审核'],
      [queue[2].id, 'confirmed', null],
      [queue[3].id, 'confirmed', null],
    ]);
    expect(answer).toMatchObject({ confirmed: 1, seatsLeft: 0 });
    expectSeatsConsistent(emulator, activityId);
  });

  it('residents cancelling while the committee approves them all: no seat stays held for a signup that is not confirmed', async () => {
    for (let round = 0; round < 3; round++) {
      const activityId = await publish(emulator, { capacity: 8, approval: 'committee', title: `边审核边取消${round}` });
      const people = Array.from({ length: 12 }, (_, i) => `demo-resident-${i + 1}`);
      const signups = [];
      for (const openid of people) signups.push({ openid, ...(await okCall(emulator, openid, 'activity', 'signup', { activityId, answers: {} })) });
      await Promise.all([
        approve(
          activityId,
          signups.map((s) => s.id),
        ),
        ...signups.filter((_, i) => i % 2 === 0).map((s) => okCall(emulator, s.openid, 'activity', 'cancel', { signupId: s.id })),
      ]);
      expectSeatsConsistent(emulator, activityId);
      expect(activityDoc(emulator, activityId).confirmed).toBeLessThanOrEqual(8);
    }
  });
});
