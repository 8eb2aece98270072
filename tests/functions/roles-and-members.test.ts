import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMUNITY, MASKED_PHONE, OTHER, addOtherCommunity, addPeople, audits, everything, okCall, resident, unit } from './neighbourhood';

/** The committee gives and takes roles in its own community, and lists its members with phones masked. */

const COMMITTEE = 'demo-committee';
const VOLUNTEER = { role: 'volunteer', communityId: COMMUNITY } as const;
const GRID_WORKER = { role: 'gridWorker', communityId: COMMUNITY, gridId: 'demo-grid-2' } as const;
const PROVIDER = { role: 'provider', communityId: COMMUNITY, partnerId: 'demo-partner-hospital' } as const;

describe('roles', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
    await emulator.db.insert('units', [{ ...unit('demo-grid-old', 'grid', '旧微网格', COMMUNITY, COMMUNITY), archived: true }]);
  });
  afterAll(() => emulator.close());

  const assign = (target: string, role: unknown, as = COMMITTEE, key?: string) => call(emulator, as, 'user', 'assignRole', { openid: target, role }, key);
  const revoke = (target: string, role: unknown, as = COMMITTEE, key?: string) => call(emulator, as, 'user', 'revokeRole', { openid: target, role }, key);
  const rolesOf = async (openid: string) => (await okCall(emulator, openid, 'user', 'me', {})).roles;

  it.each([
    ['a volunteer', 'demo-resident-2', VOLUNTEER],
    ['a grid worker of 第2微网格', 'demo-resident-3', GRID_WORKER],
    ['a provider for the community health centre', 'demo-resident-4', PROVIDER],
  ])('the committee makes a resident %s; the resident sees it, and the audit log says who, what and when', async (_what, target, role) => {
    const startedAt = Date.now();
    expect(await assign(target, role)).toEqual({ ok: true, data: { openid: target, roles: [role] } });
    expect(await rolesOf(target)).toEqual([role]);
    const [entry] = audits(emulator, { action: 'assignRole', target });
    expect(entry).toMatchObject({ actor: COMMITTEE, detail: { role } });
    expect((entry.at as Date).getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
  });

  it('the committee takes a role away; the person no longer has it, and that is audited too', async () => {
    await okCall(emulator, COMMITTEE, 'user', 'assignRole', { openid: 'demo-resident-5', role: VOLUNTEER });
    expect(await revoke('demo-resident-5', VOLUNTEER)).toEqual({ ok: true, data: { openid: 'demo-resident-5', roles: [] } });
    expect(await rolesOf('demo-resident-5')).toEqual([]);
    expect(audits(emulator, { target: 'demo-resident-5' }).map((a) => [a.actor, a.action])).toEqual([
      [COMMITTEE, 'assignRole'],
      [COMMITTEE, 'revokeRole'],
    ]);
  });

  it('taking one role leaves the others: a grid worker who was also a volunteer stays a grid worker', async () => {
    await okCall(emulator, COMMITTEE, 'user', 'assignRole', { openid: 'demo-resident-6', role: VOLUNTEER });
    await okCall(emulator, COMMITTEE, 'user', 'assignRole', { openid: 'demo-resident-6', role: GRID_WORKER });
    await okCall(emulator, COMMITTEE, 'user', 'revokeRole', { openid: 'demo-resident-6', role: VOLUNTEER });
    expect(await rolesOf('demo-resident-6')).toEqual([GRID_WORKER]);
  });

  it('three role changes to one person at once all stand (none overwrites another), each audited', async () => {
    const answers = await Promise.all([VOLUNTEER, GRID_WORKER, PROVIDER].map((role) => assign('demo-resident-12', role)));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(await rolesOf('demo-resident-12')).toEqual(expect.arrayContaining([VOLUNTEER, GRID_WORKER, PROVIDER]));
    expect(audits(emulator, { target: 'demo-resident-12', action: 'assignRole' })).toHaveLength(3);
  });

  it('repeating a change changes nothing: one role, one audit entry, the same answer', async () => {
    const first = await assign('demo-resident-7', VOLUNTEER);
    const again = await assign('demo-resident-7', VOLUNTEER);
    expect(again).toEqual(first);
    expect(await rolesOf('demo-resident-7')).toEqual([VOLUNTEER]);
    await okCall(emulator, COMMITTEE, 'user', 'revokeRole', { openid: 'demo-resident-7', role: VOLUNTEER });
    expect(await revoke('demo-resident-7', VOLUNTEER)).toEqual({ ok: true, data: { openid: 'demo-resident-7', roles: [] } });
    expect(audits(emulator, { target: 'demo-resident-7' }).map((a) => a.action)).toEqual(['assignRole', 'revokeRole']);
  });

  it.each([
    ['make someone an admin', () => assign('demo-resident-8', { role: 'admin' }), 'PERMISSION_DENIED'],
    ['take the admin role away', () => revoke('demo-admin', { role: 'admin' }), 'PERMISSION_DENIED'],
    ['make someone a volunteer of another community', () => assign('demo-resident-8', { role: 'volunteer', communityId: OTHER.community }), 'PERMISSION_DENIED'],
    ["take away the other community's committee member", () => revoke('other-committee', { role: 'committee', communityId: OTHER.community }), 'PERMISSION_DENIED'],
    ['make someone grid worker of a grid of another community', () => assign('demo-resident-8', { ...GRID_WORKER, gridId: OTHER.grid }), 'INVALID_ARGUMENT'],
    ['make someone grid worker of an archived grid', () => assign('demo-resident-8', { ...GRID_WORKER, gridId: 'demo-grid-old' }), 'INVALID_ARGUMENT'],
    ['make someone grid worker of a building (not a grid)', () => assign('demo-resident-8', { ...GRID_WORKER, gridId: 'demo-building-1' }), 'INVALID_ARGUMENT'],
    ["make someone provider for another community's school", () => assign('demo-resident-8', { ...PROVIDER, partnerId: OTHER.partner }), 'INVALID_ARGUMENT'],
    ['give a role to someone who never used the app', () => assign('o-nobody', VOLUNTEER), 'NOT_FOUND'],
  ])('the committee cannot %s, and nothing changes', async (_what, attempt, code) => {
    const before = everything(emulator);
    expect(await attempt()).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    expect(everything(emulator)).toEqual(before);
  });

  it("a committee member of another community cannot give roles here, even to that community's own resident", async () => {
    expect(await assign('demo-resident-9', VOLUNTEER, 'other-committee')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await rolesOf('demo-resident-9')).toEqual([]);
  });

  it('an admin can make someone an admin, anywhere', async () => {
    expect(await assign('demo-resident-10', { role: 'admin' }, 'demo-admin')).toMatchObject({ ok: true, data: { roles: [{ role: 'admin' }] } });
    expect(audits(emulator, { action: 'assignRole', target: 'demo-resident-10' })).toEqual([expect.objectContaining({ actor: 'demo-admin' })]);
  });

  it('a retried assignment with the same idempotency key gives the first answer and writes one audit entry', async () => {
    const first = await assign('demo-resident-11', VOLUNTEER, COMMITTEE, 'assign-r11-volunteer');
    const retry = await assign('demo-resident-11', VOLUNTEER, COMMITTEE, 'assign-r11-volunteer');
    expect(retry).toEqual(first);
    expect(audits(emulator, { target: 'demo-resident-11' })).toHaveLength(1);
  });
});

describe('the member list', () => {
  let emulator: Emulator;
  const extra = Array.from({ length: 30 }, (_, i) => `o-member-${String(i + 1).padStart(2, '0')}`);
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
    await addPeople(
      emulator,
      extra.map((openid, i) => resident(openid, 'demo-building-1', 'demo-grid-1', COMMUNITY, { phone: `1391234${String(i).padStart(4, '0')}` })),
    );
  });
  afterAll(() => emulator.close());

  async function listAll(filter: Record<string, unknown>, limit?: number): Promise<{ pages: number[]; items: any[] }> {
    const pages: number[] = [];
    const items: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await okCall(emulator, COMMITTEE, 'user', 'listMembers', { communityId: COMMUNITY, ...filter, ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
      pages.push(page.items.length);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 20);
    return { pages, items };
  }

  it.each([
    ['第1微网格', { gridId: 'demo-grid-1' }, { gridId: 'demo-grid-1' }],
    ['1号楼', { buildingId: 'demo-building-1' }, { buildingId: 'demo-building-1' }],
    ['the whole community', {}, { communityId: COMMUNITY }],
  ])('lists everyone of %s, at most 20 a page, no one twice and no one missing', async (_what, filter, query) => {
    const { pages, items } = await listAll(filter);
    const expected = emulator.db
      .find('users', query, { limit: 1000 })
      .map((u) => u._id)
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    expect(pages.every((n) => n <= 20)).toBe(true);
    expect(pages.slice(0, -1).every((n) => n === 20)).toBe(true);
    expect(items.map((m) => m.openid).sort()).toEqual(expected);
    expect(new Set(items.map((m) => m.openid)).size).toBe(items.length);
  });

  it('pages of 8 by grid: the same members, in the same order', async () => {
    const big = await listAll({ gridId: 'demo-grid-1' });
    const small = await listAll({ gridId: 'demo-grid-1' }, 8);
    expect(small.pages.every((n) => n <= 8)).toBe(true);
    expect(small.items.map((m) => m.openid)).toEqual(big.items.map((m) => m.openid));
  });

  it('by building shows each member with their room, building and grid names, and nobody from another community', async () => {
    const { items } = await listAll({ buildingId: 'demo-building-1' });
    expect(items.every((m) => m.building?.name === '1号楼' && m.grid?.name === '第1微网格' && typeof m.room === 'string')).toBe(true);
    expect(items.some((m) => m.openid.startsWith('other-'))).toBe(false);
  });

  it('phones are masked (139****0007) in an ordinary listing, and such a listing is not audited', async () => {
    const auditsBefore = audits(emulator).length;
    const { items } = await listAll({ buildingId: 'demo-building-1' });
    const phones = items.map((m) => m.phone).filter((p) => p !== null);
    expect(phones.length).toBeGreaterThan(20);
    expect(phones.every((p) => MASKED_PHONE.test(p))).toBe(true);
    expect(items.find((m) => m.openid === 'o-member-08').phone).toBe('139****0007');
    expect(audits(emulator).length).toBe(auditsBefore);
  });

  it('with unmask: true the committee sees full phones, and every such page is in the audit log with who, where and how many', async () => {
    const { pages, items } = await listAll({ buildingId: 'demo-building-1', unmask: true });
    expect(items.find((m) => m.openid === 'o-member-08').phone).toBe('13912340007');
    const entries = audits(emulator, { action: 'unmaskPhones' });
    expect(entries).toHaveLength(pages.length);
    for (const [i, entry] of entries.entries()) {
      expect(entry).toMatchObject({ actor: COMMITTEE, target: 'demo-building-1', detail: { communityId: COMMUNITY, count: pages[i] }, at: expect.any(Date) });
    }
  });

  it("another community's committee cannot list this community's members, masked or not", async () => {
    for (const unmask of [false, true]) {
      const res = await call(emulator, 'other-committee', 'user', 'listMembers', { communityId: COMMUNITY, unmask });
      expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    expect(audits(emulator, { actor: 'other-committee' })).toEqual([]);
  });
});
