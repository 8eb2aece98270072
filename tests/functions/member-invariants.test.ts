import { Emulator } from '../../emulator/app';
import { shanghaiDate, shanghaiInstant } from '../../domain/members/rules';
import { call, startApp } from '../helpers/app';
import { HOUR, addMembers, warmUp, ago, claimsIn, fromNow, insertClaim, insertTask, ledger, taskIn } from './member-fixtures';
import { COMMUNITY, addPeople, everything, okCall, resident } from './neighbourhood';

/**
 * What must hold however people tap and however the network retries: places never over-taken,
 * a keyed retry has one effect, hours credited once and never past 8 a day, rejected proof worth
 * nothing, bad input refused before anything is written.
 */
describe('member invariants', () => {
  let emulator: Emulator;
  let members: string[];
  beforeAll(async () => {
    emulator = await startApp();
    members = await addMembers(emulator, 'inv-member', 30);
    await warmUp(emulator, members);
  });
  afterAll(() => emulator.close());

  it('30 members claiming the last 3 places at once: exactly 3 claims, the rest told it is full', async () => {
    const task = await insertTask(emulator, { places: 10, placesLeft: 3 });
    // Each member's phone retries with the same key until it has an answer: on a loaded machine a call
    // can pass the platform's 3 s timeout, which is a lost answer, not a refusal.
    const claimUntilAnswered = async (openid: string) => {
      for (let attempt = 0; ; attempt++) {
        const res = await call(emulator, openid, 'member', 'claim', { taskId: task._id }, `rush-${openid}`);
        if (res.ok || (res.error && res.error.code !== 'CONFLICT') || attempt > 50) return res;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const answers = await Promise.all(members.map(claimUntilAnswered));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    expect(answers.filter((a) => !a.ok).every((a) => a.error.code === 'FAILED_PRECONDITION' && a.error.message === '名额已满')).toBe(true);
    expect(claimsIn(emulator, { taskId: task._id })).toHaveLength(3);
    expect(taskIn(emulator, task._id).placesLeft).toBe(0);
  });

  it('a claim retried with its idempotency key, even at once, has one effect and one answer', async () => {
    const task = await insertTask(emulator, { places: 5, placesLeft: 5 });
    const first = await call(emulator, members[0], 'member', 'claim', { taskId: task._id }, 'claim-key-0001');
    const retries = await Promise.all([1, 2, 3].map(() => call(emulator, members[0], 'member', 'claim', { taskId: task._id }, 'claim-key-0001')));
    expect(first.ok).toBe(true);
    for (const r of retries) if (r.ok) expect(r.data).toEqual(first.data);
    expect(claimsIn(emulator, { taskId: task._id })).toHaveLength(1);
    expect(taskIn(emulator, task._id).placesLeft).toBe(4);
  });

  it('a member tapping claim twice at once holds one place', async () => {
    const task = await insertTask(emulator, { places: 5, placesLeft: 5 });
    const both = await Promise.all([1, 2].map(() => call(emulator, members[1], 'member', 'claim', { taskId: task._id })));
    expect(both.every((r) => r.ok)).toBe(true);
    expect(both[0].data.id).toBe(both[1].data.id);
    expect(taskIn(emulator, task._id).placesLeft).toBe(4);
  });

  it('verify sent twice at once credits the hours once', async () => {
    const task = await insertTask(emulator, { hours: 2 });
    const claim = await insertClaim(emulator, task, members[2]);
    const both = await Promise.all([1, 2].map(() => call(emulator, 'demo-committee', 'member', 'verify', { claimId: claim._id })));
    expect(both.every((r) => r.ok && r.data.hours === 2)).toBe(true);
    expect(ledger(emulator, { signupId: `member-${claim._id}` })).toHaveLength(1);
    expect(emulator.db.find('member_days', { openid: members[2] })).toMatchObject([{ hours: 2 }]);
  });

  it('rejected proof credits nothing, gives the place back, and cannot be verified after', async () => {
    const task = await insertTask(emulator, { places: 1, placesLeft: 0 });
    const claim = await insertClaim(emulator, task, members[3]);
    expect(await okCall(emulator, 'demo-committee', 'member', 'rejectProof', { claimId: claim._id, reason: '照片看不出完成了' })).toMatchObject({ state: 'rejected', reason: '照片看不出完成了' });
    const after = await call(emulator, 'demo-committee', 'member', 'verify', { claimId: claim._id });
    expect(after).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(ledger(emulator, { openid: members[3] })).toHaveLength(0);
    expect(taskIn(emulator, task._id).placesLeft).toBe(1);
  });

  it('no more than 8 hours a day: three 3-hour shifts on one Shanghai day, verified at once, credit 3 + 3 + 2', async () => {
    const day = shanghaiDate(ago(48 * HOUR));
    const claims = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const startAt = new Date(shanghaiInstant(day, '08:00').getTime() + i * 3 * HOUR);
        const endAt = new Date(startAt.getTime() + 3 * HOUR);
        const task = await insertTask(emulator, { kind: 'shift', startAt, endAt, hours: null });
        return insertClaim(emulator, task, members[4], { checkinAt: startAt, checkoutAt: endAt });
      }),
    );
    const answers = await Promise.all(claims.map((c) => call(emulator, 'demo-committee', 'member', 'verify', { claimId: c._id })));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(answers.map((a) => a.data.hours).sort()).toEqual([2, 3, 3]);
    expect(ledger(emulator, { openid: members[4] }).reduce((s: number, e: any) => s + e.hours, 0)).toBe(8);
  });

  it('a shift’s hours are clamped to the shift: in an hour early, out an hour late on a 2-hour shift is 2 hours', async () => {
    const startAt = ago(5 * HOUR);
    const task = await insertTask(emulator, { kind: 'shift', startAt, endAt: new Date(startAt.getTime() + 2 * HOUR), hours: null });
    const claim = await insertClaim(emulator, task, members[5], { checkinAt: ago(6 * HOUR), checkoutAt: ago(2 * HOUR) });
    expect(await okCall(emulator, 'demo-committee', 'member', 'verify', { claimId: claim._id })).toMatchObject({ hours: 2 });
  });

  it('a shift is handed only to another party member of the community: a resident or someone unknown is refused, nothing written', async () => {
    const task = await insertTask(emulator, { kind: 'shift', startAt: fromNow(24 * HOUR), endAt: fromNow(26 * HOUR), hours: null });
    const claim = await insertClaim(emulator, task, members[7], { state: 'claimed', note: null, photo: null });
    for (const toOpenid of ['demo-resident-1', 'nobody-at-all']) {
      expect(await call(emulator, members[7], 'member', 'askSwap', { claimId: claim._id, toOpenid })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await call(emulator, members[8], 'member', 'askSwap', { claimId: claim._id, toOpenid: members[9] })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(claimsIn(emulator, { _id: claim._id })[0].swapTo).toBeNull();
    expect(await okCall(emulator, members[7], 'member', 'askSwap', { claimId: claim._id, toOpenid: members[9] })).toMatchObject({ state: 'claimed' });
    expect(claimsIn(emulator, { _id: claim._id })[0].swapTo).toBe(members[9]);
  });

  it('one rating per household per task: a second person of the same home is refused; the member sees a number, never who', async () => {
    await addPeople(emulator, [
      resident('inv-home-a', 'demo-building-4', 'demo-grid-2', COMMUNITY, { room: '902' }),
      resident('inv-home-b', 'demo-building-4', 'demo-grid-2', COMMUNITY, { room: '902' }),
    ]);
    const task = await insertTask(emulator, {});
    await insertClaim(emulator, task, members[6], { state: 'verified', hours: 1, points: 15, year: Number(shanghaiDate(new Date()).slice(0, 4)) });
    expect(await okCall(emulator, 'inv-home-a', 'member', 'rate', { taskId: task._id, stars: 2 })).toEqual({ rated: true });
    expect(await call(emulator, 'inv-home-b', 'member', 'rate', { taskId: task._id, stars: 5 })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(await okCall(emulator, 'demo-resident-1', 'member', 'rate', { taskId: task._id, stars: 4 })).toEqual({ rated: true });
    const year = await okCall(emulator, members[6], 'member', 'yearReport', { year: Number(shanghaiDate(new Date()).slice(0, 4)) });
    expect(year).toMatchObject({ rating: 3, ratings: 2 });
    // The ids are hashes (a run of hex may hold "902"); what is stored besides them names no rater and no room.
    const stored = JSON.stringify(emulator.db.find('member_ratings', { taskId: task._id }).map(({ _id, ...rest }) => rest));
    expect(stored).not.toMatch(/inv-home-a|demo-resident-1|(?<![0-9A-Za-z])902(?![0-9A-Za-z])/);
  });

  it.each([
    ['an operator object for an id', 'claim', { taskId: { $ne: null } }],
    ['an unknown field', 'register', { workUnit: '某单位', branch: '某支部', contactName: '张', contactPhone: '13800001111', skills: [], serveTimes: ['周六'], role: 'committee' }],
    ['a phone that is not a mobile number', 'register', { workUnit: '某单位', branch: '某支部', contactName: '张', contactPhone: '12345', skills: [], serveTimes: ['周六'] }],
    ['no time to serve', 'register', { workUnit: '某单位', branch: '某支部', contactName: '张', contactPhone: '13800001111', skills: [], serveTimes: [] }],
    ['a rating of 6 stars', 'rate', { taskId: 'demo-wish-1', stars: 6 }],
    ['a proof photo that is not a cloud file', 'submitProof', { claimId: 'x1', note: '完成了', photo: 'http://evil.example/x.jpg' }],
    ['a rota day 8', 'saveRota', { communityId: COMMUNITY, place: '垃圾箱房', title: '桶前值守', weekdays: [8], start: '07:00', end: '09:00', places: 2 }],
    ['a rota time 25:00', 'saveRota', { communityId: COMMUNITY, place: '垃圾箱房', title: '桶前值守', weekdays: [1], start: '25:00', end: '09:00', places: 2 }],
    ['0 places', 'publishTask', { communityId: COMMUNITY, title: '清理楼道', note: '', places: 0, hours: 1, claimBy: new Date(Date.now() + HOUR).toISOString() }],
  ])('bad input is refused before any write: %s', async (_what, action, data) => {
    const before = everything(emulator);
    const res = await call(emulator, action === 'register' ? 'demo-resident-9' : 'demo-committee', 'member', action, data);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    expect(everything(emulator)).toEqual(before);
  });
});
