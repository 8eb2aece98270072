import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMUNITY, OTHER, addBuilding, addOtherCommunity, addPeople, audits, okCall, person } from './neighbourhood';

/** A newcomer joins their building: request → the committee's review → resident (or told why not). */

const COMMITTEE = 'demo-committee';
const SECOND_COMMITTEE = 'demo-committee-2';

describe('joining a building', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addPeople(emulator, [person(SECOND_COMMITTEE, { roles: [{ role: 'committee', communityId: COMMUNITY }] })]);
  });
  afterAll(() => emulator.close());

  const request = (openid: string, buildingId: string, room: string) => call(emulator, openid, 'user', 'requestBinding', { buildingId, room });
  const review = (openid: string, bindingId: string, decision: 'approve' | 'reject', reason?: string) =>
    call(emulator, openid, 'user', 'reviewBinding', { bindingId, decision, ...(reason ? { reason } : {}) });
  const binding = (id: string) => emulator.db.find('bindings', { _id: id })[0];

  it('a newcomer asks to join 3号楼, the committee approves, and `me` shows them as a resident of 3号楼, 第2微网格, 友邻居民区, room 502', async () => {
    expect(await okCall(emulator, 'o-newcomer-1', 'user', 'me', {})).toMatchObject({ status: 'visitor', building: null, latestBinding: null });

    const asked = await okCall(emulator, 'o-newcomer-1', 'user', 'requestBinding', { buildingId: 'demo-building-3', room: '502' });
    expect(asked).toMatchObject({
      openid: 'o-newcomer-1',
      status: 'pending',
      room: '502',
      communityId: COMMUNITY,
      reason: null,
      reviewedAt: null,
      building: { id: 'demo-building-3', name: '3号楼' },
      grid: { id: 'demo-grid-2', name: '第2微网格' },
    });
    expect(await okCall(emulator, 'o-newcomer-1', 'user', 'me', {})).toMatchObject({ status: 'visitor', latestBinding: { id: asked.id, status: 'pending' } });

    const approved = await okCall(emulator, COMMITTEE, 'user', 'reviewBinding', { bindingId: asked.id, decision: 'approve' });
    expect(approved).toMatchObject({ id: asked.id, status: 'approved', reviewedAt: expect.any(String) });

    expect(await okCall(emulator, 'o-newcomer-1', 'user', 'me', {})).toMatchObject({
      status: 'resident',
      room: '502',
      building: { id: 'demo-building-3', name: '3号楼' },
      grid: { id: 'demo-grid-2', name: '第2微网格' },
      community: { id: COMMUNITY, name: '友邻居民区' },
      street: { id: 'demo-street', name: '新翔街道' },
      latestBinding: null,
    });
    expect(audits(emulator, { action: 'reviewBinding', target: 'o-newcomer-1' })).toEqual([
      expect.objectContaining({ actor: COMMITTEE, detail: { bindingId: asked.id, decision: 'approve' }, at: expect.any(Date) }),
    ]);
  });

  it("the seeded newcomer's waiting request (1号楼, room 602) is approved and they become a resident there", async () => {
    await okCall(emulator, COMMITTEE, 'user', 'reviewBinding', { bindingId: 'demo-binding-1', decision: 'approve' });
    expect(await okCall(emulator, 'demo-visitor-1', 'user', 'me', {})).toMatchObject({ status: 'resident', room: '602', building: { id: 'demo-building-1', name: '1号楼' } });
  });

  it('a rejection carries the reason, which the newcomer sees in their profile; they stay a visitor', async () => {
    const asked = await okCall(emulator, 'o-newcomer-2', 'user', 'requestBinding', { buildingId: 'demo-building-4', room: '301' });
    const rejected = await okCall(emulator, COMMITTEE, 'user', 'reviewBinding', { bindingId: asked.id, decision: 'reject', reason: '4号楼没有301室，请核对房号' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: '4号楼没有301室，请核对房号', reviewedAt: expect.any(String) });
    expect(binding(asked.id)).toMatchObject({ status: 'rejected', reason: '4号楼没有301室，请核对房号', reviewedBy: COMMITTEE });
    expect(await okCall(emulator, 'o-newcomer-2', 'user', 'me', {})).toMatchObject({
      status: 'visitor',
      building: null,
      latestBinding: { id: asked.id, status: 'rejected', reason: '4号楼没有301室，请核对房号' },
    });
  });

  it('a rejection without a reason (or with a one-character one) is INVALID_ARGUMENT and the request stays pending', async () => {
    const asked = await okCall(emulator, 'o-newcomer-3', 'user', 'requestBinding', { buildingId: 'demo-building-4', room: '302' });
    expect(await review(COMMITTEE, asked.id, 'reject')).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '拒绝时请写明理由' } });
    expect(await review(COMMITTEE, asked.id, 'reject', '否')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('理由') } });
    expect(binding(asked.id)).toMatchObject({ status: 'pending', reason: null, reviewedBy: null });
  });

  it('one pending request per person: a second request replaces the first, which becomes "superseded" and can no longer be approved', async () => {
    const first = await okCall(emulator, 'o-newcomer-4', 'user', 'requestBinding', { buildingId: 'demo-building-1', room: '101' });
    const second = await okCall(emulator, 'o-newcomer-4', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '202' });
    expect(binding(first.id)).toMatchObject({ status: 'superseded' });
    expect(emulator.db.find('bindings', { openid: 'o-newcomer-4', status: 'pending' }).map((b) => b._id)).toEqual([second.id]);
    expect((await okCall(emulator, 'o-newcomer-4', 'user', 'me', {})).latestBinding).toMatchObject({ id: second.id, room: '202' });

    const queue = await okCall(emulator, COMMITTEE, 'user', 'pendingBindings', { communityId: COMMUNITY });
    expect(queue.items.filter((b: any) => b.openid === 'o-newcomer-4').map((b: any) => b.id)).toEqual([second.id]);
    expect(await review(COMMITTEE, first.id, 'approve')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await okCall(emulator, 'o-newcomer-4', 'user', 'me', {})).status).toBe('visitor');
  });

  it('one person sending two different requests at once (a double tap, no key) still has one pending request; the other is superseded', async () => {
    const people = Array.from({ length: 6 }, (_, i) => `o-double-tap-${i}`);
    // Half of them have used the app before; for the others this is their very first call.
    for (const openid of people.slice(0, 3)) await okCall(emulator, openid, 'user', 'me', {});
    const answers = await Promise.all(people.flatMap((openid) => [request(openid, 'demo-building-1', '701'), request(openid, 'demo-building-2', '702')]));
    expect(answers.every((a) => a.ok)).toBe(true);
    for (const openid of people) {
      expect(
        emulator.db
          .find('bindings', { openid })
          .map((b) => b.status)
          .sort(),
      ).toEqual(['pending', 'superseded']);
    }
  });

  it('two committee members approving the same request at once: one wins, the other is told CONFLICT, and it is applied once', async () => {
    const asked = await okCall(emulator, 'o-newcomer-5', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '1102' });
    const answers = await Promise.all([review(COMMITTEE, asked.id, 'approve'), review(SECOND_COMMITTEE, asked.id, 'approve')]);
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect(answers.find((a) => !a.ok).error.message).toMatch(/已经处理过/);
    expect(audits(emulator, { action: 'reviewBinding', target: 'o-newcomer-5' })).toHaveLength(1);
    const winner = answers.find((a) => a.ok).data;
    expect(binding(asked.id)).toMatchObject({ status: 'approved', reviewedAt: new Date(winner.reviewedAt) });
  });

  it('an approval and a rejection at once: exactly one decision stands, and the person ends up matching it', async () => {
    const asked = await okCall(emulator, 'o-newcomer-6', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '1103' });
    const answers = await Promise.all([review(COMMITTEE, asked.id, 'approve'), review(SECOND_COMMITTEE, asked.id, 'reject', '重复申请')]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => a.error.code)).toEqual(['CONFLICT']);
    const stored = binding(asked.id);
    const me = await okCall(emulator, 'o-newcomer-6', 'user', 'me', {});
    expect(me.status).toBe(stored.status === 'approved' ? 'resident' : 'visitor');
  });

  it.each([
    ['a building that does not exist', 'no-such-building'],
    ['a grid given as the building', 'demo-grid-1'],
    ['the community given as the building', COMMUNITY],
  ])('asking to join %s is NOT_FOUND and writes nothing', async (_what, buildingId) => {
    const before = emulator.db.count('bindings', {});
    expect(await request('o-newcomer-7', buildingId, '101')).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/楼组/) } });
    expect(emulator.db.count('bindings', {})).toBe(before);
  });

  it('asking to join an archived building is NOT_FOUND', async () => {
    await addBuilding(emulator, 'bd-archived');
    await okCall(emulator, COMMITTEE, 'community', 'archiveUnit', { unitId: 'bd-archived' });
    expect(await request('o-newcomer-7', 'bd-archived', '101')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(emulator.db.count('bindings', { buildingId: 'bd-archived' })).toBe(0);
  });

  it('a request whose building was archived while it waited cannot be approved (NOT_FOUND), so nobody is "approved" into a hidden building', async () => {
    await addBuilding(emulator, 'bd-closing');
    const asked = await okCall(emulator, 'o-newcomer-8', 'user', 'requestBinding', { buildingId: 'bd-closing', room: '101' });
    await okCall(emulator, COMMITTEE, 'community', 'archiveUnit', { unitId: 'bd-closing' });
    expect(await review(COMMITTEE, asked.id, 'approve')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(binding(asked.id)).toMatchObject({ status: 'pending' });
    expect(await review(COMMITTEE, asked.id, 'reject', '该楼组已撤销')).toMatchObject({ ok: true, data: { status: 'rejected' } });
  });

  it('reviewing a request that does not exist is NOT_FOUND', async () => {
    expect(await review(COMMITTEE, 'no-such-binding', 'approve')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a resident asking again for the building and room they already live in is FAILED_PRECONDITION', async () => {
    expect(await request('demo-visitor-1', 'demo-building-1', '602')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });
});

describe("the committee's queue of requests", () => {
  let emulator: Emulator;
  const newcomers = Array.from({ length: 25 }, (_, i) => `o-queue-${String(i + 1).padStart(2, '0')}`);
  beforeAll(async () => {
    emulator = await startApp();
    // One after another, so the order they asked in is the order the queue must show.
    for (const [i, openid] of newcomers.entries()) {
      await okCall(emulator, openid, 'user', 'requestBinding', { buildingId: `demo-building-${1 + (i % 4)}`, room: `${100 + i}` });
    }
  });
  afterAll(() => emulator.close());

  async function readAll(limit?: number): Promise<{ pages: any[][]; items: any[] }> {
    const pages: any[][] = [];
    let cursor: string | undefined;
    do {
      const page = await okCall(emulator, 'demo-committee', 'user', 'pendingBindings', { communityId: COMMUNITY, ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
      pages.push(page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    return { pages, items: pages.flat() };
  }

  it('lists every waiting request oldest first (the seeded one, then the 25 new ones in the order asked), 20 a page, no duplicates or gaps', async () => {
    const { pages, items } = await readAll();
    expect(pages.map((p) => p.length)).toEqual([20, 6]);
    expect(items.map((b) => b.openid)).toEqual(['demo-visitor-1', ...newcomers]);
    expect(new Set(items.map((b) => b.id)).size).toBe(26);
    const times = items.map((b) => Date.parse(b.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(items.every((b) => b.status === 'pending' && b.communityId === COMMUNITY && b.building.name.endsWith('号楼'))).toBe(true);
  });

  it('smaller pages (7) walk the same queue in the same order', async () => {
    const { pages, items } = await readAll(7);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 5]);
    expect(items.map((b) => b.openid)).toEqual(['demo-visitor-1', ...newcomers]);
  });

  it('requests made in the same millisecond are each listed once, across page boundaries', async () => {
    await addOtherCommunity(emulator);
    const sameInstant = new Date('2026-11-20T01:00:00.123Z');
    const ids = ['tie-e', 'tie-a', 'tie-g', 'tie-c', 'tie-b', 'tie-f', 'tie-d'];
    await emulator.db.insert(
      'bindings',
      ids.map((id) => ({
        _id: id,
        openid: `o-${id}`,
        buildingId: OTHER.building,
        gridId: OTHER.grid,
        communityId: OTHER.community,
        room: '101',
        status: 'pending',
        reason: null,
        reviewedBy: null,
        reviewedAt: null,
        createdAt: sameInstant,
      })),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await okCall(emulator, 'other-committee', 'user', 'pendingBindings', { communityId: OTHER.community, limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((b: any) => b.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual([...ids].sort());
  });

  it('requests handled between pages do not shift the rest: the next page neither repeats nor skips anyone', async () => {
    const first = await okCall(emulator, 'demo-committee', 'user', 'pendingBindings', { communityId: COMMUNITY, limit: 10 });
    for (const b of first.items.slice(0, 5)) await okCall(emulator, 'demo-committee', 'user', 'reviewBinding', { bindingId: b.id, decision: 'approve' });
    const second = await okCall(emulator, 'demo-committee', 'user', 'pendingBindings', { communityId: COMMUNITY, limit: 10, cursor: first.nextCursor });
    expect(second.items.map((b: any) => b.openid)).toEqual(newcomers.slice(9, 19));
  });
});
