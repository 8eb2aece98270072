import { applyReplacement, applyUpdate, isOperatorUpdate } from '../../emulator/store/update';
import { storeError } from './expect-store-error';
import { volunteer } from './update-fixtures';

describe('recognising update documents', () => {
  test('an update made only of operators is an operator update', () => {
    expect(isOperatorUpdate({ $set: { a: 1 }, $inc: { b: 1 } })).toBe(true);
  });

  test('a plain document is a replacement, not an operator update', () => {
    expect(isOperatorUpdate({ name: '李雷', hours: 3 })).toBe(false);
  });

  test('mixing operators with plain fields is rejected', () => {
    const error = storeError(() => isOperatorUpdate({ $set: { a: 1 }, name: 'x' }));
    expect(error.code).toBe('INVALID_PARAM');
    expect(error.message).toContain('name');
  });

  test('applyUpdate refuses a plain document and points to applyReplacement', () => {
    expect(storeError(() => applyUpdate(volunteer(), { name: 'x' }, {})).message).toContain('applyReplacement');
  });
});

describe('$set and $unset', () => {
  test('renaming a volunteer with $set returns a new document and leaves the stored one untouched', () => {
    const stored = volunteer();
    const updated = applyUpdate(stored, { $set: { name: '李雷' } }, {});
    expect(updated.name).toBe('李雷');
    expect(stored.name).toBe('王芳');
    expect(updated).not.toBe(stored);
  });

  test('the updated document shares no nested objects with the input', () => {
    const stored = volunteer();
    const updated = applyUpdate(stored, { $set: { hours: 13 } }, {});
    (updated.profile as { district: string }).district = 'changed';
    (updated.tags as string[]).push('changed');
    expect(stored.profile.district).toBe('朝阳');
    expect(stored.tags).toEqual(['elderly-care']);
  });

  test('a dot path creates the missing intermediate objects', () => {
    const updated = applyUpdate({ _id: 'a' }, { $set: { 'settings.notify.sms': true } }, {});
    expect(updated).toEqual({ _id: 'a', settings: { notify: { sms: true } } });
  });

  test('a dot path keeps the sibling fields of an embedded document', () => {
    const updated = applyUpdate(volunteer(), { $set: { 'profile.phone': '139' } }, {});
    expect(updated.profile).toEqual({ district: '朝阳', phone: '139' });
  });

  test('a numeric segment indexes the array, and writing past the end pads with null', () => {
    const updated = applyUpdate({ _id: 'a', slots: ['mon'] }, { $set: { 'slots.0': 'tue', 'slots.3': 'fri' } }, {});
    expect(updated.slots).toEqual(['tue', null, null, 'fri']);
  });

  test('a numeric segment inside an array of objects updates that element only', () => {
    const updated = applyUpdate(volunteer(), { $set: { 'shifts.1.done': true } }, {});
    expect((updated.shifts as { done: boolean }[]).map((s) => s.done)).toEqual([false, true]);
  });

  test('setting a field inside a string is rejected with a message naming the path', () => {
    const error = storeError(() => applyUpdate(volunteer(), { $set: { 'name.first': 'x' } }, {}));
    expect(error.code).toBe('INVALID_PARAM');
    expect(error.message).toContain('name');
  });

  test('$unset removes a nested field and ignores fields that do not exist', () => {
    const updated = applyUpdate(volunteer(), { $unset: { 'profile.phone': '', nickname: '' } }, {});
    expect(updated.profile).toEqual({ district: '朝阳' });
    expect('nickname' in updated).toBe(false);
  });

  test('$unset on an array element leaves null in its slot, like Mongo', () => {
    expect(applyUpdate({ _id: 'a', list: [1, 2, 3] }, { $unset: { 'list.1': '' } }, {}).list).toEqual([1, null, 3]);
  });

  test('an empty path segment is rejected', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $set: { 'profile..x': 1 } }, {})).code).toBe('INVALID_PARAM');
  });
});

describe('$inc, $mul, $min, $max', () => {
  test('logging 2.5 volunteer hours with $inc adds to the total', () => {
    expect(applyUpdate(volunteer(), { $inc: { hours: 2.5 } }, {}).hours).toBe(14.5);
  });

  test('$inc on a missing counter starts it at the increment', () => {
    expect(applyUpdate(volunteer(), { $inc: { 'stats.visits': 1 } }, {}).stats).toEqual({ visits: 1 });
  });

  test('$inc on a text field is rejected with a message naming the field', () => {
    const error = storeError(() => applyUpdate(volunteer(), { $inc: { name: 1 } }, {}));
    expect(error.code).toBe('INVALID_PARAM');
    expect(error.message).toContain("'name'");
  });

  test('$inc by a non-number is rejected', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $inc: { hours: '2' } }, {})).message).toContain('hours');
  });

  test('$mul doubles the points and sets a missing field to 0', () => {
    const updated = applyUpdate({ _id: 'a', points: 21 }, { $mul: { points: 2, bonus: 5 } }, {});
    expect(updated).toEqual({ _id: 'a', points: 42, bonus: 0 });
  });

  test('$mul on a non-number is rejected with the field name', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $mul: { tags: 2 } }, {})).message).toContain("'tags'");
  });

  test('$min keeps the earliest sign-in time and $max the best score', () => {
    const doc = { _id: 'a', firstSeen: new Date('2024-03-01'), best: 80 };
    const updated = applyUpdate(doc, { $min: { firstSeen: new Date('2024-02-01') }, $max: { best: 75 } }, {});
    expect(updated.firstSeen).toEqual(new Date('2024-02-01'));
    expect(updated.best).toBe(80);
    expect(applyUpdate(doc, { $max: { best: 95 } }, {}).best).toBe(95);
    expect(applyUpdate(doc, { $min: { firstSeen: new Date('2024-04-01') } }, {}).firstSeen).toEqual(new Date('2024-03-01'));
  });

  test('$min and $max set a field that is missing', () => {
    expect(applyUpdate({ _id: 'a' }, { $min: { low: 3 }, $max: { high: 9 } }, {})).toEqual({ _id: 'a', low: 3, high: 9 });
  });
});

describe('$rename and $currentDate', () => {
  test('$rename moves a value into a new embedded field', () => {
    const updated = applyUpdate(volunteer(), { $rename: { 'profile.phone': 'contact.mobile' } }, {});
    expect(updated.profile).toEqual({ district: '朝阳' });
    expect(updated.contact).toEqual({ mobile: '138' });
  });

  test('$rename of a missing field changes nothing', () => {
    expect(applyUpdate(volunteer(), { $rename: { nickname: 'alias' } }, {})).toEqual(volunteer());
  });

  test('$rename needs a string target', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $rename: { name: 1 } }, {})).code).toBe('INVALID_PARAM');
  });

  test('$currentDate stamps the time of the update as a Date', () => {
    const before = Date.now();
    const updated = applyUpdate(volunteer(), { $currentDate: { updatedAt: true, 'audit.at': { $type: 'date' } } }, {});
    expect(updated.updatedAt).toBeInstanceOf(Date);
    expect((updated.updatedAt as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect((updated.audit as { at: Date }).at.getTime()).toBe((updated.updatedAt as Date).getTime());
  });

  test('$currentDate rejects anything but true or {$type}', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $currentDate: { at: 'now' } }, {})).code).toBe('INVALID_PARAM');
  });
});

describe('$setOnInsert', () => {
  test('an upsert that inserts applies $setOnInsert', () => {
    const updated = applyUpdate({ _id: 'a' }, { $set: { n: 1 }, $setOnInsert: { createdBy: 'sys' } }, { isInsert: true });
    expect(updated).toEqual({ _id: 'a', n: 1, createdBy: 'sys' });
  });

  test('an update of an existing document ignores $setOnInsert', () => {
    const updated = applyUpdate({ _id: 'a', createdBy: 'me' }, { $set: { n: 1 }, $setOnInsert: { createdBy: 'sys' } }, {});
    expect(updated).toEqual({ _id: 'a', createdBy: 'me', n: 1 });
  });
});

describe('protected and conflicting paths', () => {
  test('changing _id is rejected', () => {
    const error = storeError(() => applyUpdate(volunteer(), { $set: { _id: 'other' } }, {}));
    expect(error.code).toBe('INVALID_PARAM');
    expect(error.message).toContain('_id');
    expect(storeError(() => applyUpdate(volunteer(), { $unset: { _id: '' } }, {})).code).toBe('INVALID_PARAM');
  });

  test('writing back the same _id (as a merged set() does) is allowed', () => {
    expect(applyUpdate(volunteer(), { $set: { _id: 'v1', hours: 1 } }, {}).hours).toBe(1);
  });

  test('updating a field and its child in one update is rejected', () => {
    const error = storeError(() => applyUpdate(volunteer(), { $set: { profile: {}, 'profile.phone': '1' } }, {}));
    expect(error.code).toBe('INVALID_PARAM');
    expect(error.message).toContain('profile.phone');
  });

  test('two operators on the same field conflict', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $set: { hours: 1 }, $inc: { hours: 1 } }, {})).code).toBe('INVALID_PARAM');
  });

  test('a $rename target counts as a written path', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $rename: { name: 'alias' }, $set: { alias: 'x' } }, {})).code).toBe('INVALID_PARAM');
  });

  test('unknown operators and non-object operator arguments are rejected', () => {
    expect(storeError(() => applyUpdate(volunteer(), { $frobnicate: { a: 1 } }, {})).message).toContain('$frobnicate');
    expect(storeError(() => applyUpdate(volunteer(), { $set: 5 }, {})).code).toBe('INVALID_PARAM');
  });
});

describe('replacing a document with set()', () => {
  test('replacement keeps the _id and drops every other old field', () => {
    const stored = volunteer();
    const replaced = applyReplacement(stored, { name: '韩梅梅', hours: 0 });
    expect(replaced).toEqual({ _id: 'v1', name: '韩梅梅', hours: 0 });
    expect(stored.tags).toEqual(['elderly-care']);
  });

  test('replacement copies its input instead of aliasing it', () => {
    const data = { profile: { district: '海淀' } };
    const replaced = applyReplacement(volunteer(), data);
    (replaced.profile as { district: string }).district = 'changed';
    expect(data.profile.district).toBe('海淀');
  });

  test('a replacement may repeat the _id but not change it', () => {
    expect(applyReplacement(volunteer(), { _id: 'v1', n: 1 })).toEqual({ _id: 'v1', n: 1 });
    expect(storeError(() => applyReplacement(volunteer(), { _id: 'v2' })).code).toBe('INVALID_PARAM');
  });

  test('a replacement containing operators is rejected', () => {
    expect(storeError(() => applyReplacement(volunteer(), { $set: { a: 1 } })).code).toBe('INVALID_PARAM');
  });
});
