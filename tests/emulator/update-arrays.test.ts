import { applyUpdate } from '../../emulator/store/update';
import { storeError } from './expect-store-error';
import { volunteer } from './update-fixtures';

describe('$push', () => {
  test('signing up for an activity appends to the list', () => {
    expect(applyUpdate(volunteer(), { $push: { tags: 'tutoring' } }, {}).tags).toEqual(['elderly-care', 'tutoring']);
  });

  test('$push onto a missing field creates the array', () => {
    expect(applyUpdate({ _id: 'a' }, { $push: { 'log.entries': { at: 1 } } }, {}).log).toEqual({ entries: [{ at: 1 }] });
  });

  test('pushing an array without $each adds it as one element', () => {
    expect(applyUpdate({ _id: 'a', list: [1] }, { $push: { list: [2, 3] } }, {}).list).toEqual([1, [2, 3]]);
  });

  test('$push onto a string is rejected with the field name', () => {
    const error = storeError(() => applyUpdate(volunteer(), { $push: { name: 'x' } }, {}));
    expect(error.code).toBe('INVALID_PARAM');
    expect(error.message).toContain("'name'");
  });

  test('$each with $position inserts at the front', () => {
    const updated = applyUpdate({ _id: 'a', q: ['c'] }, { $push: { q: { $each: ['a', 'b'], $position: 0 } } }, {});
    expect(updated.q).toEqual(['a', 'b', 'c']);
  });

  test('a negative $position counts from the end', () => {
    const updated = applyUpdate({ _id: 'a', q: [1, 2, 3] }, { $push: { q: { $each: [9], $position: -1 } } }, {});
    expect(updated.q).toEqual([1, 2, 9, 3]);
  });

  test('keeping only the latest three notices with $each and a negative $slice', () => {
    const updated = applyUpdate({ _id: 'a', recent: [1, 2, 3] }, { $push: { recent: { $each: [4, 5], $slice: -3 } } }, {});
    expect(updated.recent).toEqual([3, 4, 5]);
  });

  test('a leaderboard kept sorted by score descending and capped with $slice', () => {
    const doc = {
      _id: 'a',
      top: [
        { n: 'a', s: 5 },
        { n: 'b', s: 9 },
      ],
    };
    const updated = applyUpdate(doc, { $push: { top: { $each: [{ n: 'c', s: 7 }], $sort: { s: -1 }, $slice: 2 } } }, {});
    expect(updated.top).toEqual([
      { n: 'b', s: 9 },
      { n: 'c', s: 7 },
    ]);
  });

  test('$sort: 1 sorts scalar elements ascending', () => {
    expect(applyUpdate({ _id: 'a', n: [3, 1] }, { $push: { n: { $each: [2], $sort: 1 } } }, {}).n).toEqual([1, 2, 3]);
  });

  test('$each must be an array and unknown modifiers are rejected', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $push: { tags: { $each: 'x' } } }, {})).code).toBe('INVALID_PARAM');
    expect(storeError(() => applyUpdate(volunteer(), { $push: { tags: { $each: [], $limit: 1 } } }, {})).code).toBe('INVALID_PARAM');
    expect(storeError(() => applyUpdate(volunteer(), { $push: { tags: { $slice: 1 } } }, {})).message).toContain('$each');
  });
});

describe('$addToSet', () => {
  test("adding a volunteer's tag twice with $addToSet keeps one copy", () => {
    const once = applyUpdate(volunteer(), { $addToSet: { tags: 'tutoring' } }, {});
    const twice = applyUpdate(once, { $addToSet: { tags: 'tutoring' } }, {});
    expect(twice.tags).toEqual(['elderly-care', 'tutoring']);
  });

  test('$addToSet with $each adds only the values not already present', () => {
    const updated = applyUpdate(volunteer(), { $addToSet: { tags: { $each: ['elderly-care', 'cleanup', 'cleanup'] } } }, {});
    expect(updated.tags).toEqual(['elderly-care', 'cleanup']);
  });

  test('$addToSet compares embedded documents by value', () => {
    const doc = { _id: 'a', pairs: [{ a: 1, b: 2 }] };
    expect(applyUpdate(doc, { $addToSet: { pairs: { a: 1, b: 2 } } }, {}).pairs).toEqual([{ a: 1, b: 2 }]);
  });

  test('$addToSet onto a number is rejected', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $addToSet: { hours: 1 } }, {})).message).toContain("'hours'");
  });
});

describe('$pull, $pullAll, $pop', () => {
  test('$pull removes every copy of a value', () => {
    expect(applyUpdate({ _id: 'a', t: ['x', 'y', 'x'] }, { $pull: { t: 'x' } }, {}).t).toEqual(['y']);
  });

  test('$pull with a condition removes the scores of 6 and above', () => {
    expect(applyUpdate({ _id: 'a', scores: [3, 6, 9, 5] }, { $pull: { scores: { $gte: 6 } } }, {}).scores).toEqual([3, 5]);
  });

  test('$pull with a document removes the embedded items that match it', () => {
    const doc = {
      _id: 'a',
      items: [
        { id: 3, n: 'x' },
        { id: 4, n: 'y' },
      ],
    };
    expect(applyUpdate(doc, { $pull: { items: { id: 3 } } }, {}).items).toEqual([{ id: 4, n: 'y' }]);
  });

  test('$pull with $or removes embedded items matching either condition', () => {
    const doc = { _id: 'a', items: [{ id: 1 }, { id: 2 }, { id: 3 }] };
    expect(applyUpdate(doc, { $pull: { items: { $or: [{ id: 1 }, { id: 3 }] } } }, {}).items).toEqual([{ id: 2 }]);
  });

  test('$pull with a regular expression removes matching strings', () => {
    expect(applyUpdate({ _id: 'a', t: ['tmp-1', 'keep', 'tmp-2'] }, { $pull: { t: /^tmp-/ } }, {}).t).toEqual(['keep']);
  });

  test('$pull on a missing field changes nothing, on a string it is an error', () => {
    expect(applyUpdate(volunteer(), { $pull: { nothing: 1 } }, {})).toEqual(volunteer());
    expect(storeError(() => applyUpdate(volunteer(), { $pull: { name: 'x' } }, {})).code).toBe('INVALID_PARAM');
  });

  test('$pullAll removes each listed value', () => {
    expect(applyUpdate({ _id: 'a', n: [1, 2, 3, 2, 4] }, { $pullAll: { n: [2, 4] } }, {}).n).toEqual([1, 3]);
    expect(storeError(() => applyUpdate({ _id: 'a', n: [1] }, { $pullAll: { n: 1 } }, {})).code).toBe('INVALID_PARAM');
  });

  test('$pop 1 drops the last element and -1 the first', () => {
    const doc = { _id: 'a', q: [1, 2, 3] };
    expect(applyUpdate(doc, { $pop: { q: 1 } }, {}).q).toEqual([1, 2]);
    expect(applyUpdate(doc, { $pop: { q: -1 } }, {}).q).toEqual([2, 3]);
  });

  test('$pop accepts only 1 or -1', () => {
    expect(storeError(() => applyUpdate({ _id: 'a', q: [1] }, { $pop: { q: 2 } }, {})).code).toBe('INVALID_PARAM');
  });
});

describe('positional updates', () => {
  test('marking the shift found by the query as done with the positional $', () => {
    const updated = applyUpdate(volunteer(), { $set: { 'shifts.$.done': true } }, { query: { 'shifts.id': 2 } });
    expect((updated.shifts as { done: boolean }[]).map((s) => s.done)).toEqual([false, true]);
  });

  test('$ uses the first element that meets every condition on the array', () => {
    const doc = { _id: 'a', scores: [5, 8, 9] };
    expect(applyUpdate(doc, { $inc: { 'scores.$': 100 } }, { query: { scores: { $gte: 8 } } }).scores).toEqual([5, 108, 9]);
  });

  test('$ also finds the element through a query wrapped in $and, as _.and() sends it', () => {
    const query = { $and: [{ _id: 'v1' }, { 'shifts.done': false, 'shifts.score': { $gt: 5 } }] };
    const updated = applyUpdate(volunteer(), { $set: { 'shifts.$.done': true } }, { query });
    expect((updated.shifts as { done: boolean }[]).map((s) => s.done)).toEqual([false, true]);
  });

  test('$ without a matching query condition on the array is rejected', () => {
    const error = storeError(() => applyUpdate(volunteer(), { $set: { 'shifts.$.done': true } }, { query: { _id: 'v1' } }));
    expect(error.code).toBe('INVALID_PARAM');
    expect(error.message).toContain('positional');
  });

  test('$[] adds a bonus point to every shift', () => {
    const updated = applyUpdate(volunteer(), { $inc: { 'shifts.$[].score': 1 } }, {});
    expect((updated.shifts as { score: number }[]).map((s) => s.score)).toEqual([5, 8]);
  });

  test('$[] on a field that is not an array is rejected', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $set: { 'name.$[]': 1 } }, {})).code).toBe('INVALID_PARAM');
  });
});
