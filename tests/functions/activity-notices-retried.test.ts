import { Emulator } from '../../emulator/app';
import { NoticeKind } from '../../domain/notifications';
import { holderKeyOf } from '../../server/repositories/activity-seats';
import { NOTICE_LEASE_MS } from '../../server/repositories/signup-decisions';
import { liveKeyOf } from '../../server/repositories/signups';
import { TEMPLATES } from '../../server/subscription-templates';
import { startApp } from '../helpers/app';
import { COMMITTEE, activityDoc, expectSeatsConsistent, publish, signupDocs } from './activity-fixtures';
import { okCall } from './neighbourhood';

/**
 * What a call or a timer run that stops half-way leaves behind, and how the next one repairs it: a
 * due message claimed by a run that died before sending is sent by a later run once the claim's lease
 * is over, exactly once; a signup cancelled between its message falling due and the run is not told;
 * a confirmed signup from before holder entries were kept, cancelled while its owner's new signup
 * takes seats under the same key, still gives its seats back. Time moves on the functions' clock.
 */

const merge = { multi: false, merge: true, upsert: false };
const resident = (n: number) => `demo-resident-${n}`;

describe('due messages and seats after a run that stopped half-way', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.host.clock.set(null));

  async function subscribe(openid: string, kind: NoticeKind): Promise<void> {
    const res = await fetch(`${emulator.url}/emulator/consents`, { method: 'POST', body: JSON.stringify({ openid, results: { [TEMPLATES[kind].id]: 'accept' } }) });
    expect(await res.json()).toMatchObject({ errMsg: 'requestSubscribeMessage:ok' });
    expect(await okCall(emulator, openid, 'user', 'recordConsents', { results: { [kind]: 'accept' } })).toEqual({ accepted: [kind] });
  }
  const messages = (openid: string, kind: NoticeKind) => emulator.openApi.outbox().filter((m) => m.touser === openid && m.templateId === TEMPLATES[kind].id);
  const fire = async (job: 'tellPromoted' | 'tellReviewed') => {
    const run: any = await emulator.host.fireTimer('activity', job);
    expect(run).toMatchObject({ ok: true, result: { ok: true } });
    return run.result.data.told as number;
  };
  /** What a run that claimed the message and died before sending leaves: the due time moved to the lease's end. */
  const claimedByDeadRun = async (signupId: string, field: 'promotionNoticeDueAt' | 'decisionNoticeDueAt') => {
    const leaseEnd = new Date(emulator.host.clock.now().getTime() + NOTICE_LEASE_MS);
    await emulator.db.update('signups', { _id: signupId }, { $set: { [field]: leaseEnd } }, merge);
    return leaseEnd;
  };

  it('an approval claimed by a run that died before sending: told by the first run after the lease, exactly once', async () => {
    const activityId = await publish(emulator, { capacity: 5, approval: 'committee' });
    await subscribe(resident(10), 'signupApproved');
    const signup = await okCall(emulator, resident(10), 'activity', 'signup', { activityId, answers: {} });
    await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId, signupIds: [signup.id], decision: 'approve' });
    const leaseEnd = await claimedByDeadRun(signup.id, 'decisionNoticeDueAt');

    // Within the lease the claim is the dead run's: nobody sends it.
    expect(await fire('tellReviewed')).toBe(0);
    expect(messages(resident(10), 'signupApproved')).toEqual([]);
    emulator.host.clock.set(new Date(leaseEnd.getTime() + 1000));
    const [a, b] = await Promise.all([fire('tellReviewed'), fire('tellReviewed')]);
    expect(a + b).toBe(1);
    expect(await fire('tellReviewed')).toBe(0);
    expect(messages(resident(10), 'signupApproved')).toHaveLength(1);
    expect(signupDocs(emulator, activityId)[0].decisionNoticeDueAt ?? null).toBeNull();
  });

  it('a promotion claimed by a run that died before sending: told once after the lease', async () => {
    const activityId = await publish(emulator, { capacity: 1 });
    const seated = await okCall(emulator, resident(11), 'activity', 'signup', { activityId, answers: {} });
    await subscribe(resident(12), 'promoted');
    const waiting = await okCall(emulator, resident(12), 'activity', 'signup', { activityId, answers: {} });
    expect(waiting.status).toBe('waitlisted');
    await okCall(emulator, resident(11), 'activity', 'cancel', { signupId: seated.id });
    const leaseEnd = await claimedByDeadRun(waiting.id, 'promotionNoticeDueAt');

    expect(await fire('tellPromoted')).toBe(0);
    emulator.host.clock.set(new Date(leaseEnd.getTime() + 1000));
    expect(await fire('tellPromoted')).toBe(1);
    expect(await fire('tellPromoted')).toBe(0);
    expect(messages(resident(12), 'promoted')).toHaveLength(1);
  });

  it('promoted, then cancelled before the timer runs: not told, and the message is no longer due', async () => {
    const activityId = await publish(emulator, { capacity: 1 });
    const seated = await okCall(emulator, resident(13), 'activity', 'signup', { activityId, answers: {} });
    await subscribe(resident(14), 'promoted');
    const waiting = await okCall(emulator, resident(14), 'activity', 'signup', { activityId, answers: {} });
    await okCall(emulator, resident(13), 'activity', 'cancel', { signupId: seated.id });
    expect(signupDocs(emulator, activityId, { _id: waiting.id })[0]).toMatchObject({ status: 'confirmed', promotionNoticeDueAt: expect.any(Date) });
    await okCall(emulator, resident(14), 'activity', 'cancel', { signupId: waiting.id });

    expect(await fire('tellPromoted')).toBe(0);
    expect(messages(resident(14), 'promoted')).toEqual([]);
    expect(signupDocs(emulator, activityId, { _id: waiting.id })[0].promotionNoticeDueAt ?? null).toBeNull();
  });

  it('a confirmed signup from before holder entries, cancelled while its owner signs up again: its seat still goes back', async () => {
    const activityId = await publish(emulator, { capacity: 2 });
    const old = await okCall(emulator, resident(15), 'activity', 'signup', { activityId, answers: {} });
    const key = `holders.${holderKeyOf(liveKeyOf(activityId, null, resident(15)))}`;
    // From before holders: the seat counted, no entry. The owner's new call took a seat under the
    // same key (its signup still to be written) by the time the cancellation hands the old one back.
    const newer = { id: 'newer-signup-0001', seats: 1, at: new Date() };
    await emulator.db.update('activities', { _id: activityId }, { $inc: { confirmed: 1, seatsLeft: -1 }, $set: { [key]: newer } }, merge);
    expect(activityDoc(emulator, activityId)).toMatchObject({ confirmed: 2, seatsLeft: 0 });

    await okCall(emulator, resident(15), 'activity', 'cancel', { signupId: old.id });
    // The old seat is free again; the entry is the new signup's still.
    expect(activityDoc(emulator, activityId)).toMatchObject({ confirmed: 1, seatsLeft: 1, holders: { [key.slice('holders.'.length)]: expect.objectContaining({ id: newer.id }) } });
    await emulator.db.insert('signups', [
      {
        ...signupDocs(emulator, activityId, { _id: old.id })[0],
        _id: newer.id,
        status: 'confirmed',
        liveKey: liveKeyOf(activityId, null, resident(15)),
        decidedAt: null,
      },
    ]);
    expectSeatsConsistent(emulator, activityId);
  });

  it('the same, with a waitlisted party the freed seats now fit: the seats pass to them all the same', async () => {
    const activityId = await publish(emulator, { capacity: 4, form: { phone: 'off', companionsMax: 2, note: 'off' } });
    const old = await okCall(emulator, resident(16), 'activity', 'signup', { activityId, answers: { companions: 1 } });
    await okCall(emulator, resident(17), 'activity', 'signup', { activityId, answers: { companions: 0 } });
    const party = await okCall(emulator, resident(18), 'activity', 'signup', { activityId, answers: { companions: 1 } });
    expect(party.status).toBe('waitlisted');
    const key = `holders.${holderKeyOf(liveKeyOf(activityId, null, resident(16)))}`;
    const newer = { id: 'newer-signup-0002', seats: 1, at: new Date() };
    await emulator.db.update('activities', { _id: activityId }, { $inc: { confirmed: 1, seatsLeft: -1 }, $set: { [key]: newer } }, merge);

    await okCall(emulator, resident(16), 'activity', 'cancel', { signupId: old.id });
    expect(signupDocs(emulator, activityId, { _id: party.id })[0].status).toBe('confirmed');
    expect(activityDoc(emulator, activityId)).toMatchObject({ confirmed: 4, seatsLeft: 0 });
    await emulator.db.insert('signups', [
      { ...signupDocs(emulator, activityId, { _id: old.id })[0], _id: newer.id, status: 'confirmed', seats: 1, liveKey: liveKeyOf(activityId, null, resident(16)) },
    ]);
    expectSeatsConsistent(emulator, activityId);
  });
});
