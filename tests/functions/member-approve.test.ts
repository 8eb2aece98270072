import { Emulator } from '../../emulator/app';
import { registrationIdOf } from '../../server/repositories/member-registrations';
import { call, startApp } from '../helpers/app';
import { HOUR, TEAM, ago } from './member-fixtures';
import { COMMUNITY, addPeople, okCall, resident } from './neighbourhood';

/**
 * Approving a registration writes two documents without a transaction: the registration approved,
 * then the partyMember role on the person. Each story stages in the store what a call that died
 * between the two leaves (an approved member without the role) and shows what repairs it: the
 * `grantApproved` job or the committee approving again, each only while nothing changed the person
 * since the approval, so a role revoked since stays revoked.
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

  /** A resident whose registration the committee approved `approvedAgo`, whose role never arrived; their document last changed `changedAgo`. */
  async function approvedWithoutRole(approvedAgo: number, changedAgo: number): Promise<{ openid: string; id: string }> {
    const openid = `approve-crash-${++serial}`;
    await addPeople(emulator, [resident(openid, 'demo-building-2', 'demo-grid-1', COMMUNITY, { updatedAt: ago(changedAgo) })]);
    const id = registrationIdOf(COMMUNITY, openid);
    const reviewedAt = ago(approvedAgo);
    await emulator.db.insert('member_registrations', [
      {
        _id: id,
        openid,
        communityId: COMMUNITY,
        displayName: '报到居民',
        workUnit: '某单位',
        branch: '某支部',
        contactName: '张',
        contactPhone: '13800001111',
        skills: [],
        serveTimes: ['周六'],
        state: 'approved',
        reason: null,
        teamId: TEAM,
        teamName: '垃圾分类督导队',
        post: null,
        createdAt: ago(48 * HOUR),
        reviewDueAt: ago(-24 * HOUR),
        overdue: false,
        reviewedAt,
        updatedAt: reviewedAt,
      },
    ]);
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

  it('a person changed since the approval (a role revoked) is left as they are, by the job and by approving again', async () => {
    const { openid, id } = await approvedWithoutRole(2 * HOUR, HOUR);
    expect(await grantJob()).toMatchObject({ ok: true, data: { granted: 0 } });
    expect(await okCall(emulator, COMMITTEE, 'member', 'approve', { registrationId: id, teamId: TEAM })).toMatchObject({ state: 'approved' });
    expect(user(openid).roles).toEqual([]);
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
