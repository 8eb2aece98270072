import { Database } from '../../emulator/store/database';
import { Doc } from '../../emulator/store/types';

/**
 * Geo queries need a 2dsphere index on the field they query. WeChat's guide to geo data: "要使用地理位置
 * 查询功能时，必须建立地理位置索引" (developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/geo.html),
 * and each of geoNear, geoWithin and geoIntersects lists "需对查询字段建立地理位置索引". The cloud answers with
 * its general database error DATABASE_REQUEST_FAILED (docs.cloudbase.net/error-code/basic) carrying
 * MongoDB's planner message "unable to find index for $geoNear query" (as reported in
 * github.com/Automattic/mongoose/issues/9257); the aggregation stage's is "$geoNear requires a 2d or
 * 2dsphere index, but none were found".
 */
const point = (lng: number, lat: number): Doc => ({ type: 'Point', coordinates: [lng, lat] });
const CENTRE = point(121.4737, 31.2304);
const block = {
  type: 'Polygon',
  coordinates: [
    [
      [121.46, 31.22],
      [121.49, 31.22],
      [121.49, 31.24],
      [121.46, 31.24],
      [121.46, 31.22],
    ],
  ],
};
const PLACES = [
  { _id: 'near', kind: 'station', location: point(121.4779, 31.2304), area: block },
  { _id: 'far', kind: 'clinic', location: point(121.4737, 31.2574) },
];
const near = { location: { $nearSphere: { $geometry: CENTRE, $maxDistance: 5000 } } };
const within = { location: { $geoWithin: { $geometry: block } } };
const intersects = { location: { $geoIntersects: { $geometry: block } } };
const once = { multi: false, merge: true, upsert: false };

async function open(indexes: { name: string; keys: Record<string, 1 | -1 | '2dsphere'> }[]): Promise<Database> {
  const db = Database.open({ schema: [{ name: 'places', indexes }] });
  await db.insert('places', PLACES);
  return db;
}

describe('geo queries on a collection without a 2dsphere index on the field', () => {
  let db: Database;
  beforeAll(async () => {
    db = await open([{ name: 'kind_1', keys: { kind: 1 } }]);
  });

  it.each([
    ['geoNear ($nearSphere)', near, /unable to find index for \$geoNear query/],
    ['geoWithin', within, /unable to find index for \$geoWithin query/],
    ['geoIntersects', intersects, /unable to find index for \$geoIntersects query/],
    ['geoNear inside $or', { $or: [{ kind: 'x' }, near] }, /\$geoNear/],
    ['geoWithin inside $and', { $and: [{ kind: 'station' }, within] }, /\$geoWithin/],
  ])('%s is refused with the cloud’s database error, naming the field', (_what, query, message) => {
    expect(() => db.find('places', query)).toThrow(expect.objectContaining({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(message) }));
    expect(() => db.find('places', query)).toThrow(/location/);
  });

  it('count, update and remove with a geo condition are refused the same way and change nothing', async () => {
    expect(() => db.count('places', within)).toThrow(expect.objectContaining({ code: 'DATABASE_REQUEST_FAILED' }));
    await expect(db.update('places', within, { $set: { seen: true } }, once)).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(db.remove('places', within, true)).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(db.count('places', { seen: true })).toBe(0);
    expect(db.count('places', {})).toBe(2);
  });

  it('the aggregation stage $geoNear is refused too', () => {
    expect(() => db.aggregate('places', [{ $geoNear: { near: CENTRE, distanceField: 'distance', spherical: true } }])).toThrow(
      expect.objectContaining({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('$geoNear requires a 2d or 2dsphere index') }),
    );
  });
});

describe('geo queries with a 2dsphere index', () => {
  let db: Database;
  beforeAll(async () => {
    db = await open([{ name: 'location_2dsphere', keys: { location: '2dsphere' } }]);
  });

  it('geoNear, geoWithin and geoIntersects on the indexed field run', () => {
    expect(db.find('places', near).map((d) => d._id)).toEqual(['near', 'far']);
    expect(db.find('places', within).map((d) => d._id)).toEqual(['near']);
    expect(db.find('places', intersects).map((d) => d._id)).toEqual(['near']);
  });

  it('a geo query on another field of the same collection is still refused', () => {
    expect(() => db.find('places', { area: { $geoIntersects: { $geometry: CENTRE } } })).toThrow(expect.objectContaining({ code: 'DATABASE_REQUEST_FAILED' }));
  });

  it('the $geoNear stage adds the distance in metres, nearest first, within maxDistance and matching its query', () => {
    const rows = db.aggregate('places', [{ $geoNear: { near: CENTRE, distanceField: 'dist.metres', spherical: true, maxDistance: 5000 } }]);
    expect(rows.map((r) => r._id)).toEqual(['near', 'far']);
    const metres = rows.map((r) => (r.dist as { metres: number }).metres);
    expect(metres[0]).toBeGreaterThan(395);
    expect(metres[0]).toBeLessThan(405);
    expect(metres[1]).toBeGreaterThan(2990);
    expect(db.aggregate('places', [{ $geoNear: { near: CENTRE, distanceField: 'd', maxDistance: 1000 } }]).map((r) => r._id)).toEqual(['near']);
    expect(db.aggregate('places', [{ $geoNear: { near: CENTRE, distanceField: 'd', minDistance: 1000 } }]).map((r) => r._id)).toEqual(['far']);
    expect(db.aggregate('places', [{ $geoNear: { near: CENTRE, distanceField: 'd', query: { kind: 'clinic' } } }, { $project: { _id: 1 } }])).toEqual([{ _id: 'far' }]);
  });

  it('the $geoNear stage must come first and needs near and distanceField', () => {
    expect(() => db.aggregate('places', [{ $match: {} }, { $geoNear: { near: CENTRE, distanceField: 'd' } }])).toThrow(/first stage/);
    expect(() => db.aggregate('places', [{ $geoNear: { near: CENTRE } }])).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }));
    expect(() => db.aggregate('places', [{ $geoNear: { distanceField: 'd' } }])).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }));
  });
});

describe('an aggregation whose first $match reads the collection with a geo condition', () => {
  it('needs the geo index like a query does', async () => {
    const plain = await open([]);
    expect(() => plain.aggregate('places', [{ $match: within }])).toThrow(expect.objectContaining({ code: 'DATABASE_REQUEST_FAILED' }));
    const indexed = await open([{ name: 'location_2dsphere', keys: { location: '2dsphere' } }]);
    expect(indexed.aggregate('places', [{ $match: within }]).map((d) => d._id)).toEqual(['near']);
  });
});
