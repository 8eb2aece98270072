import fs from 'node:fs';
import path from 'node:path';
import { Emulator } from '../../emulator/app';
import { ORPHAN_HOLD_MS, holdKeyOf } from '../../server/repositories/member-places';
import { TaskDoc } from '../../server/repositories/member-tasks';
import { call, startApp } from '../helpers/app';
import { addMembers, claimsIn, insertClaim, insertTask, taskIn, warmUp } from './member-fixtures';

/**
 * A member's claim takes its place on the task (with a hold naming the claim-to-be) and then writes
 * the claim. A call that dies between the two must not lose the place for good: the reconcilePlaces
 * job (first of the member timer's jobs) gives it back once nothing can still be behind it, and the
 * next member turned away from the full task does the same; the holds of written claims it only
 * clears. After each story the counter agrees with the live claims: placesLeft = places − live
 * claims − holds with no claim (calls still running, or dead).
 */

const LIVE = ['claimed', 'checkedIn', 'submitted', 'verified'];
let serial = 0;

/** What a call that died right after taking the place leaves behind: the place taken, a hold, no claim. */
async function leaveOrphan(emulator: Emulator, task: TaskDoc, at: Date, claimId = `died-${++serial}-${Date.now().toString(36)}`): Promise<string> {
  await emulator.db.update(
    'member_tasks',
    { _id: task._id },
    { $inc: { placesLeft: -1, held: 1 }, $set: { [`holds.${holdKeyOf(claimId)}`]: { id: claimId, at } } },
    { multi: false, merge: true, upsert: false },
  );
  return claimId;
}

async function reconcile(emulator: Emulator): Promise<any> {
  const run = await emulator.host.fireTimer('member', 'reconcilePlaces');
  if (!run.ok) throw new Error(run.message);
  return run.result;
}

/** `running`: holds whose claim is not written (calls still running, or dead); the holds of written claims wait for the job. */
function expectConsistent(emulator: Emulator, taskId: string, running = 0): void {
  const doc = taskIn(emulator, taskId);
  const claims = claimsIn(emulator, { taskId });
  const live = claims.filter((c: any) => LIVE.includes(c.state)).length;
  const written = new Set(claims.map((c: any) => c._id));
  const holds: any[] = Object.values(doc.holds ?? {});
  const unwritten = holds.filter((h) => !written.has(h.id)).length;
  expect({ placesLeft: doc.placesLeft, unwritten, held: doc.held ?? 0 }).toEqual({ placesLeft: Number(doc.places) - live - running, unwritten: running, held: holds.length });
}

/** Every hold of the task as if its call had ended long ago. */
async function ageHolds(emulator: Emulator, taskId: string): Promise<void> {
  const keys = Object.keys(taskIn(emulator, taskId).holds ?? {});
  if (keys.length) await emulator.db.update('member_tasks', { _id: taskId }, { $set: Object.fromEntries(keys.map((k) => [`holds.${k}.at`, longAgo()])) }, { multi: false, merge: true, upsert: false });
}

const longAgo = () => new Date(Date.now() - ORPHAN_HOLD_MS - 60_000);

describe('places of claims whose call died', () => {
  let emulator: Emulator;
  let members: string[];
  beforeAll(async () => {
    emulator = await startApp();
    members = await addMembers(emulator, 'places-member', 30);
    await warmUp(emulator, members);
  });
  afterAll(() => emulator.close());

  it('no call can outlive a hold: the member function times out long before a hold counts as abandoned', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(__dirname, '../../deploy/functions.json'), 'utf8'));
    expect(settings.functions.member.timeout * 1000).toBeLessThan(ORPHAN_HOLD_MS);
  });

  it('claims that went through leave their holds to the job, which settles a task’s all in one update and keeps the places', async () => {
    const task = await insertTask(emulator, { places: 4, placesLeft: 4 });
    for (const m of members.slice(10, 13)) expect((await call(emulator, m, 'member', 'claim', { taskId: task._id })).ok).toBe(true);
    expectConsistent(emulator, task._id);
    expect(taskIn(emulator, task._id).held).toBe(3);
    // Written claims' holds are never given back, however old.
    await ageHolds(emulator, task._id);
    expect(await reconcile(emulator)).toMatchObject({ ok: true, data: { released: 0, settled: 3 } });
    expectConsistent(emulator, task._id);
    expect(taskIn(emulator, task._id)).toMatchObject({ placesLeft: 1, held: 0, holds: {} });
  });

  it('the job leaves a fresh hold alone, then gives the place of the dead call back once, and a member can take it', async () => {
    const task = await insertTask(emulator, { places: 1, placesLeft: 1 });
    const died = await leaveOrphan(emulator, task, new Date());
    expect(await call(emulator, members[1], 'member', 'claim', { taskId: task._id })).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '名额已满' } });
    // A call may still be writing that claim: nothing is given back yet.
    expect(await reconcile(emulator)).toMatchObject({ ok: true, data: { released: 0 } });
    expectConsistent(emulator, task._id, 1);

    await emulator.db.update('member_tasks', { _id: task._id }, { $set: { [`holds.${holdKeyOf(died)}.at`]: longAgo() } }, { multi: false, merge: true, upsert: false });
    expect(await reconcile(emulator)).toMatchObject({ ok: true, data: { released: 1, settled: 0 } });
    expectConsistent(emulator, task._id);
    expect(taskIn(emulator, task._id).placesLeft).toBe(1);
    // Running it again frees nothing more.
    expect(await reconcile(emulator)).toMatchObject({ ok: true, data: { released: 0, settled: 0 } });
    expect(taskIn(emulator, task._id).placesLeft).toBe(1);

    expect((await call(emulator, members[1], 'member', 'claim', { taskId: task._id })).ok).toBe(true);
    expectConsistent(emulator, task._id);
  });

  it('a written claim keeps its place however old its hold: the job only clears the hold', async () => {
    const task = await insertTask(emulator, { places: 2, placesLeft: 2 });
    const claim = await insertClaim(emulator, task, members[2], { state: 'claimed', note: null, photo: null });
    await leaveOrphan(emulator, task, longAgo(), claim._id);
    expect(await reconcile(emulator)).toMatchObject({ ok: true, data: { released: 0, settled: 1 } });
    expectConsistent(emulator, task._id);
    expect(taskIn(emulator, task._id).placesLeft).toBe(1);
  });

  it('the member turned away from a full task gets the place an abandoned call held, without waiting for the timer', async () => {
    const task = await insertTask(emulator, { places: 1, placesLeft: 1 });
    await leaveOrphan(emulator, task, longAgo());
    const res = await call(emulator, members[3], 'member', 'claim', { taskId: task._id });
    expect(res).toMatchObject({ ok: true, data: { state: 'claimed' } });
    expectConsistent(emulator, task._id);
  });

  it('the places of two dead calls, freed while 30 members rush the task and the job runs four times at once, are taken exactly once each', async () => {
    const task = await insertTask(emulator, { places: 5, placesLeft: 5 });
    await leaveOrphan(emulator, task, longAgo());
    await leaveOrphan(emulator, task, longAgo());
    // Three places visibly free, two held by dead calls: five members in the end, never six.
    const rush = async (openid: string) => {
      for (let attempt = 0; ; attempt++) {
        const res = await call(emulator, openid, 'member', 'claim', { taskId: task._id }, `places-rush-${openid}`);
        if (res.ok || (res.error && res.error.code !== 'CONFLICT') || attempt > 50) return res;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const [answers, runs] = await Promise.all([Promise.all(members.map(rush)), Promise.all([1, 2, 3, 4].map(() => reconcile(emulator)))]);
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    expect(answers.filter((a) => !a.ok).every((a) => a.error.message === '名额已满')).toBe(true);
    // Each dead call's place was given back once, by a run of the job or by a member turned away.
    const releasedByJob = runs.reduce((n: number, r: any) => n + r.data.released, 0);
    expect(releasedByJob).toBeLessThanOrEqual(2);
    expect(claimsIn(emulator, { taskId: task._id })).toHaveLength(5);
    expectConsistent(emulator, task._id);
    expect(taskIn(emulator, task._id).placesLeft).toBe(0);
  });

  it.each(['cancelled', 'rejected'])('a claim %s by a call that died before giving its place back: recountPlaces gives it back once nothing can still be behind it', async (state) => {
    const task = await insertTask(emulator, { places: 3, placesLeft: 1 });
    await insertClaim(emulator, task, members[20], { state: 'claimed', note: null, photo: null });
    const ended = await insertClaim(emulator, task, members[21], { state: state as 'cancelled' | 'rejected', liveKey: `dead|ended-${state}`, updatedAt: new Date() });
    const recount = async () => {
      const run = await emulator.host.fireTimer('member', 'recountPlaces');
      if (!run.ok) throw new Error(run.message);
      return run.result;
    };
    // Its call may still be about to give the place back.
    expect(await recount()).toMatchObject({ ok: true, data: { recounted: 0 } });
    expect(taskIn(emulator, task._id).placesLeft).toBe(1);
    await emulator.db.update('member_claims', { _id: ended._id }, { $set: { updatedAt: longAgo() } }, { multi: false, merge: true, upsert: false });
    expect(await recount()).toMatchObject({ ok: true, data: { recounted: 1 } });
    expectConsistent(emulator, task._id);
    expect(taskIn(emulator, task._id).placesLeft).toBe(2);
    expect(await recount()).toMatchObject({ ok: true, data: { recounted: 0 } });
    expect(taskIn(emulator, task._id).placesLeft).toBe(2);
  });

  it('the daily timer runs the job first among the member jobs', async () => {
    const run = await emulator.host.fireTimer('member', 'jobs');
    if (!run.ok) throw new Error(run.message);
    expect((run.result as any).data.jobs.map((j: any) => j.name)).toEqual(['reconcilePlaces', 'recountPlaces', 'creditVerified', 'grantApproved', 'flagOverdue', 'generateShifts', 'finaliseStars']);
  });
});
