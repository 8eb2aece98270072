import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { COMMITTEE, Measured, measuredCall, publish } from './activity-fixtures';
import { everything, okCall } from './neighbourhood';

/**
 * What each activity action costs in database requests (the emulator counts them per call, header
 * `x-db-requests`). CloudBase bills and throttles per request and each one is a network round trip
 * inside the function, so a signup that quietly grows from 6 requests to 12 shows up here first.
 * The bounds are what the code measured when they were written; lower is welcome (then tighten them),
 * higher is a regression to explain.
 *
 * Where the requests of a signup go: reading the caller's user document (every action does), then
 * ONE conditional update on the activity that takes the seats only if the signup may have them (no
 * transaction), then the signup's insert: a confirmed signup is those three. When the update takes
 * nothing, one aggregation reads the activity, the person's existing signups and the waitlist ahead
 * (to tell full from closed, answer a retry, and give the position), then the insert: a waitlisted
 * or pending signup is four (three when the instance already saw the activity full: it reads first).
 * An idempotency key costs nothing more: the key fixes the signup's id, so a retry finds it. A
 * cancellation reads the signup with its activity and its waitlist in one aggregation, ends the signup
 * in one conditional write and, when it was confirmed, passes its seat to the first waitlisted in one
 * conditional update on the activity; their confirmation makes their message due (the timer sends it).
 * The screens' reads are exact: `get` 1, `mine` 1 and one more when the page holds waitlisted signups.
 * The committee's approvals are one read, ONE conditional update taking all their seats and ONE
 * write confirming them all, for one signup as for twenty; a rejection is the read and one write a
 * signup. Their messages are written due and sent by the timer (`tellReviewed`).
 */

describe('database requests per activity action', () => {
  let emulator: Emulator;
  let full: string;
  let reviewed: string;
  const cost = async (openid: string, action: string, data: unknown, key?: string): Promise<Measured> => {
    const m = await measuredCall(emulator, openid, 'activity', action, data, key);
    if (!m.res.ok) throw new Error(`${action} as ${openid} failed: ${JSON.stringify(m.res.error)}`);
    expect(m.db).toBeGreaterThan(0);
    if (process.env.SHOW_DB) console.log(`${action} ${m.res.data?.status ?? ''} ${m.db}`);
    return m;
  };

  beforeAll(async () => {
    emulator = await startApp();
    full = await publish(emulator, { capacity: 1 });
    reviewed = await publish(emulator, { capacity: 5, approval: 'committee' });
  });
  afterAll(() => emulator.close());

  it('a confirmed signup makes at most 3 database requests: the user, the conditional take of the seat, the insert', async () => {
    const m = await cost('demo-resident-1', 'signup', { activityId: full, answers: {} });
    expect(m.res.data.status).toBe('confirmed');
    expect(m.db).toBeLessThanOrEqual(3);
  });

  it('a confirmed signup with an idempotency key also makes at most 3; its retry at most 3 (user, the refused take, one read)', async () => {
    const roomy = await publish(emulator, { capacity: 5, title: '带请求标识的报名' });
    const first = await cost('demo-resident-8', 'signup', { activityId: roomy, answers: {} }, 'budget-signup-0008');
    expect(first.res.data.status).toBe('confirmed');
    expect(first.db).toBeLessThanOrEqual(3);
    const retry = await cost('demo-resident-8', 'signup', { activityId: roomy, answers: {} }, 'budget-signup-0008');
    expect(retry.res).toEqual(first.res);
    expect(retry.db).toBeLessThanOrEqual(3);
  });

  it('a waitlisted signup makes at most 4 (the refused take, one read with the waitlist position, the insert)', async () => {
    const m = await cost('demo-resident-2', 'signup', { activityId: full, answers: {} });
    expect(m.res.data).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(m.db).toBeLessThanOrEqual(4);
  });

  it('a pending signup (committee approval) makes at most 4', async () => {
    const m = await cost('demo-resident-3', 'signup', { activityId: reviewed, answers: {} });
    expect(m.res.data.status).toBe('pending');
    expect(m.db).toBeLessThanOrEqual(4);
  });

  it('a second signup by someone already signed up (no key) makes at most 4: the refused take, one read finding the live one, its waitlist position', async () => {
    const m = await cost('demo-resident-2', 'signup', { activityId: full, answers: {} });
    expect(m.res.data.status).toBe('waitlisted');
    expect(m.db).toBeLessThanOrEqual(4);
  });

  it('a waitlisted signup with an idempotency key makes at most 4, as without one; its retry makes at most 3', async () => {
    const first = await cost('demo-resident-4', 'signup', { activityId: full, answers: {} }, 'budget-signup-0004');
    expect(first.res.data.status).toBe('waitlisted');
    expect(first.db).toBeLessThanOrEqual(4);
    const retry = await cost('demo-resident-4', 'signup', { activityId: full, answers: {} }, 'budget-signup-0004');
    expect(retry.res).toEqual(first.res);
    expect(retry.db).toBeLessThanOrEqual(3);
  });

  it('a refused signup (outside the audience) makes at most 3 and writes nothing', async () => {
    const before = everything(emulator);
    const m = await measuredCall(emulator, 'demo-visitor-1', 'activity', 'signup', { activityId: full, answers: {} });
    expect(m.res.error.code).toBe('PERMISSION_DENIED');
    expect(everything(emulator)).toEqual(before);
    expect(m.db).toBeLessThanOrEqual(3);
  });

  it('get (an activity with its community, my signup and its place in the waitlist) makes 1: one aggregation', async () => {
    const m = await cost('demo-resident-2', 'get', { activityId: full });
    expect(m.res.data.mySignups[0].waitlistPosition).toBe(1);
    expect(m.res.data.activity.organiser).toMatchObject({ name: expect.stringContaining('居委会') });
    expect(m.db).toBe(1);
  });

  it('hours (my volunteer hours of the year, by month) makes 1, warm: one aggregation of the ledger', async () => {
    const m = await cost('demo-resident-2', 'hours', {});
    expect(m.res.data.byMonth).toBeDefined();
    expect(m.db).toBeLessThanOrEqual(1);
  });

  it('list (a page of upcoming activities) makes at most 2', async () => {
    const m = await cost('demo-resident-2', 'list', {});
    expect(m.res.data.items.length).toBeGreaterThanOrEqual(2);
    expect(m.db).toBeLessThanOrEqual(2);
  });

  it('mine makes 1 (the page with its activities), 2 when it holds waitlisted signups however many (their places counted together)', async () => {
    const none = await cost('demo-resident-1', 'mine', {});
    expect(none.res.data.items.map((i: any) => i.signup.status)).toEqual(['confirmed']);
    expect(none.db).toBe(1);
    const one = await cost('demo-resident-2', 'mine', {});
    expect(one.res.data.items.filter((i: any) => i.signup.status === 'waitlisted')).toHaveLength(1);
    expect(one.db).toBe(2);
    for (let i = 0; i < 2; i++) {
      const other = await publish(emulator, { capacity: 1, title: `满员活动${i}` });
      await okCall(emulator, 'demo-resident-5', 'activity', 'signup', { activityId: other, answers: {} });
      await okCall(emulator, 'demo-resident-9', 'activity', 'signup', { activityId: other, answers: {} });
      await okCall(emulator, 'demo-resident-2', 'activity', 'signup', { activityId: other, answers: {} });
    }
    const three = await cost('demo-resident-2', 'mine', {});
    expect(three.res.data.items.filter((i: any) => i.signup.status === 'waitlisted').map((i: any) => i.signup.waitlistPosition)).toEqual([2, 2, 1]);
    expect(three.db).toBe(2);
  });

  it('cancelling a waitlisted signup makes 2: the signup with its activity and waitlist in one read, the conditional write', async () => {
    const signup = await okCall(emulator, 'demo-resident-6', 'activity', 'signup', { activityId: full, answers: {} });
    expect(signup.status).toBe('waitlisted');
    const m = await cost('demo-resident-6', 'cancel', { signupId: signup.id });
    expect(m.res.data.status).toBe('cancelled');
    expect(m.db).toBe(2);
  });

  it('cancelling a pending signup makes 2 (nobody waiting behind it)', async () => {
    const signup = await okCall(emulator, 'demo-resident-7', 'activity', 'signup', { activityId: reviewed, answers: {} });
    const m = await cost('demo-resident-7', 'cancel', { signupId: signup.id });
    expect(m.res.data.status).toBe('cancelled');
    expect(m.db).toBe(2);
  });

  it('cancelling a confirmed signup with nobody waiting makes 3: the read, the signup ended, the seat given back', async () => {
    const roomy = await publish(emulator, { capacity: 2, title: '无人候补的活动' });
    const signup = await okCall(emulator, 'demo-resident-7', 'activity', 'signup', { activityId: roomy, answers: {} });
    const m = await cost('demo-resident-7', 'cancel', { signupId: signup.id });
    expect(m.res.data.status).toBe('cancelled');
    expect(m.db).toBe(3);
  });

  it('cancelling a confirmed signup that hands the seat to the first waitlisted makes 4: the read, the signup ended, the seat passed on, their confirmation with its message due; the timer tells them', async () => {
    const confirmed = (await okCall(emulator, 'demo-resident-1', 'activity', 'get', { activityId: full })).mySignups[0];
    const m = await cost('demo-resident-1', 'cancel', { signupId: confirmed.id });
    expect(m.res.data.status).toBe('cancelled');
    expect((await okCall(emulator, 'demo-resident-2', 'activity', 'get', { activityId: full })).mySignups[0].status).toBe('confirmed');
    expect(m.db).toBe(4);
    // The message: the due ones read, each claimed, their activities read, the consent and the record, then no longer due.
    const run = await emulator.host.fireTimer('activity', 'tellPromoted');
    expect(run).toMatchObject({ ok: true, result: { ok: true, data: { told: 1 } } });
    expect(run.dbRequests).toBe(1 + 1 + 1 + 2 + 1);
    expect((await emulator.host.fireTimer('activity', 'tellPromoted')).dbRequests).toBe(1);
  });

  it('approving one pending signup makes 3: the activity with the signup (one read), the seat taken (one conditional update), the signup confirmed with its message due; the timer tells them', async () => {
    const pending = (await okCall(emulator, 'demo-resident-3', 'activity', 'get', { activityId: reviewed })).mySignups[0];
    const m = await cost(COMMITTEE, 'review', { activityId: reviewed, signupIds: [pending.id], decision: 'approve' });
    expect(m.res.data).toMatchObject({ results: [{ status: 'confirmed', message: null }], confirmed: 1, seatsLeft: 4 });
    expect(m.db).toBe(3);
    // The message: the due ones read, each claimed, their activities read, the consent and the record, then no longer due.
    const run = await emulator.host.fireTimer('activity', 'tellReviewed');
    expect(run).toMatchObject({ ok: true, result: { ok: true, data: { told: 1 } } });
    expect(run.dbRequests).toBe(1 + 1 + 1 + 2 + 1);
    expect((await emulator.host.fireTimer('activity', 'tellReviewed')).dbRequests).toBe(1);
  });

  it('approving 20 makes 3 as well, however many fit: all the seats in one update, all the signups in one write', async () => {
    const roomy = await publish(emulator, { capacity: 15, approval: 'committee', audience: { kind: 'public' }, title: '二十人报名的讲座' });
    const ids: string[] = [];
    for (let n = 11; n <= 30; n++) ids.push((await okCall(emulator, `demo-resident-${n}`, 'activity', 'signup', { activityId: roomy, answers: {} })).id);
    const m = await cost(COMMITTEE, 'review', { activityId: roomy, signupIds: [...ids].reverse(), decision: 'approve' });
    expect(m.res.data.results.map((r: any) => [r.signupId, r.status])).toEqual(ids.map((id, i) => [id, i < 15 ? 'confirmed' : 'pending']));
    expect(m.res.data).toMatchObject({ confirmed: 15, seatsLeft: 0 });
    expect(m.db).toBe(3);
  });

  it('rejecting one pending signup makes 2: the read (with the waitlist it would let up), the conditional write with its message due; each further one adds its write', async () => {
    const activityId = await publish(emulator, { capacity: 5, approval: 'committee', audience: { kind: 'public' }, title: '拒绝的报名' });
    const ids: string[] = [];
    for (let n = 31; n <= 33; n++) ids.push((await okCall(emulator, `demo-resident-${n}`, 'activity', 'signup', { activityId, answers: {} })).id);
    const one = await cost(COMMITTEE, 'review', { activityId, signupIds: [ids[0]], decision: 'reject', reason: '名额优先给独居老人' });
    expect(one.res.data.results).toEqual([{ signupId: ids[0], status: 'rejected', message: null }]);
    expect(one.db).toBe(2);
    const two = await cost(COMMITTEE, 'review', { activityId, signupIds: ids.slice(1), decision: 'reject', reason: '名额优先给独居老人' });
    expect(two.res.data.results.map((r: any) => r.status)).toEqual(['rejected', 'rejected']);
    expect(two.db).toBe(3);
  });
});
