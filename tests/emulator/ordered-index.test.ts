import { Database, FindOptions } from '../../emulator/store/database';
import { IndexSpec } from '../../emulator/store/indexes';
import { Doc } from '../../emulator/store/types';

const multi = { multi: true, merge: true, upsert: false };
const BASE = Date.UTC(2024, 0, 1);
const N = 10_000;

/** 10,000 posts over 3 communities; every 7 consecutive posts share a createdAt, ids are shuffled. */
function posts(): Doc[] {
  return Array.from({ length: N }, (_, i) => ({
    // 7919 and 10007 are coprime: unique ids whose order has nothing to do with insertion order.
    _id: `p${String((i * 7919) % 10007).padStart(5, '0')}`,
    communityId: `c${i % 3}`,
    status: i % 2 === 0 ? 'visible' : 'hidden',
    createdAt: new Date(BASE + Math.floor(i / 7) * 60_000),
    n: i,
  }));
}

async function pair(indexes: IndexSpec[] = [{ name: 'community_createdAt', keys: { communityId: 1, createdAt: -1 } }]) {
  const indexed = Database.open({ schema: [{ name: 'posts', indexes }] });
  const plain = Database.open({ schema: [{ name: 'posts', indexes: [] }] });
  const docs = posts();
  for (let i = 0; i < docs.length; i += 2000) {
    await indexed.insert('posts', docs.slice(i, i + 2000));
    await plain.insert('posts', docs.slice(i, i + 2000));
  }
  /** Runs the query on both databases, expects the same result, returns it with the indexed plan. */
  const both = (query: Doc, options: FindOptions) => {
    const got = indexed.find('posts', query, options);
    expect(got).toEqual(plain.find('posts', query, options));
    return { docs: got, plan: indexed.explain('posts', query, options) };
  };
  return { indexed, plain, both };
}

const newest = { order: { createdAt: -1, _id: -1 }, limit: 20 };

describe('ordered index walks', () => {
  it('the first feed page walks the index and stops after the page, with the unindexed result', async () => {
    const { both, plain } = await pair();
    const { docs, plan } = both({ communityId: 'c1' }, newest);
    expect(docs).toHaveLength(20);
    expect(plan).toMatchObject({ index: 'community_createdAt', ordered: true, returned: 20 });
    expect(plan.examined).toBeLessThanOrEqual(25);
    const times = docs.map((d) => (d.createdAt as Date).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Without an index the same page examines the whole collection.
    expect(plain.explain('posts', { communityId: 'c1' }, newest)).toMatchObject({ examined: N, index: null, returned: 20 });
  });

  it('paging with a (createdAt, _id) cursor has no duplicates or gaps and equals the unindexed pages', async () => {
    const { both, plain } = await pair();
    const seen: string[] = [];
    let after: Doc | null = null;
    for (let page = 0; page < 60; page++) {
      const query: Doc = after ? { $and: [{ communityId: 'c2' }, { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after._id } }] }] } : { communityId: 'c2' };
      const { docs, plan } = both(query, { ...newest, limit: 100 });
      expect(plan.ordered).toBe(true);
      if (docs.length === 0) break;
      seen.push(...docs.map((d) => d._id as string));
      after = docs[docs.length - 1];
    }
    const all = plain.find('posts', { communityId: 'c2' }, { order: { createdAt: -1, _id: -1 }, limit: 1000 });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(plain.count('posts', { communityId: 'c2' }));
    expect(seen.slice(0, 1000)).toEqual(all.map((d) => d._id));
  });

  it('ties on createdAt are ordered by _id ascending in both paths, whatever the sort direction', async () => {
    const { both } = await pair();
    for (const order of [{ createdAt: -1 }, { createdAt: 1 }, { createdAt: 'desc' }]) {
      const { docs, plan } = both({ communityId: 'c0' }, { order, limit: 60 });
      expect(plan).toMatchObject({ ordered: true });
      for (let i = 1; i < docs.length; i++) {
        if ((docs[i].createdAt as Date).getTime() === (docs[i - 1].createdAt as Date).getTime()) {
          expect((docs[i - 1]._id as string) < (docs[i]._id as string)).toBe(true);
        }
      }
    }
    // An explicit _id direction is followed within ties too.
    const { docs } = both({ communityId: 'c0' }, { order: { createdAt: 1, _id: -1 }, limit: 60 });
    expect(docs.length).toBe(60);
  });

  it('an ascending sort walks the same index backwards and still stops early; offsets are honoured', async () => {
    const { both } = await pair();
    const { docs, plan } = both({ communityId: 'c1' }, { order: { createdAt: 1, _id: 1 }, limit: 20 });
    expect(plan).toMatchObject({ ordered: true, index: 'community_createdAt' });
    expect(plan.examined).toBeLessThanOrEqual(25);
    expect((docs[0].createdAt as Date).getTime()).toBe(BASE);
    const deep = both({ communityId: 'c1' }, { order: { createdAt: 1, _id: 1 }, offset: 40, limit: 20 });
    expect(deep.plan.examined).toBeLessThanOrEqual(65);
    // A sort the index cannot serve (another field first) takes the sorting path.
    expect(both({ communityId: 'c1' }, { order: { n: -1 }, limit: 20 }).plan.ordered).toBeFalsy();
  });

  it('an extra predicate is checked during the walk, which still stops early', async () => {
    const { both } = await pair();
    const { docs, plan } = both({ communityId: 'c1', status: 'visible' }, newest);
    expect(docs.every((d) => d.status === 'visible')).toBe(true);
    expect(plan.ordered).toBe(true);
    expect(plan.examined).toBeLessThanOrEqual(45);
  });

  it('inserts, updates and removes keep the ordered structure right', async () => {
    const { both, indexed, plain } = await pair();
    both({ communityId: 'c1' }, newest); // Builds the ordered bucket before the writes.
    both({ communityId: 'c0' }, newest);
    const late = new Date(BASE + N * 60_000);
    const top = both({ communityId: 'c1' }, newest).docs;
    for (const db of [indexed, plain]) {
      await db.update('posts', { _id: 'p00001' }, { $set: { createdAt: late } }, multi); // c? → newest of its community
      await db.update('posts', { _id: top[0]._id }, { $set: { communityId: 'c0' } }, multi); // moves community
      await db.remove('posts', { _id: top[1]._id }, false);
      await db.update('posts', { _id: top[2]._id }, { $set: { createdAt: new Date(BASE) } }, multi); // oldest now
      await db.insert('posts', [
        { _id: 'new-1', communityId: 'c1', status: 'visible', createdAt: late },
        { _id: 'new-0', communityId: 'c1', status: 'visible', createdAt: late },
        { _id: 'no-date', communityId: 'c1', status: 'visible' }, // missing sorts as null: last when descending
      ]);
    }
    for (const community of ['c0', 'c1', 'c2']) {
      const { docs, plan } = both({ communityId: community }, newest);
      expect(plan.ordered).toBe(true);
      expect(docs.map((d) => d._id)).not.toContain(top[1]._id);
      both({ communityId: community }, { order: { createdAt: 1 }, limit: 30 });
    }
    expect(
      both({ communityId: 'c1' }, newest)
        .docs.slice(0, 2)
        .map((d) => d._id),
    ).toEqual(['new-1', 'new-0']);
    expect(both({ communityId: 'c1' }, { order: { createdAt: 1 }, limit: 1 }).docs[0]._id).toBe('no-date');
    expect(both({ communityId: 'c0' }, newest).docs.map((d) => d._id)).toContain(top[0]._id);
    await indexed.remove('posts', { communityId: 'c1' }, true);
    await plain.remove('posts', { communityId: 'c1' }, true);
    expect(both({ communityId: 'c1' }, newest).docs).toEqual([]);
  });

  it('a transaction with its own writes falls back to the sorting path and sees them', async () => {
    const { indexed, plain } = await pair();
    const late = new Date(BASE + N * 60_000);
    const tx = indexed.startTransaction();
    await indexed.insert('posts', [{ _id: 'tx-new', communityId: 'c1', status: 'visible', createdAt: late }], tx);
    const first = plain.find('posts', { communityId: 'c1' }, newest)[0];
    await indexed.remove('posts', { _id: first._id }, false, tx);
    const inTx = indexed.find('posts', { communityId: 'c1' }, newest, tx);
    await plain.insert('posts', [{ _id: 'tx-new', communityId: 'c1', status: 'visible', createdAt: late }]);
    await plain.remove('posts', { _id: first._id }, false);
    expect(inTx).toEqual(plain.find('posts', { communityId: 'c1' }, newest));
    expect(inTx[0]._id).toBe('tx-new');
    // Outside the transaction nothing changed yet.
    expect(indexed.find('posts', { communityId: 'c1' }, newest)[0]._id).toBe(first._id);
    await indexed.commitTransaction(tx);
    expect(indexed.find('posts', { communityId: 'c1' }, newest)).toEqual(plain.find('posts', { communityId: 'c1' }, newest));
  });

  it('$in with two values, arrays in key fields and sorts the index cannot serve fall back', async () => {
    const { both, indexed, plain } = await pair();
    expect(both({ communityId: { $in: ['c0', 'c1'] } }, newest).plan.ordered).toBeFalsy();
    expect(both({ communityId: { $in: ['c1'] } }, newest).plan).toMatchObject({ ordered: true });
    expect(both({ communityId: 'c1' }, { order: { _id: 1 }, limit: 20 }).plan.ordered).toBeFalsy();
    for (const db of [indexed, plain]) {
      await db.insert('posts', [{ _id: 'multi', communityId: 'c1', createdAt: [new Date(BASE), new Date(BASE + N * 60_000)] }]);
    }
    expect(both({ communityId: 'c1' }, newest).plan.ordered).toBeFalsy();
    for (const db of [indexed, plain]) await db.remove('posts', { _id: 'multi' }, false);
    expect(both({ communityId: 'c1' }, newest).plan).toMatchObject({ ordered: true });
  });

  it('serves the feed index (communityId, pinned, createdAt desc, _id desc) with a cursor in an $or', async () => {
    const { both } = await pair([{ name: 'feed', keys: { communityId: 1, status: 1, createdAt: -1, _id: -1 } }]);
    const query = { $and: [{ communityId: 'c2', status: 'visible' }, { $or: [{ createdAt: { $lt: new Date(BASE + 500 * 60_000) } }, { n: { $gt: 9000 } }] }] };
    const { docs, plan } = both(query, { order: { createdAt: -1, _id: -1 }, limit: 21 });
    expect(docs).toHaveLength(21);
    expect(plan).toMatchObject({ index: 'feed', ordered: true });
    expect(both(query, { order: { createdAt: 1, _id: 1 }, limit: 21 }).plan).toMatchObject({ ordered: true });
    expect(both(query, { order: { createdAt: -1 }, limit: 21 }).plan).toMatchObject({ ordered: true });
  });
});
