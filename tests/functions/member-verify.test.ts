import { Emulator } from '../../emulator/app';
import { shanghaiDate, shanghaiInstant } from '../../domain/members/rules';
import { dayIdOf } from '../../server/repositories/member-days';
import { call, startApp } from '../helpers/app';
import { HOUR, addMembers, ago, claimsIn, insertClaim, insertTask, ledger, taskIn, warmUp } from './member-fixtures';

/**
 * A verification writes three documents without a transaction: the hours onto the member's day (its
 * part, under the claim), the claim moved to verified, the ledger entry. Each story stages in the store
 * what a call that died between two of them leaves, then shows what repairs it: the claim's next
 * verify or its rejection (the claim is still in the committee's queue), or the `creditVerified` job.
 */
const COMMITTEE = 'demo-committee';

describe('a verification that died between its writes', () => {
  let emulator: Emulator;
  let members: string[];
  beforeAll(async () => {
    emulator = await startApp();
    members = await addMembers(emulator, 'verify-member', 12);
    await warmUp(emulator, members);
  });
  afterAll(() => emulator.close());

  const day = (openid: string, date: string) => emulator.db.find('member_days', { _id: dayIdOf(openid, date) })[0];
  /** What a verify leaves when it dies right after adding the claim's hours to the member's day. */
  async function keptHours(openid: string, date: string, claimId: string, hours: number, others = 0): Promise<void> {
    await emulator.db.insert('member_days', [{ _id: dayIdOf(openid, date), openid, date, hours: hours + others, parts: { [`c${claimId}`]: hours, ...(others ? { cother: others } : {}) } }]);
  }
  /** A 3-hour shift worked on `date`, checked out, waiting for the committee. */
  async function shiftWorked(openid: string, date: string, at = '08:00') {
    const startAt = shanghaiInstant(date, at);
    const endAt = new Date(startAt.getTime() + 3 * HOUR);
    const task = await insertTask(emulator, { kind: 'shift', startAt, endAt, hours: null });
    return insertClaim(emulator, task, openid, { checkinAt: startAt, checkoutAt: endAt });
  }

  it('died after the day’s write: the next verify uses the hours kept for the claim and adds none', async () => {
    const date = shanghaiDate(ago(48 * HOUR));
    const claim = await shiftWorked(members[0], date);
    await keptHours(members[0], date, claim._id, 3, 4);
    const res = await call(emulator, COMMITTEE, 'member', 'verify', { claimId: claim._id });
    expect(res).toMatchObject({ ok: true, data: { state: 'verified', hours: 3 } });
    expect(day(members[0], date)).toMatchObject({ hours: 7 });
    expect(ledger(emulator, { signupId: `member-${claim._id}` })).toMatchObject([{ hours: 3, month: date.slice(0, 7) }]);
  });

  it('died after the day’s write, on a day before: a verify today uses that day, and today’s is not touched', async () => {
    const task = await insertTask(emulator, { hours: 2 });
    const claim = await insertClaim(emulator, task, members[1]);
    const yesterday = shanghaiDate(ago(24 * HOUR));
    await keptHours(members[1], yesterday, claim._id, 2);
    expect(await call(emulator, COMMITTEE, 'member', 'verify', { claimId: claim._id })).toMatchObject({ ok: true, data: { state: 'verified', hours: 2 } });
    expect(emulator.db.find('member_days', { openid: members[1] })).toMatchObject([{ date: yesterday, hours: 2 }]);
    expect(ledger(emulator, { signupId: `member-${claim._id}` })).toMatchObject([{ hours: 2, month: yesterday.slice(0, 7) }]);
    expect(claimsIn(emulator, { _id: claim._id })[0].creditedOn).toBe(yesterday);
  });

  it('died after the day’s write, then the proof is rejected: the kept hours leave the day, the place comes back', async () => {
    const date = shanghaiDate(ago(48 * HOUR));
    const claim = await shiftWorked(members[2], date);
    await emulator.db.update('member_tasks', { _id: claim.taskId }, { $set: { placesLeft: 2 } }, { multi: false, merge: true, upsert: false });
    await keptHours(members[2], date, claim._id, 3, 5);
    expect(await call(emulator, COMMITTEE, 'member', 'rejectProof', { claimId: claim._id, reason: '没有看到签到' })).toMatchObject({ ok: true, data: { state: 'rejected' } });
    expect(day(members[2], date)).toEqual({ _id: dayIdOf(members[2], date), openid: members[2], date, hours: 5, parts: { cother: 5 } });
    expect(taskIn(emulator, claim.taskId).placesLeft).toBe(3);
    // A second shift of that day now gets the 3 hours the rejected one no longer holds.
    const next = await shiftWorked(members[2], date, '12:00');
    expect(await call(emulator, COMMITTEE, 'member', 'verify', { claimId: next._id })).toMatchObject({ ok: true, data: { hours: 3 } });
    expect(day(members[2], date)).toMatchObject({ hours: 8 });
  });

  it('a rejected claim whose day still keeps its hours (a verify died in the race): rejecting again gives them back, once', async () => {
    const date = shanghaiDate(ago(48 * HOUR));
    const claim = await shiftWorked(members[8], date);
    await emulator.db.update('member_claims', { _id: claim._id }, { $set: { state: 'rejected', reason: '没有看到签到', liveKey: `dead|${claim._id}` } }, { multi: false, merge: true, upsert: false });
    await keptHours(members[8], date, claim._id, 3, 2);
    const placesLeft = taskIn(emulator, claim.taskId).placesLeft;
    for (let i = 0; i < 2; i++) {
      expect(await call(emulator, COMMITTEE, 'member', 'rejectProof', { claimId: claim._id, reason: '没有看到签到' })).toMatchObject({ ok: true, data: { state: 'rejected' } });
      expect(day(members[8], date)).toEqual({ _id: dayIdOf(members[8], date), openid: members[8], date, hours: 2, parts: { cother: 2 } });
    }
    expect(taskIn(emulator, claim.taskId).placesLeft).toBe(placesLeft);
  });

  it('died after the claim’s move: the creditVerified job writes its ledger entry once, and leaves credited claims alone', async () => {
    const task = await insertTask(emulator, { hours: 2 });
    const year = Number(shanghaiDate(new Date()).slice(0, 4));
    const uncredited = await insertClaim(emulator, task, members[3], { state: 'verified', hours: 2, points: 30, year, verifiedAt: ago(HOUR) });
    const done = await shiftWorked(members[4], shanghaiDate(ago(48 * HOUR)));
    expect((await call(emulator, COMMITTEE, 'member', 'verify', { claimId: done._id })).ok).toBe(true);
    const first = await emulator.host.fireTimer('member', 'creditVerified');
    if (!first.ok) throw new Error(first.message);
    expect(first.result).toMatchObject({ ok: true, data: { credited: 1 } });
    expect(ledger(emulator, { signupId: `member-${uncredited._id}` })).toMatchObject([{ hours: 2, points: 30, openid: members[3], year }]);
    expect(ledger(emulator, { signupId: `member-${done._id}` })).toHaveLength(1);
    const again = await emulator.host.fireTimer('member', 'creditVerified');
    expect(again.ok && again.result).toMatchObject({ ok: true, data: { credited: 0 } });
    expect(ledger(emulator, { signupId: `member-${uncredited._id}` })).toHaveLength(1);
  });

  const creditJob = async () => {
    const run = await emulator.host.fireTimer('member', 'creditVerified');
    if (!run.ok) throw new Error(run.message);
    return run.result;
  };

  it('died after the claim’s move: the job’s entry counts in the month of the day the hours were kept on, not of the verify', async () => {
    const task = await insertTask(emulator, { hours: 2 });
    // Kept on a day of an earlier month (a verify that died after the day's write, verified again an hour ago).
    const keptOn = shanghaiDate(ago(40 * 24 * HOUR));
    const claim = await insertClaim(emulator, task, members[9], { state: 'verified', hours: 2, points: 30, year: Number(keptOn.slice(0, 4)), verifiedAt: ago(HOUR), creditedOn: keptOn });
    expect(await creditJob()).toMatchObject({ ok: true, data: { credited: 1 } });
    expect(ledger(emulator, { signupId: `member-${claim._id}` })).toMatchObject([{ month: keptOn.slice(0, 7), year: Number(keptOn.slice(0, 4)) }]);
    expect(shanghaiDate(ago(HOUR)).slice(0, 7)).not.toBe(keptOn.slice(0, 7));
  });

  it('a wish verified by a call that died before marking it fulfilled: the job marks it, with or without the entry written', async () => {
    const wishes = [await insertTask(emulator, { kind: 'wish', hours: 1 }), await insertTask(emulator, { kind: 'wish', hours: 1 })];
    const year = Number(shanghaiDate(new Date()).slice(0, 4));
    const [bare, entered] = await Promise.all(wishes.map((w) => insertClaim(emulator, w, members[10], { state: 'verified', hours: 1, points: 10, year, verifiedAt: ago(HOUR) })));
    expect(await creditJob()).toMatchObject({ ok: true, data: { credited: 2, fulfilled: 2 } });
    expect(taskIn(emulator, bare.taskId).state).toBe('fulfilled');
    expect(ledger(emulator, { signupId: `member-${entered._id}` })).toHaveLength(1);
    // The second died after the entry, before the wish's move.
    await emulator.db.update('member_tasks', { _id: entered.taskId }, { $set: { state: 'open' } }, { multi: false, merge: true, upsert: false });
    expect(await creditJob()).toMatchObject({ ok: true, data: { credited: 0, fulfilled: 1 } });
    expect(wishes.map((w) => taskIn(emulator, w._id).state)).toEqual(['fulfilled', 'fulfilled']);
    expect(await creditJob()).toMatchObject({ ok: true, data: { credited: 0, fulfilled: 0 } });
  });

  it('more verified claims than a page: the job pages on, newest first, to the oldest one lacking its entry', async () => {
    const task = await insertTask(emulator, { hours: 1 });
    const year = Number(shanghaiDate(new Date()).slice(0, 4));
    const oldest = await insertClaim(emulator, task, members[11], { state: 'verified', hours: 1, points: 10, year, verifiedAt: ago(60 * HOUR) });
    const at = ago(2 * HOUR);
    for (let i = 0; i < 120; i++) {
      const claim = await insertClaim(emulator, task, members[11], { state: 'verified', hours: 1, points: 10, year, verifiedAt: at, liveKey: `dead|page-${i}` });
      await emulator.db.insert('hours_ledger', [
        {
          _id: `member-${claim._id}`,
          signupId: `member-${claim._id}`,
          activityId: task._id,
          shiftId: null,
          communityId: task.communityId,
          openid: members[11],
          hours: 1,
          points: 10,
          month: shanghaiDate(at).slice(0, 7),
          year,
          at,
        },
      ]);
    }
    expect(await creditJob()).toMatchObject({ ok: true, data: { credited: 1 } });
    expect(ledger(emulator, { signupId: `member-${oldest._id}` })).toHaveLength(1);
  });

  it('verify and reject at the same moment: one of them, and the day holds the hours only if verified', async () => {
    for (const openid of members.slice(5, 8)) {
      const date = shanghaiDate(ago(72 * HOUR));
      const claim = await shiftWorked(openid, date);
      const [v, r] = await Promise.all([
        call(emulator, COMMITTEE, 'member', 'verify', { claimId: claim._id }),
        call(emulator, COMMITTEE, 'member', 'rejectProof', { claimId: claim._id, reason: '重复提交' }),
      ]);
      expect([v.ok, r.ok].filter(Boolean)).toHaveLength(1);
      const state = claimsIn(emulator, { _id: claim._id })[0].state;
      expect({ state, credited: day(openid, date)?.hours ?? 0, entries: ledger(emulator, { signupId: `member-${claim._id}` }).length }).toEqual(
        state === 'verified' ? { state, credited: 3, entries: 1 } : { state: 'rejected', credited: 0, entries: 0 },
      );
    }
  });
});
