import fs from 'node:fs';
import path from 'node:path';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { Database } from '../../emulator/store/database';
import { tempDir } from '../helpers/emulator';

/**
 * database.json may only say what CloudBase can create. Its index API takes a name, `unique` and keys
 * whose direction is "1", "-1" or "2dsphere", nothing else (WeChat's updateIndex / dbindex reference:
 * developers.weixin.qq.com/minigame/dev/wxcloud/reference-http-api/database/updateIndex.html). There is no
 * sparse index, so a unique index counts every document without the key as null (DESIGN.md).
 */
function declarationWith(index: Record<string, unknown>): string {
  const file = path.join(tempDir('youlin-decl-'), 'database.json');
  fs.writeFileSync(file, JSON.stringify({ collections: [{ name: 'signups', rules: { read: false, write: false }, indexes: [index] }] }));
  return file;
}

describe('loading database.json refuses what the cloud cannot create', () => {
  it('refuses a sparse index, naming the collection and the index', () => {
    const file = declarationWith({ name: 'liveKey_unique', keys: { liveKey: 1 }, unique: true, sparse: true });
    expect(() => readDatabaseDeclaration(file)).toThrow(/signups.*liveKey_unique.*sparse/s);
  });

  it.each([
    ['a TTL', { expireAfterSeconds: 3600 }, /expireAfterSeconds/],
    ['a partial filter', { partialFilterExpression: { status: 'live' } }, /partialFilterExpression/],
    ['a text key', { keys: { title: 'text' } }, /title.*text/],
    ['a hashed key', { keys: { openid: 'hashed' } }, /openid.*hashed/],
    ['a 2d key', { keys: { location: '2d' } }, /location.*2d/],
  ])('refuses %s, which CloudBase indexes do not offer', (_what, extra, message) => {
    const file = declarationWith({ name: 'by_x', keys: { x: 1 }, ...extra });
    expect(() => readDatabaseDeclaration(file)).toThrow(message);
    expect(() => readDatabaseDeclaration(file)).toThrow(/signups.*by_x/s);
  });

  it('accepts unique and the three key directions 1, -1 and 2dsphere', () => {
    const file = declarationWith({ name: 'where_when', keys: { location: '2dsphere', createdAt: -1, kind: 1 }, unique: false });
    expect(readDatabaseDeclaration(file).collections[0].indexes[0].keys).toEqual({ location: '2dsphere', createdAt: -1, kind: 1 });
  });

  it('the project’s own database.json has no sparse index and a 2dsphere index on the service points’ location', () => {
    const declared = readDatabaseDeclaration();
    const points = declared.collections.find((c) => c.name === 'service_points');
    expect(points?.indexes.some((i) => i.keys.location === '2dsphere')).toBe(true);
    expect(JSON.stringify(declared)).not.toContain('sparse');
  });
});

describe('a unique index, as in the cloud', () => {
  it('counts a document without the key as null: a second such document is a duplicate', async () => {
    const db = Database.open({ schema: [{ name: 'bookings', indexes: [{ name: 'liveKey_unique', keys: { liveKey: 1 }, unique: true }] }] });
    await db.insert('bookings', [{ _id: 'b1', liveKey: 'slot-1|o1' }, { _id: 'b2' }]);
    await expect(db.insert('bookings', [{ _id: 'b3' }])).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await expect(db.insert('bookings', [{ _id: 'b4', liveKey: null }])).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    // Removing the key from a live booking collides with b2 the same way.
    await expect(db.update('bookings', { _id: 'b1' }, { $unset: { liveKey: '' } }, { multi: false, merge: true, upsert: false })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    });
    await db.update('bookings', { _id: 'b1' }, { $set: { liveKey: 'dead|b1' } }, { multi: false, merge: true, upsert: false });
    expect(db.find('bookings', { _id: 'b1' })[0].liveKey).toBe('dead|b1');
  });
});
