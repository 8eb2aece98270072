import fs from 'node:fs';
import path from 'node:path';
import { Database } from '../../emulator/store/database';
import { exportSnapshot, importSnapshot } from '../../emulator/store/snapshot-file';
import { TEST_SCHEMA, tempDir } from '../helpers/emulator';

const upsert = { multi: false, merge: true, upsert: true };

describe('the document store', () => {
  it('refuses a second document with the same _id, and a unique index refuses a second member with the same phone', async () => {
    const db = Database.open({ schema: TEST_SCHEMA });
    await db.insert('members', [{ _id: 'r1', phone: '13800001111', building: 'b1' }]);
    await expect(db.insert('members', [{ _id: 'r1', phone: '13800002222' }])).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await expect(db.insert('members', [{ _id: 'r2', phone: '13800001111' }])).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
      message: expect.stringContaining('phone_1'),
    });
    // No sparse indexes in CloudBase: a member without a phone counts as phone null, so only one may lack it.
    await db.insert('members', [{ _id: 'r3' }]);
    await expect(db.insert('members', [{ _id: 'r4' }])).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await expect(db.update('members', { _id: 'r3' }, { $set: { phone: '13800001111' } }, upsert)).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    });
    expect(db.find('members', { _id: 'r3' })[0].phone).toBeUndefined();
  });

  it('a batch insert that breaks a unique index in its middle writes none of the batch', async () => {
    const db = Database.open({ schema: TEST_SCHEMA });
    await expect(
      db.insert('members', [
        { _id: 'a', phone: '1' },
        { _id: 'b', phone: '2' },
        { _id: 'c', phone: '1' },
      ]),
    ).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect(db.count('members', {})).toBe(0);
  });

  it('reading a collection that was never created fails as CloudBase does, until addCollection creates it', async () => {
    const db = Database.open({ schema: [] });
    expect(() => db.find('ghosts', {})).toThrow(expect.objectContaining({ code: 'DATABASE_COLLECTION_NOT_EXIST' }));
    await expect(db.insert('ghosts', [{ a: 1 }])).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await db.addCollection('ghosts');
    await expect(db.addCollection('ghosts')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
    expect(db.find('ghosts', {})).toEqual([]);
  });

  it('a query on a declared index examines only the matching documents, not the collection', async () => {
    const db = Database.open({ schema: TEST_SCHEMA });
    await db.insert(
      'residents',
      Array.from({ length: 1000 }, (_, i) => ({ _id: `r${i}`, building: `b${i % 50}`, age: i % 90 })),
    );
    const indexed = db.explain('residents', { building: 'b7', age: { $gte: 30 } });
    expect(indexed).toMatchObject({ index: 'building_1', examined: 20 });
    expect(indexed.returned).toBe(db.find('residents', { building: 'b7', age: { $gte: 30 } }).length);
    expect(db.explain('residents', { building: { $in: ['b1', 'b2'] } })).toMatchObject({ index: 'building_1', examined: 40, returned: 40 });
    expect(db.explain('residents', { age: 30 })).toMatchObject({ index: null, examined: 1000 });
    expect(db.explain('residents', { _id: 'r5' })).toMatchObject({ index: '_id_', examined: 1 });
  });

  it('reads return 100 documents by default and never more than 1000', async () => {
    const db = Database.open({ schema: TEST_SCHEMA });
    await db.insert(
      'todos',
      Array.from({ length: 1200 }, (_, i) => ({ i })),
    );
    expect(db.find('todos', {})).toHaveLength(100);
    expect(db.find('todos', {}, { limit: 5000 })).toHaveLength(1000);
    expect(db.find('todos', {}, { order: { i: -1 }, offset: 10, limit: 2 }).map((d) => d.i)).toEqual([1189, 1188]);
  });

  it('documents handed out are copies: changing one does not change the store', async () => {
    const db = Database.open({ schema: TEST_SCHEMA });
    await db.insert('todos', [{ _id: 't', tags: ['a'] }]);
    const [doc] = db.find('todos', { _id: 't' });
    (doc.tags as string[]).push('b');
    expect(db.find('todos', { _id: 't' })[0].tags).toEqual(['a']);
  });
});

describe('durability and snapshots', () => {
  it('reopening the data folder gives back every write, including removals and created collections', async () => {
    const dir = tempDir();
    const db = Database.open({ dataDir: dir, schema: TEST_SCHEMA });
    await db.addCollection('notes');
    await db.insert('notes', [{ _id: 'n1', at: new Date('2026-11-21T01:00:00Z') }, { _id: 'n2' }]);
    await db.remove('notes', { _id: 'n2' }, false);
    await db.update('notes', { _id: 'n1' }, { $set: { read: true } }, upsert);
    // No close(): as after a crash, only the journal holds these.
    const again = Database.open({ dataDir: dir, schema: TEST_SCHEMA });
    expect(again.find('notes', {})).toEqual([{ _id: 'n1', at: new Date('2026-11-21T01:00:00Z'), read: true }]);
  });

  it('a journal line torn by a crash mid-append is ignored; the acknowledged lines before it are kept', async () => {
    const dir = tempDir();
    const db = Database.open({ dataDir: dir, schema: TEST_SCHEMA });
    await db.insert('todos', [{ _id: 'kept' }]);
    fs.appendFileSync(path.join(dir, 'journal.log'), '{"seq":99,"changes":[{"collection":"todos","id":"slost","doc":{"_id":"lo');
    const again = Database.open({ dataDir: dir, schema: TEST_SCHEMA });
    expect(again.find('todos', {}).map((d) => d._id)).toEqual(['kept']);
  });

  it('compaction writes one snapshot and empties the journal without losing anything', async () => {
    const dir = tempDir();
    const db = Database.open({ dataDir: dir, schema: TEST_SCHEMA });
    await db.insert(
      'todos',
      Array.from({ length: 50 }, (_, i) => ({ _id: `t${i}` })),
    );
    await db.compact();
    expect(fs.statSync(path.join(dir, 'journal.log')).size).toBe(0);
    await db.insert('todos', [{ _id: 'after' }]);
    const again = Database.open({ dataDir: dir, schema: TEST_SCHEMA });
    expect(again.count('todos', {})).toBe(51);
  });

  it('export then import into another data folder moves the whole database; a bad file changes nothing', async () => {
    const source = Database.open({ schema: TEST_SCHEMA });
    await source.insert('members', [{ _id: 'r1', phone: '1', joinedAt: new Date('2026-01-01T00:00:00Z') }]);
    const text = exportSnapshot(source);
    const target = Database.open({ dataDir: tempDir(), schema: TEST_SCHEMA });
    await target.insert('todos', [{ _id: 'old' }]);
    await expect(importSnapshot(target, '{"format":"something-else"}')).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    expect(target.count('todos', {})).toBe(1);
    const counts = await importSnapshot(target, text);
    expect(counts.members).toBe(1);
    expect(target.find('members', {})[0].joinedAt).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(target.count('todos', {})).toBe(0);
    // Unique indexes hold for imported data too.
    const file = JSON.parse(text);
    file.collections.members.push({ _id: 'r2', phone: '1' });
    const dup = JSON.stringify(file);
    await expect(importSnapshot(target, dup)).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect(target.count('members', {})).toBe(1);
  });
});
