import fs from 'node:fs';
import path from 'node:path';
import { Emulator } from '../../emulator/app';
import { ROOT, startTestEmulator } from '../helpers/emulator';

interface Captured {
  path: string;
  query: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}
// The captures live in the repository (tests/fixtures/cloudbase-wire): tests read nothing outside it.
const captured: Captured[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'cloudbase-wire', 'requests.json'), 'utf8'));

describe('the 17 requests captured from the real wx-server-sdk, replayed in order', () => {
  let emulator: Emulator;
  const replies: any[] = [];
  /** The document `abc` after each request, to see what each write did. */
  const abcAfter: unknown[] = [];
  let firstQueryUnskipped: any[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator();
    await emulator.db.insert('todos', [
      { _id: 'seed-1', done: false, owner: 'ann', tags: ['a'], name: 'Apple', a: { b: 1 }, arr: [{ x: 3 }], s: [1, 2], n: 3, createdAt: new Date(1) },
      { _id: 'seed-2', done: false, owner: 'ann', tags: ['z'], name: 'apricot', n: 9 },
      { _id: 'seed-3', done: false, owner: 'bob', tags: ['b'], name: 'Banana', a: { b: 2 }, arr: [{ x: 1 }], s: [1, 2], n: 2 },
    ]);
    // The first captured query once more without its offset, to see what it matched.
    const unskipped = await fetch(`${emulator.url}/admin`, { method: 'POST', body: JSON.stringify({ ...captured[0].body, offset: 0 }) });
    firstQueryUnskipped = ((await unskipped.json()) as any).data.list.map((s: string) => JSON.parse(s));
    let transactionId: string | undefined;
    for (const request of captured) {
      const body = { ...request.body };
      // The capture's listener answered startTransaction without an id, so the SDK sent none after it;
      // the real SDK echoes the id it is given, which is what we do here.
      if (transactionId && ['database.commitTransaction', 'database.getDocument', 'database.modifyDocument'].includes(String(body.action))) {
        body.transactionId = transactionId;
      }
      const res = await fetch(`${emulator.url}${request.path}?${request.query}`, {
        method: 'POST',
        headers: request.headers,
        body: JSON.stringify(body),
      });
      const reply: any = await res.json();
      expect(res.status).toBe(200);
      replies.push(reply);
      abcAfter.push(emulator.db.find('todos', { _id: 'abc' })[0] ?? null);
      if (body.action === 'database.startTransaction') transactionId = reply.transactionId;
      if (body.action === 'database.commitTransaction') transactionId = undefined;
    }
  });
  afterAll(() => emulator.close());

  const list = (i: number) => replies[i].data.list.map((s: string) => JSON.parse(s));

  it('answers every request without an error code', () => {
    expect(replies.filter((r) => r.code)).toEqual([]);
    expect(replies).toHaveLength(17);
  });

  it('a query with $in, regex, $exists, $elemMatch, $size and a range keeps only Apple, projected to its title', () => {
    // Apple matches every condition; offset 10 then skips it, as the SDK asked.
    expect(replies[0].data).toMatchObject({ list: [], offset: 10, limit: 20 });
    expect(firstQueryUnskipped).toEqual([{ _id: 'seed-1', title: undefined }].map(({ _id }) => ({ _id })));
  });

  it('$or with $ne and $nin finds documents on any branch', () => {
    expect(
      list(1)
        .map((d: any) => d._id)
        .sort(),
    ).toEqual(['seed-1', 'seed-2', 'seed-3']);
  });

  it('count, add with serverDate, and a get of a missing id', () => {
    expect(replies[2].data.total).toBe(0);
    expect(replies[3].data.insertedIds).toHaveLength(1);
    const added = emulator.db.find('todos', { _id: replies[3].data.insertedIds[0] })[0];
    expect(added.createdAt).toBeInstanceOf(Date);
    expect(Math.abs((added.createdAt as Date).getTime() - Date.now())).toBeLessThan(60_000);
    expect((added.due as Date).getTime()).toBe(1700000000000);
    expect(replies[4].data.list).toEqual([]);
  });

  it('set upserts abc, update applies $inc/$push/$addToSet/$pull/$unset/$set with a server date, remove deletes it', () => {
    expect(replies[5].data).toEqual({ updated: 0, upsert_id: 'abc' });
    expect(abcAfter[5]).toEqual({ _id: 'abc', title: 'y' });
    expect(replies[6].data.updated).toBe(1);
    const { at, ...rest } = abcAfter[6] as { at: Date };
    expect(rest).toEqual({ _id: 'abc', title: 'y', n: 1, tags: ['c'], t2: ['z'], obj: { a: 1 }, nested: { k: 2 } });
    // serverDate({ offset: 1000 }) is the server's clock plus one second.
    expect(Math.abs(at.getTime() - 1000 - Date.now())).toBeLessThan(60_000);
    expect(replies[7].data.deleted).toBe(1);
    expect(emulator.db.find('todos', { _id: 'abc' })).toEqual([]);
  });

  it('a multi update marks the three open todos done, and a multi remove then deletes them', () => {
    expect(replies[8].data.updated).toBe(3);
    expect(replies[9].data.deleted).toBe(3);
    expect(emulator.db.find('todos', {}).map((d) => d.title)).toEqual(['x']);
  });

  it('aggregate groups and sorts (nothing left to group after the removal)', () => {
    expect(replies[10].data.list).toEqual([]);
  });

  it('a transaction reads, increments and commits', () => {
    expect(typeof replies[11].transactionId).toBe('string');
    expect(replies[12].data.list).toEqual([]);
    expect(replies[13].data.updated).toBe(0);
    expect(replies[14].code).toBeUndefined();
  });

  it('addCollection creates a collection that can then be read', () => {
    expect(emulator.db.collectionNames()).toContain('newcoll');
    expect(emulator.db.find('newcoll', {})).toEqual([]);
  });

  it('$nearSphere within 1 km of (113, 23) finds the todo added at that point', () => {
    expect(list(16).map((d: any) => d.title)).toEqual(['x']);
    expect(list(16)[0].loc).toEqual({ type: 'Point', coordinates: [113, 23] });
  });
});
