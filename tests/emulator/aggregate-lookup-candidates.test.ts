import fc from 'fast-check';
import { runPipeline } from '../../emulator/store/aggregate';
import { Database } from '../../emulator/store/database';
import { Doc } from '../../emulator/store/types';

/**
 * A `$lookup` whose sub-pipeline opens with `$expr: {$eq: ['$field', '$$var']}` hands each local
 * document only the foreign documents whose field may equal its variable (emulator/store/lookup-
 * candidates.ts). Whatever the values (numbers, 0 and -0, NaN, strings, booleans, dates, null,
 * missing, arrays, objects), the join must be exactly the one the match gives on every document,
 * in the same order: the same pipeline behind a `$skip: 0` (which turns the shortcut off) is the reference.
 */
const value = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, NaN, '1', 'a', '', true, false, null, undefined),
  fc.constantFrom(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-02T00:00:00Z')),
  fc.constantFrom([1], ['a', 'b'], [], { a: 1 }, {}),
);
const docWith = (key: string) => fc.record({ [key]: value }, { requiredKeys: [] }).map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)));

const PIPELINES = (as: string): Doc[][] => [
  [{ $match: { $expr: { $eq: ['$v', '$$x'] } } }],
  [{ $match: { $expr: { $eq: ['$$x', '$v'] } } }, { $project: { _id: 1 } }],
  [{ $match: { $expr: { $and: [{ $eq: ['$v', '$$x'] }, { $ne: ['$_id', 'f0'] }] } } }, { $limit: 3 }],
  [{ $match: { $expr: { $or: [{ $eq: ['$v', '$$x'] }, { $eq: ['$_id', 'f1'] }] } } }],
  [{ $match: { $expr: { $eq: ['$v', '$$x'] } } }, { $count: as }],
];

describe('a lookup opening with an equality on a variable', () => {
  it('joins exactly what the match selects, in order, for any values', () => {
    fc.assert(
      fc.property(fc.array(docWith('v'), { maxLength: 30 }), fc.array(docWith('w'), { minLength: 1, maxLength: 6 }), fc.nat(PIPELINES('n').length - 1), (foreignValues, localValues, which) => {
        const foreign = foreignValues.map((d, i) => ({ _id: `f${i}`, ...d }));
        const local = localValues.map((d, i) => ({ _id: `l${i}`, ...d }));
        const pipeline = PIPELINES('n')[which];
        const lookup = (stages: Doc[]) => [{ $lookup: { from: 'foreign', let: { x: '$w' }, pipeline: stages, as: 'joined' } }];
        const read = (name: string) => (name === 'foreign' ? foreign : []);
        const fast = runPipeline(local, lookup(pipeline), read);
        const reference = runPipeline(local, lookup([{ $skip: 0 }, ...pipeline]), read);
        expect(fast).toEqual(reference);
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('on _id, each local document reads the one it names through the store: the same join as the whole collection gives', async () => {
    const ids = fc.constantFrom('u1', 'u2', 'u3', 'u10', 'x');
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(ids, { maxLength: 5 }), fc.array(fc.oneof(ids, value), { minLength: 1, maxLength: 6 }), async (present, wanted) => {
        const db = Database.open({ schema: [{ name: 'users' }, { name: 'posts' }] });
        if (present.length)
          await db.insert(
            'users',
            present.map((_id, i) => ({ _id, n: i })),
          );
        await db.insert(
          'posts',
          wanted.map((w, i) => (w === undefined ? { _id: `p${i}` } : { _id: `p${i}`, author: w })),
        );
        const lookup = (stages: Doc[]) => [{ $lookup: { from: 'users', let: { who: '$author' }, pipeline: stages, as: 'user' } }];
        const opening = [{ $match: { $expr: { $eq: ['$_id', '$$who'] } } }, { $project: { n: 1 } }];
        expect(db.aggregate('posts', lookup(opening))).toEqual(db.aggregate('posts', lookup([{ $skip: 0 }, ...opening])));
        await db.close();
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });

  it('a worked case: three residents, each joined to the bindings of their own building only', () => {
    const bindings = Array.from({ length: 12 }, (_, i) => ({ _id: `b${i}`, buildingId: `bld-${i % 3}`, at: i }));
    const residents = [{ _id: 'r1', buildingId: 'bld-1' }, { _id: 'r2', buildingId: 'bld-2' }, { _id: 'r3' }];
    const out = runPipeline(
      residents,
      [{ $lookup: { from: 'bindings', let: { b: '$buildingId' }, pipeline: [{ $match: { $expr: { $eq: ['$buildingId', '$$b'] } } }, { $project: { _id: 1 } }], as: 'bindings' } }],
      () => bindings,
    );
    expect(out.map((r) => [r._id, (r.bindings as Doc[]).map((b) => b._id)])).toEqual([
      ['r1', ['b1', 'b4', 'b7', 'b10']],
      ['r2', ['b2', 'b5', 'b8', 'b11']],
      ['r3', []],
    ]);
  });
});
