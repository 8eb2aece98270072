import { compileQuery, distanceMetres, findNearSphere } from '../../emulator/store/query';
import { Doc } from '../../emulator/store/types';
import { storeError } from './expect-store-error';

/** The ids of the documents a query selects, in stored order. */
function ids(query: Doc, docs: Doc[]): string[] {
  const match = compileQuery(query);
  return docs.filter(match).map((d) => d._id as string);
}

// Around People's Square, Shanghai: a square block of streets, and a small block about 3 km north.
const square: [number, number] = [121.4737, 31.2304];
const block = [
  [121.46, 31.22],
  [121.49, 31.22],
  [121.49, 31.24],
  [121.46, 31.24],
  [121.46, 31.22],
];
const northBox = [
  [121.47, 31.25],
  [121.48, 31.25],
  [121.48, 31.26],
  [121.47, 31.26],
  [121.47, 31.25],
];
const point = (lng: number, lat: number): Doc => ({ type: 'Point', coordinates: [lng, lat] });

describe('geo queries around People’s Square, Shanghai', () => {
  // About 400 m east and about 3 km north of the square.
  const servicePoints: Doc[] = [
    { _id: 'far', name: 'Community health station', location: point(121.4737, 31.2574) },
    { _id: 'near', name: 'Neighbourhood party service centre', location: point(121.4779, 31.2304) },
    { _id: 'nowhere', name: 'Mobile stall' },
  ];

  it('distanceMetres measures the two service points at about 400 m and 3 km', () => {
    expect(distanceMetres(square, [121.4779, 31.2304])).toBeGreaterThan(395);
    expect(distanceMetres(square, [121.4779, 31.2304])).toBeLessThan(405);
    expect(distanceMetres(square, [121.4737, 31.2574])).toBeGreaterThan(2990);
    expect(distanceMetres(square, [121.4737, 31.2574])).toBeLessThan(3020);
    expect(distanceMetres(square, square)).toBe(0);
  });

  it('$nearSphere with $maxDistance 1000 keeps only the service point 400 m away', () => {
    const query = { location: { $nearSphere: { $geometry: point(...square), $maxDistance: 1000 } } };
    expect(ids(query, servicePoints)).toEqual(['near']);
  });

  it('$minDistance drops what is too close, and $near behaves the same way', () => {
    const query = { location: { $near: { $geometry: point(...square), $minDistance: 1000, $maxDistance: 5000 } } };
    expect(ids(query, servicePoints)).toEqual(['far']);
  });

  it('without $maxDistance every located point matches and findNearSphere + distanceMetres order them nearest first', () => {
    const query = { $and: [{ location: { $nearSphere: { $geometry: point(...square) } } }] };
    const found = servicePoints.filter(compileQuery(query));
    const near = findNearSphere(query);
    expect(near).toEqual({ path: 'location', point: square });
    const distance = (d: Doc): number => distanceMetres((d.location as { coordinates: [number, number] }).coordinates, near!.point);
    expect(found.sort((a, b) => distance(a) - distance(b)).map((d) => d._id)).toEqual(['near', 'far']);
  });

  it('findNearSphere is null for a query without a near condition', () => {
    expect(findNearSphere({ name: 'x', $or: [{ location: { $nearSphere: { $geometry: point(...square) } } }] })).toBeNull();
  });

  it('$geoWithin a polygon around the square contains only the near point', () => {
    expect(ids({ location: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: [block] } } } }, servicePoints)).toEqual(['near']);
    const hole = [
      [121.475, 31.225],
      [121.48, 31.225],
      [121.48, 31.235],
      [121.475, 31.235],
      [121.475, 31.225],
    ];
    expect(ids({ location: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: [block, hole] } } } }, servicePoints)).toEqual([]);
    const multi = { type: 'MultiPolygon', coordinates: [[block], [northBox]] };
    expect(ids({ location: { $geoWithin: { $geometry: multi } } }, servicePoints)).toEqual(['far', 'near']);
  });

  it('$geoWithin $centerSphere uses a radius in radians', () => {
    const query = { location: { $geoWithin: { $centerSphere: [square, 1000 / 6378137] } } };
    expect(ids(query, servicePoints)).toEqual(['near']);
  });

  it('$geoIntersects finds points inside a polygon and grid zones containing a point', () => {
    expect(ids({ location: { $geoIntersects: { $geometry: { type: 'Polygon', coordinates: [block] } } } }, servicePoints)).toEqual(['near']);
    const zones: Doc[] = [
      { _id: 'grid-1', area: { type: 'Polygon', coordinates: [block] } },
      {
        _id: 'grid-2',
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
      },
    ];
    expect(ids({ area: { $geoIntersects: { $geometry: point(121.4779, 31.2304) } } }, zones)).toEqual(['grid-1']);
  });

  it('geo operators reject shapes the emulator cannot evaluate', () => {
    expect(storeError(() => compileQuery({ location: { $nearSphere: [121, 31] } })).message).toContain('$nearSphere');
    expect(
      storeError(() =>
        compileQuery({
          location: {
            $geoWithin: {
              $box: [
                [0, 0],
                [1, 1],
              ],
            },
          },
        }),
      ).message,
    ).toContain('$box');
    expect(storeError(() => compileQuery({ location: { $geoWithin: { $geometry: point(1, 2) } } })).code).toBe('INVALID_PARAM');
  });
});
