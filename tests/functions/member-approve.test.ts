import { Emulator } from '../../emulator/app';
import { registrationIdOf } from '../../server/repositories/member-registrations';
import { call, startApp } from '../helpers/app';
import { HOUR, TEAM, ago, registrationDoc } from './member-fixtures';
import { COMMUNITY, addPeople, okCall, resident } from './neighbourhood';

/**
 * Approving a registration writes two documents without a transaction: the registration approved,
 * then the partyMember role on the person. Each story stages in the store what a call that died
 * between the two leaves (an approved member without the role) and shows what repairs it: the
 * `grantApproved` job or the committee approving again, each while the approval still owes the role
 * (`roleDue`): a role revoked since stays revoked, an account being deleted gets none, and a person
 * who merely edited their profile since still gets it.
 */
const COMMITTEE = 'demo-committee';
const ROLE = { role: 'partyMember', communityId: COMMUNITY };
let serial = 0;

describe('an approval that died between its writes', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  const user = (openid: string) => emulator.db.find('users', { _id: openid })[0];
  const grantJob = async () => {
    const run = await emulator.host.fireTimer('member', 'grantApproved');
    if (!run.ok) throw new Error(run.message);
    return run.result;
  };

  /**
   * A resident whose registration the committee approved `approvedAgo`, whose role never arrived; their
   * document last changed `changedAgo`; `roleDue` as the approval left it ('unkept': approved before it was kept).
   */
  async function approvedWithoutRole(approvedAgo: number, changedAgo: number, roleDue: boolean | 'unkept' = true): Promise<{ openid: string; id: string }> {
    const openid = `approve-crash-${++serial}`;
    await addPeople(emulator, [resident(openid, 'demo-building-2', 'demo-grid-1', COMMUNITY, { updatedAt: ago(changedAgo) })]);
    const id = registrationIdOf(COMMUNITY, openid);
    const reviewedAt = ago(approvedAgo);
    await emulator.db.insert('member_registrations', [registrationDoc(openid, reviewedAt, { createdAt: ago(48 * HOUR), reviewDueAt: ago(-24 * HOUR), ...(roleDue === 'unkept' ? {} : { roleDue }) })]);
    return { openid, id };
  }

  it('the job gives the role to a member approved by a call that died, once, and can then claim', async () => {
    const { openid } = await approvedWithoutRole(HOUR, 2 * HOUR);
    expect(await call(emulator, openid, 'member', 'claim', { taskId: 'demo-wish-1' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 1 } });
    expect(user(openid).roles).toEqual([ROLE]);
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 0 } });
    expect(user(openid).roles).toEqual([ROLE]);
  });

  it('the committee approving again (same team) gives the role the first approval did not', async () => {
    const { openid, id } = await approvedWithoutRole(HOUR, 2 * HOUR);
    expect(await okCall(emulator, COMMITTEE, 'member', 'approve', { registrationId: id, teamId: TEAM })).toMatchObject({ state: 'approved' });
    expect(user(openid).roles).toEqual([ROLE]);
  });

  it('a person who edited their profile since the approval still gets the role, from the job and from approving again', async () => {
    const edited = await approvedWithoutRole(2 * HOUR, HOUR);
    expect(await okCall(emulator, edited.openid, 'user', 'updateProfile', { displayName: '改过名的党员' })).toBeTruthy();
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 1 } });
    expect(user(edited.openid).roles).toEqual([ROLE]);
    const again = await approvedWithoutRole(2 * HOUR, HOUR);
    expect(await okCall(emulator, COMMITTEE, 'member', 'approve', { registrationId: again.id, teamId: TEAM })).toMatchObject({ state: 'approved' });
    expect(user(again.openid).roles).toEqual([ROLE]);
  });

  it('a role revoked (user revokeRole) stays revoked: neither the job nor approving again adds it back', async () => {
    // Revoked before the dead call's role ever arrived.
    const { openid, id } = await approvedWithoutRole(2 * HOUR, 3 * HOUR);
    await okCall(emulator, COMMITTEE, 'user', 'revokeRole', { openid, role: ROLE });
    expect(emulator.db.find('member_registrations', { _id: id })[0].roleDue).toBe(false);
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 0 } });
    expect(await okCall(emulator, COMMITTEE, 'member', 'approve', { registrationId: id, teamId: TEAM })).toMatchObject({ state: 'approved' });
    expect(user(openid).roles).toEqual([]);
    // Revoked after a whole approval gave it.
    const other = `approve-revoked-${++serial}`;
    await addPeople(emulator, [resident(other, 'demo-building-2', 'demo-grid-1', COMMUNITY)]);
    const reg = await okCall(emulator, other, 'member', 'register', { workUnit: '某单位', branch: '某支部', contactName: '张', contactPhone: '13800001111', skills: [], serveTimes: ['周六'] });
    await okCall(emulator, COMMITTEE, 'member', 'approve', { registrationId: reg.id, teamId: TEAM });
    expect(user(other).roles).toEqual([ROLE]);
    await okCall(emulator, COMMITTEE, 'user', 'revokeRole', { openid: other, role: ROLE });
    await emulator.db.update('member_registrations', { _id: reg.id }, { $set: { reviewedAt: ago(HOUR) } }, { multi: false, merge: true, upsert: false });
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 0 } });
    expect(user(other).roles).toEqual([]);
  });

  it('an account whose deletion was asked for gets no role: not from the job, approving again, or an approval after the request', async () => {
    const { openid, id } = await approvedWithoutRole(2 * HOUR, 3 * HOUR);
    await okCall(emulator, openid, 'user', 'deleteAccount', { confirm: true, posts: 'anonymise' });
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 0 } });
    expect(await okCall(emulator, COMMITTEE, 'member', 'approve', { registrationId: id, teamId: TEAM })).toMatchObject({ state: 'approved' });
    expect(user(openid).roles).toEqual([]);
    // Registered, then asked to delete the account while the review was pending: the approval adds no role.
    const late = `approve-deleted-${++serial}`;
    await addPeople(emulator, [resident(late, 'demo-building-2', 'demo-grid-1', COMMUNITY)]);
    const reg = await okCall(emulator, late, 'member', 'register', { workUnit: '某单位', branch: '某支部', contactName: '张', contactPhone: '13800001111', skills: [], serveTimes: ['周六'] });
    await okCall(emulator, late, 'user', 'deleteAccount', { confirm: true, posts: 'anonymise' });
    expect(await okCall(emulator, COMMITTEE, 'member', 'approve', { registrationId: reg.id, teamId: TEAM })).toMatchObject({ state: 'approved' });
    expect(user(late).roles).toEqual([]);
  });

  it('an approval from before roleDue was kept: the role only while the person is unchanged since', async () => {
    const unchanged = await approvedWithoutRole(HOUR, 2 * HOUR, 'unkept');
    const changed = await approvedWithoutRole(2 * HOUR, HOUR, 'unkept');
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 1 } });
    expect([user(unchanged.openid).roles, user(changed.openid).roles]).toEqual([[ROLE], []]);
  });

  it('an approval younger than 5 minutes is left to its call', async () => {
    const { openid } = await approvedWithoutRole(60_000, 2 * HOUR);
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 0 } });
    expect(user(openid).roles).toEqual([]);
  });

  it('approve and reject at the same moment: one decides, and the role comes only with the approval', async () => {
    for (let i = 0; i < 3; i++) {
      const openid = `approve-race-${i}`;
      await addPeople(emulator, [resident(openid, 'demo-building-2', 'demo-grid-1', COMMUNITY)]);
      const reg = await okCall(emulator, openid, 'member', 'register', { workUnit: '某单位', branch: '某支部', contactName: '张', contactPhone: '13800001111', skills: [], serveTimes: ['周六'] });
      const [a, r] = await Promise.all([
        call(emulator, COMMITTEE, 'member', 'approve', { registrationId: reg.id, teamId: TEAM }),
        call(emulator, COMMITTEE, 'member', 'reject', { registrationId: reg.id, reason: '材料不全' }),
      ]);
      expect([a.ok, r.ok].filter(Boolean)).toHaveLength(1);
      const state = emulator.db.find('member_registrations', { _id: reg.id })[0].state;
      expect({ state, roles: user(openid).roles }).toEqual(a.ok ? { state: 'approved', roles: [ROLE] } : { state: 'rejected', roles: [] });
    }
  });
});
