import { Doc } from '../../emulator/store/types';
import { collections, hoursLog, run } from './aggregate-fixtures';
import { storeError } from './expect-store-error';

describe('$unwind', () => {
  test('the string form emits one document per tag and drops documents without tags', () => {
    const out = run(hoursLog(), [{ $unwind: '$tags' }, { $project: { tags: 1 } }]);
    expect(out).toEqual([
      { _id: 'h1', tags: 'elderly' },
      { _id: 'h1', tags: 'meal' },
      { _id: 'h2', tags: 'tutoring' },
    ]);
  });

  test('includeArrayIndex and preserveNullAndEmptyArrays keep every document', () => {
    const out = run(hoursLog(), [{ $unwind: { path: '$tags', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true } }, { $project: { tags: 1, i: 1 } }]);
    expect(out).toEqual([
      { _id: 'h1', tags: 'elderly', i: 0 },
      { _id: 'h1', tags: 'meal', i: 1 },
      { _id: 'h2', tags: 'tutoring', i: 0 },
      { _id: 'h3', i: null },
      { _id: 'h4', i: null },
    ]);
  });

  test('$unwind needs a $-prefixed path', () => {
    expect(storeError(() => run(hoursLog(), [{ $unwind: 'tags' }])).code).toBe('INVALID_PARAM');
  });
});

describe('$lookup', () => {
  test('an array local field joins every matching foreign document', () => {
    const out = run(collections.communities, [{ $lookup: { from: 'volunteers', localField: 'members', foreignField: '_id', as: 'people' } }]);
    expect((out[0].people as Doc[]).map((p) => p.name)).toEqual(['王芳', '赵敏']);
  });

  test('the let/pipeline form filters the foreign collection with $$variables', () => {
    const out = run(
      [{ _id: 'task', needs: 'cooking' }],
      [
        {
          $lookup: {
            from: 'volunteers',
            let: { skill: '$needs' },
            pipeline: [{ $match: { $expr: { $in: ['$$skill', '$skills'] } } }, { $project: { _id: 0, name: 1 } }],
            as: 'candidates',
          },
        },
      ],
    );
    expect(out).toEqual([{ _id: 'task', needs: 'cooking', candidates: [{ name: '赵敏' }] }]);
  });

  test('a document with no match gets an empty array', () => {
    const out = run([{ _id: 1, who: 'nobody' }], [{ $lookup: { from: 'volunteers', localField: 'who', foreignField: '_id', as: 'p' } }]);
    expect(out[0].p).toEqual([]);
  });

  test('$lookup without a join condition or pipeline is rejected', () => {
    expect(storeError(() => run(hoursLog(), [{ $lookup: { from: 'volunteers', as: 'p' } }])).code).toBe('INVALID_PARAM');
  });
});

describe('$replaceRoot and pipeline shape', () => {
  test('$replaceRoot promotes an embedded document', () => {
    expect(run([{ _id: 1, profile: { name: 'a', age: 3 } }], [{ $replaceRoot: { newRoot: '$profile' } }])).toEqual([{ name: 'a', age: 3 }]);
  });

  test('$replaceWith and the $unset stage (extras beyond the brief)', () => {
    expect(run([{ _id: 1, p: { a: 1, b: 2 } }], [{ $replaceWith: '$p' }, { $unset: 'b' }])).toEqual([{ a: 1 }]);
  });

  test('$replaceRoot to a non-object is rejected', () => {
    expect(storeError(() => run([{ _id: 1, n: 3 }], [{ $replaceRoot: { newRoot: '$n' } }])).code).toBe('INVALID_PARAM');
  });

  test('an unknown stage or a stage with two operators is rejected', () => {
    expect(storeError(() => run(hoursLog(), [{ $teleport: {} }])).message).toContain('$teleport');
    expect(storeError(() => run(hoursLog(), [{ $limit: 1, $skip: 1 }])).code).toBe('INVALID_PARAM');
  });

  test('results are copies: changing them or pushing into them leaves the input alone', () => {
    const input = hoursLog();
    const [first] = run(input, [{ $match: { _id: 'h1' } }]);
    (first.tags as string[]).push('changed');
    (first.at as Date).setUTCFullYear(1999);
    expect(input[0].tags).toEqual(['elderly', 'meal']);
    expect((input[0].at as Date).getUTCFullYear()).toBe(2024);
    const grouped = run(input, [{ $group: { _id: null, all: { $push: '$$ROOT' } } }]);
    expect((grouped[0].all as Doc[])[0]).not.toBe(input[0]);
  });

  test('running a pipeline does not modify the input documents', () => {
    const input = hoursLog();
    run(input, [{ $unwind: '$tags' }, { $set: { hours: 0 } }, { $project: { at: 0 } }]);
    expect(input).toEqual(hoursLog());
  });
});
