import fc from 'fast-check';
import { CollectionSchema, Database } from '../../emulator/store/database';
import { Doc } from '../../emulator/store/types';

/**
 * An aggregation whose first $match (or a $lookup sub-pipeline's first $match) names indexed fields
 * reads only the documents the indexes give, instead of copying the whole collection: on a street of
 * 100,000 residents and 90,000 signups that copy was most of a signup's time. What it answers must not
 * change: the same documents in the same (insertion) order as a store without those indexes, after
 * any inserts, updates and removes.
 */

const SCHEMA = (indexed: boolean): CollectionSchema[] => [
  {
    name: 'signups',
    indexes: indexed
      ? [
          { name: 'activity', keys: { activityId: 1 as const, status: 1 as const } },
          { name: 'liveKey', keys: { liveKey: 1 as const } },
        ]
      : [],
  },
  { name: 'activities', indexes: [] },
];

const value = fc.constantFrom('a1', 'a2', 'a3', null);
const status = fc.constantFrom('confirmed', 'waitlisted', 'cancelled');
const doc = fc.record({ activityId: value, status, liveKey: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6'), at: fc.integer({ min: 0, max: 5 }) });
const step = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), doc }),
  fc.record({ kind: fc.constant('update' as const), id: fc.integer({ min: 0, max: 30 }), doc }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 30 }) }),
);
const match = fc.oneof(
  fc.record({ activityId: value }),
  fc.record({ activityId: value, status }),
  fc.record({ activityId: fc.record({ $in: fc.array(value, { minLength: 1, maxLength: 3 }) }) }),
  fc.record({ $or: fc.array(fc.oneof(fc.record({ liveKey: fc.constantFrom('k1', 'k2', 'k9') }), fc.record({ activityId: value })), { minLength: 1, maxLength: 3 }) }),
  fc.record({ activityId: value, $or: fc.array(fc.record({ at: fc.record({ $lt: fc.integer({ min: 0, max: 5 }) }) }), { minLength: 1, maxLength: 2 }) }),
  fc.record({ at: fc.integer({ min: 0, max: 5 }) }),
);

async function apply(db: Database, steps: { kind: string; id?: number; doc?: Doc }[]): Promise<void> {
  let next = 0;
  for (const s of steps) {
    if (s.kind === 'insert') await db.insert('signups', [{ _id: `s${next++}`, ...s.doc }]);
    else if (s.kind === 'update') await db.update('signups', { _id: `s${s.id}` }, { $set: s.doc as Doc }, { multi: false, merge: true, upsert: false });
    else await db.remove('signups', { _id: `s${s.id}` }, false);
  }
}

test('an indexed first $match and an indexed $lookup sub-pipeline answer what a store without the indexes answers, in the same order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 40 }), match, async (steps, query) => {
      const [indexed, plain] = [Database.open({ schema: SCHEMA(true) }), Database.open({ schema: SCHEMA(false) })];
      for (const db of [indexed, plain]) {
        await apply(db, steps);
        await db.insert('activities', [{ _id: 'a1' }, { _id: 'a2' }]);
      }
      const pipelines: Doc[][] = [
        [{ $match: query }],
        [{ $lookup: { from: 'signups', pipeline: [{ $match: query }, { $limit: 50 }], as: 'rows' } }],
        [{ $match: { _id: 'a1' } }, { $lookup: { from: 'signups', let: { id: '$_id' }, pipeline: [{ $match: query }, { $count: 'n' }], as: 'n' } }],
      ];
      for (const stages of pipelines) {
        const collection = stages[0].$match && stages.length === 1 ? 'signups' : 'activities';
        expect(indexed.aggregate(collection, stages)).toEqual(plain.aggregate(collection, stages));
      }
    }),
    { numRuns: 300 },
  );
});
