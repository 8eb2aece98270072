import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMUNITY, addPeople, audits, person } from './neighbourhood';

/**
 * A weak signal makes the mini-program send a write again. With the same idempotency key the
 * retry has no second effect and gets the first call's answer.
 */

const COMMITTEE = 'demo-committee';

describe('retrying a write with the same idempotency key', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addPeople(emulator, [person('demo-committee-2', { roles: [{ role: 'committee', communityId: COMMUNITY }] })]);
  });
  afterAll(() => emulator.close());

  const bindingsOf = (openid: string) => emulator.db.find('bindings', { openid });

  it('a binding request sent twice creates one request, still pending, and both answers are the same', async () => {
    const first = await call(emulator, 'o-retry-1', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '1502' }, 'bind-retry-0001');
    const retry = await call(emulator, 'o-retry-1', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '1502' }, 'bind-retry-0001');
    expect(first).toMatchObject({ ok: true, data: { status: 'pending', room: '1502' } });
    expect(retry).toEqual(first);
    expect(bindingsOf('o-retry-1').map((b) => [b._id, b.status])).toEqual([[first.data.id, 'pending']]);
  });

  it('without a key the same request sent twice is two requests (the second replaces the first): the key is what makes a retry safe', async () => {
    await call(emulator, 'o-retry-2', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '1503' });
    await call(emulator, 'o-retry-2', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '1503' });
    expect(
      bindingsOf('o-retry-2')
        .map((b) => b.status)
        .sort(),
    ).toEqual(['pending', 'superseded']);
  });

  it('a new building added twice is one building, with one audit entry', async () => {
    const before = emulator.db.count('units', {});
    const answers = [];
    for (let i = 0; i < 2; i++) answers.push(await call(emulator, COMMITTEE, 'community', 'createUnit', { kind: 'building', name: '7号楼', parentId: 'demo-grid-2' }, 'unit-7-create'));
    expect(answers[1]).toEqual(answers[0]);
    expect(emulator.db.count('units', {})).toBe(before + 1);
    expect(audits(emulator, { action: 'manageUnit', target: answers[0].data.id })).toHaveLength(1);
  });

  it('an approval sent twice gives the same approval the second time, not "already handled"', async () => {
    const asked = await call(emulator, 'o-retry-3', 'user', 'requestBinding', { buildingId: 'demo-building-3', room: '303' });
    const review = () => call(emulator, COMMITTEE, 'user', 'reviewBinding', { bindingId: asked.data.id, decision: 'approve' }, 'review-o-retry-3');
    const first = await review();
    expect(first).toMatchObject({ ok: true, data: { status: 'approved' } });
    expect(await review()).toEqual(first);
    expect(audits(emulator, { action: 'reviewBinding', target: 'o-retry-3' })).toHaveLength(1);
  });

  it('five identical taps at once still create one building; the others get its answer or are told to wait (CONFLICT)', async () => {
    const before = emulator.db.count('units', { name: '8号楼' });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(emulator, COMMITTEE, 'community', 'createUnit', { kind: 'building', name: '8号楼', parentId: 'demo-grid-2' }, 'unit-8-create')),
    );
    expect(emulator.db.count('units', { name: '8号楼' })).toBe(before + 1);
    const created = answers.find((a) => a.ok).data;
    for (const a of answers) {
      if (a.ok) expect(a.data).toEqual(created);
      else expect(a.error).toEqual({ code: 'CONFLICT', message: '上一次提交还在处理中，请稍候' });
    }
  });

  it('a retry after someone else renamed the building does not undo their change (it just repeats the first answer)', async () => {
    const first = await call(emulator, COMMITTEE, 'community', 'renameUnit', { unitId: 'demo-building-4', name: '四号楼' }, 'rename-b4-0001');
    await call(emulator, 'demo-committee-2', 'community', 'renameUnit', { unitId: 'demo-building-4', name: '4号楼（东）' });
    expect(await call(emulator, COMMITTEE, 'community', 'renameUnit', { unitId: 'demo-building-4', name: '四号楼' }, 'rename-b4-0001')).toEqual(first);
    expect(emulator.db.find('units', { _id: 'demo-building-4' })[0].name).toBe('4号楼（东）');
  });

  it("the same key from two different people is two different calls: one neighbour's key never answers another", async () => {
    const a = await call(emulator, 'o-retry-4', 'user', 'requestBinding', { buildingId: 'demo-building-1', room: '401' }, 'shared-key-0001');
    const b = await call(emulator, 'o-retry-5', 'user', 'requestBinding', { buildingId: 'demo-building-1', room: '402' }, 'shared-key-0001');
    expect(b.data).toMatchObject({ openid: 'o-retry-5', room: '402' });
    expect(b.data.id).not.toBe(a.data.id);
  });

  it('the same key on another action is another call', async () => {
    await call(emulator, 'o-retry-6', 'user', 'updateProfile', { displayName: '小六' }, 'my-key-00000001');
    const asked = await call(emulator, 'o-retry-6', 'user', 'requestBinding', { buildingId: 'demo-building-1', room: '601' }, 'my-key-00000001');
    expect(asked).toMatchObject({ ok: true, data: { status: 'pending', room: '601' } });
  });

  it('a refused attempt does not use up its key: fixed and sent again with the same key, it goes through', async () => {
    const refused = await call(emulator, 'o-retry-7', 'user', 'requestBinding', { buildingId: 'no-such-building', room: '701' }, 'bind-retry-0007');
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const fixed = await call(emulator, 'o-retry-7', 'user', 'requestBinding', { buildingId: 'demo-building-1', room: '701' }, 'bind-retry-0007');
    expect(fixed).toMatchObject({ ok: true, data: { building: { id: 'demo-building-1' }, room: '701' } });
    expect(bindingsOf('o-retry-7')).toHaveLength(1);
  });
});

describe('answers kept for retries are forgotten after a day', () => {
  it('the daily timer removes answers older than 24 hours and keeps newer ones; a retry after that runs again', async () => {
    const emulator = await startApp();
    try {
      const first = await call(emulator, 'o-forgetful', 'user', 'updateProfile', { displayName: '小林' }, 'key-forget-0001');
      expect(first.ok).toBe(true);
      await call(emulator, 'o-forgetful', 'user', 'updateProfile', { displayName: '小林二' }, 'key-forget-0002');
      // Age the first answer by two days, as if the call had been made then.
      const [old] = emulator.db.find('idempotency_keys', {}, { order: { createdAt: 1 }, limit: 1 });
      await emulator.db.update('idempotency_keys', { _id: old._id }, { $set: { createdAt: new Date(Date.now() - 48 * 3600_000) } }, { multi: false, merge: true, upsert: false });
      const fired = await emulator.host.fireTimer('user', 'forgetRetryAnswers');
      expect(fired).toMatchObject({ ok: true, result: { ok: true, data: { forgotten: 1 } } });
      expect(emulator.db.count('idempotency_keys', {})).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  it('a caller cannot run a timer job by sending a timer-shaped event', async () => {
    const emulator = await startApp();
    try {
      const res = await fetch(`${emulator.url}/functions/user`, {
        method: 'POST',
        headers: { 'x-openid': 'demo-resident-1' },
        body: JSON.stringify({ Type: 'Timer', TriggerName: 'forgetRetryAnswers' }),
      });
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    } finally {
      await emulator.close();
    }
  });
});
