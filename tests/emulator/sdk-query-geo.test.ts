// Geo queries with the real wx-server-sdk inside a hosted cloud function: geoNear, geoWithin and
// geoIntersects over places around the community service centre; checked against what MongoDB gives.
import { queryTestSetup } from './sdk-query-setup';

describe('queries through the real SDK in a hosted function', () => {
  const hosted = queryTestSetup();

  describe('places around the community service centre', () => {
    // Distances from the centre: bus stop ≈ 49 m, market ≈ 298 m, clinic ≈ 802 m, park ≈ 1.92 km, station ≈ 5.9 km.
    // The two zones are rectangles split at longitude 120.155.
    beforeAll(async () => {
      await hosted.run(
        `const places = db.collection('places');
         const box = (w, s, e, n) => db.Geo.Polygon([db.Geo.LineString([
           db.Geo.Point(w, s), db.Geo.Point(e, s), db.Geo.Point(e, n), db.Geo.Point(w, n), db.Geo.Point(w, s)])]);
         const spots = [
           ['centre', '社区服务中心', 120.1550, 30.2740], ['bus', '公交站', 120.1545, 30.2741], ['market', '菜市场', 120.1581, 30.2740],
           ['clinic', '卫生站', 120.1550, 30.2812], ['park', '公园', 120.1750, 30.2740], ['station', '火车站', 120.2130, 30.2910],
         ];
         for (const [id, name, lng, lat] of spots) {
           await places.add({ data: { _id: id, name, location: db.Geo.Point(lng, lat) } });
         }
         await places.add({ data: { _id: 'east', name: '东片区', area: box(120.155, 30.270, 120.170, 30.280) } });
         await places.add({ data: { _id: 'west', name: '西片区', area: box(120.140, 30.270, 120.155, 30.280) } });
         return null;`,
      );
    });

    it('geoNear lists the nearest first, within maxDistance and beyond minDistance; the points read back as Geo.Point', async () => {
      const value = await hosted.run(
        `const places = db.collection('places');
         const centre = db.Geo.Point(120.1550, 30.2740);
         const near = async (options) => (await places.where({ location: _.geoNear({ geometry: centre, ...options }) }).get()).data.map((d) => d._id);
         const market = (await places.doc('market').get()).data.location;
         return {
           within1km: await near({ maxDistance: 1000 }),
           from100mTo1km: await near({ maxDistance: 1000, minDistance: 100 }),
           within3km: await near({ maxDistance: 3000 }),
           // db.Geo.Point is a factory in wx-server-sdk, so the class is checked by name.
           marketIsPoint: market.constructor.name === 'Point',
           market: [market.longitude, market.latitude],
         };`,
      );
      expect(value).toEqual({
        within1km: ['centre', 'bus', 'market', 'clinic'],
        from100mTo1km: ['market', 'clinic'],
        within3km: ['centre', 'bus', 'market', 'clinic', 'park'],
        marketIsPoint: true,
        market: [120.1581, 30.274],
      });
    });

    it('geoWithin a polygon and a 1.5 km circle, and geoIntersects between zones and points', async () => {
      const value = await hosted.run(
        `const places = db.collection('places');
         const placeIds = async (where) => (await places.where(where).get()).data.map((d) => d._id).sort();
         const block = db.Geo.Polygon([db.Geo.LineString([
           db.Geo.Point(120.150, 30.270), db.Geo.Point(120.160, 30.270), db.Geo.Point(120.160, 30.278),
           db.Geo.Point(120.150, 30.278), db.Geo.Point(120.150, 30.270)])]);
         return {
           inBlock: await placeIds({ location: _.geoWithin({ geometry: block }) }),
           inCircle: await placeIds({ location: _.geoWithin({ centerSphere: [db.Geo.Point(120.1550, 30.2740), 1500 / 6378100] }) }),
           zoneOfMarket: await placeIds({ area: _.geoIntersects({ geometry: db.Geo.Point(120.1581, 30.2740) }) }),
           zoneOfSchool: await placeIds({ area: _.geoIntersects({ geometry: db.Geo.Point(120.1450, 30.2750) }) }),
           pointsTouchingBlock: await placeIds({ location: _.geoIntersects({ geometry: block }) }),
         };`,
      );
      expect(value).toEqual({
        inBlock: ['bus', 'centre', 'market'],
        inCircle: ['bus', 'centre', 'clinic', 'market'],
        zoneOfMarket: ['east'],
        zoneOfSchool: ['west'],
        pointsTouchingBlock: ['bus', 'centre', 'market'],
      });
    });

    it('aggregate().geoNear adds each place’s distance, nearest first, through the 2dsphere index on location', async () => {
      const value = await hosted.run(
        `const rows = await db.collection('places').aggregate()
           .geoNear({ near: db.Geo.Point(120.1550, 30.2740), distanceField: 'metres', spherical: true, maxDistance: 1000, key: 'location' })
           .project({ _id: 1, metres: 1 })
           .end();
         return rows.list.map((r) => [r._id, Math.round(r.metres)]);`,
      );
      expect(value.map((r: [string, number]) => r[0])).toEqual(['centre', 'bus', 'market', 'clinic']);
      expect(value[2][1]).toBeGreaterThan(290);
      expect(value[2][1]).toBeLessThan(310);
    });

    it('a geo query on a field without a 2dsphere index fails as in the cloud (WeChat geo guide: 必须建立地理位置索引)', async () => {
      const value = await hosted.run(
        `const failure = async (run) => { try { await run(); return null; } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg }; } };
         const here = db.Geo.Point(120.1550, 30.2740);
         return {
           near: await failure(() => residents.where({ home: _.geoNear({ geometry: here, maxDistance: 1000 }) }).get()),
           within: await failure(() => residents.where({ home: _.geoWithin({ centerSphere: [here, 0.001] }) }).count()),
           stage: await failure(() => residents.aggregate().geoNear({ near: here, distanceField: 'd', spherical: true }).end()),
         };`,
      );
      expect(value.near.errCode).toBeLessThan(0);
      expect(value.near.errMsg).toContain('unable to find index for $geoNear query');
      expect(value.within.errMsg).toContain('unable to find index for $geoWithin query');
      expect(value.stage.errMsg).toContain('$geoNear requires a 2d or 2dsphere index');
    });
  });
});
