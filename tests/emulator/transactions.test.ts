import { Emulator } from '../../emulator/app';
import { callFunction, runInFunction, startTestEmulator } from '../helpers/emulator';

describe('transactions through the real SDK', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await emulator.db.remove('counters', {}, true);
  });

  it('50 concurrent transactions each adding 1 to one counter leave it at exactly +50, retrying conflicts', async () => {
    await emulator.db.insert('counters', [{ _id: 'seats', n: 100 }]);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => callFunction(emulator, 'probe', { action: 'incInTransaction', collection: 'counters', id: 'seats' }, `o-${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(emulator.db.find('counters', { _id: 'seats' })[0].n).toBe(150);
    const conflicts = results.reduce((sum, r) => sum + r.body.conflicts, 0);
    // With 50 at once some must have collided; each collision was retried, none lost.
    expect(conflicts).toBeGreaterThan(0);
    expect(emulator.db.transactions.liveCount).toBe(0);
  }, 60_000);

  it('reads inside a transaction see its own writes; others see nothing until commit', async () => {
    await emulator.db.insert('counters', [{ _id: 'c', n: 1 }]);
    const value = await runInFunction(
      emulator,
      `async ({ db, _ }) => {
        const tx = await db.startTransaction();
        await tx.collection('counters').doc('c').update({ data: { n: _.inc(10) } });
        await tx.collection('counters').add({ data: { _id: 'new', n: 0 } });
        const inside = (await tx.collection('counters').doc('c').get()).data.n;
        const outside = (await db.collection('counters').doc('c').get()).data.n;
        const newOutside = (await db.collection('counters').where({ _id: 'new' }).count()).total;
        await tx.commit();
        const after = (await db.collection('counters').doc('c').get()).data.n;
        return { inside, outside, newOutside, after };
      }`,
    );
    expect(value).toEqual({ inside: 11, outside: 1, newOutside: 0, after: 11 });
    expect(emulator.db.find('counters', { _id: 'new' })).toHaveLength(1);
  });

  it('an aborted transaction and a runTransaction whose callback throws leave nothing behind', async () => {
    await emulator.db.insert('counters', [{ _id: 'c', n: 1 }]);
    const value = await runInFunction(
      emulator,
      `async ({ db, _ }) => {
        const tx = await db.startTransaction();
        await tx.collection('counters').doc('c').update({ data: { n: _.inc(5) } });
        await tx.rollback();
        let thrown = null;
        try {
          await db.runTransaction(async (t) => {
            await t.collection('counters').doc('c').update({ data: { n: _.inc(100) } });
            await t.collection('counters').add({ data: { _id: 'ghost' } });
            throw new Error('座位已满');
          });
        } catch (e) { thrown = e.message; }
        return { thrown, n: (await db.collection('counters').doc('c').get()).data.n,
                 ghosts: (await db.collection('counters').where({ _id: 'ghost' }).count()).total };
      }`,
    );
    expect(value).toEqual({ thrown: '座位已满', n: 1, ghosts: 0 });
  });

  it('two transactions writing one document cannot both commit: the second gets DATABASE_TRANSACTION_CONFLICT', async () => {
    await emulator.db.insert('counters', [{ _id: 'c', n: 1 }]);
    const first = emulator.db.startTransaction();
    const second = emulator.db.startTransaction();
    await emulator.db.update('counters', { _id: 'c' }, { $inc: { n: 1 } }, { multi: false, merge: true, upsert: false }, first);
    await expect(emulator.db.update('counters', { _id: 'c' }, { $inc: { n: 1 } }, { multi: false, merge: true, upsert: false }, second)).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    });
    await emulator.db.commitTransaction(first);
    // The loser was aborted with its conflict; its id is gone.
    await expect(emulator.db.commitTransaction(second)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect(emulator.db.find('counters', { _id: 'c' })[0].n).toBe(2);
  });

  it('a write outside the transaction to a document it read makes its commit fail (no lost update)', async () => {
    await emulator.db.insert('counters', [{ _id: 'c', n: 1 }]);
    const tx = emulator.db.startTransaction();
    const seen = emulator.db.find('counters', { _id: 'c' }, {}, tx)[0].n as number;
    await emulator.db.update('counters', { _id: 'c' }, { $set: { n: 50 } }, { multi: false, merge: true, upsert: false });
    await emulator.db.update('counters', { _id: 'c' }, { $set: { n: seen + 1 } }, { multi: false, merge: true, upsert: false }, tx).catch(() => undefined);
    await expect(emulator.db.commitTransaction(tx)).rejects.toMatchObject({ code: expect.stringMatching(/DATABASE_TRANSACTION_(CONFLICT|FAIL)/) });
    expect(emulator.db.find('counters', { _id: 'c' })[0].n).toBe(50);
  });

  // Two verifications of a member's shifts on one day both read "no hours yet" and both wrote the day
  // total: the second write equalled what the first had committed, so it changed nothing, took no lock
  // and committed 3 where 6 was due. MongoDB's snapshot read makes the second a write conflict.
  it('two transactions that both find a document missing cannot both commit a total built on it, even when the second write equals the first', async () => {
    const first = emulator.db.startTransaction();
    const second = emulator.db.startTransaction();
    const set = { multi: false, merge: false, upsert: true };
    expect(emulator.db.find('counters', { _id: 'day' }, {}, first)).toEqual([]);
    expect(emulator.db.find('counters', { _id: 'day' }, {}, second)).toEqual([]);
    await emulator.db.update('counters', { _id: 'day' }, { hours: 3 }, set, first);
    await emulator.db.commitTransaction(first);
    await expect(emulator.db.update('counters', { _id: 'day' }, { hours: 3 }, set, second)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(emulator.db.transactions.liveCount).toBe(0);
  });

  it('a transaction that read a missing document fails at commit when someone created it meanwhile', async () => {
    const tx = emulator.db.startTransaction();
    expect(emulator.db.find('counters', { _id: 'late' }, {}, tx)).toEqual([]);
    await emulator.db.insert('counters', [{ _id: 'late', n: 1 }]);
    await emulator.db.insert('counters', [{ _id: 'other', n: 0 }], tx);
    await expect(emulator.db.commitTransaction(tx)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(emulator.db.find('counters', { _id: 'other' })).toEqual([]);
  });
});
