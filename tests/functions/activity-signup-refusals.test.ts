import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, activityDoc, activityFields, publish } from './activity-fixtures';
import { addOtherCommunity, everything, okCall } from './neighbourhood';

/**
 * Signups the rules refuse (window, start, cancelled activity, audience, shift, missing activity or
 * signup), each with a code and message a resident understands and nothing written; and a party too
 * big for the seats left waiting while a smaller one behind it takes them.
 */

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
