import { EARTH_RADIUS_M, haversineMetres } from '../../domain/earth';
import { Doc, isDoc, StoreError } from './types';

export { EARTH_RADIUS_M };

export type LngLat = [number, number];
/** Polygons as lists of rings (outer first, then holes), each ring a list of [lng, lat]. */
type Polygons = LngLat[][][];
type Leaf = (value: unknown) => boolean;

/** Great-circle distance in metres between two [lng, lat] points, with the cloud's Earth radius. */
export function distanceMetres(a: LngLat, b: LngLat): number {
  return haversineMetres(a, b);
}

function isPosition(value: unknown): value is LngLat {
  return Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
}

/** A stored location as [lng, lat]: a GeoJSON Point or a legacy coordinate pair; null otherwise. */
export function toPoint(value: unknown): LngLat | null {
  if (isDoc(value) && value.type === 'Point' && isPosition(value.coordinates)) return [value.coordinates[0], value.coordinates[1]];
  if (isPosition(value) && value.length === 2) return [value[0], value[1]];
  return null;
}

function invalid(message: string): never {
  throw new StoreError('INVALID_PARAM', message);
}

function ringsOf(coordinates: unknown, op: string): LngLat[][] {
  if (!Array.isArray(coordinates) || coordinates.length === 0) invalid(`${op}: a Polygon needs at least one ring`);
  return coordinates.map((ring) => {
    // Closure is not enforced: ray casting gives the same answer for an open ring.
    if (!Array.isArray(ring) || ring.length < 3 || !ring.every(isPosition)) invalid(`${op}: each Polygon ring needs 3 or more [lng, lat] positions`);
    return ring.map((p: LngLat): LngLat => [p[0], p[1]]);
  });
}

/** A query `$geometry`, validated when the query is compiled. */
type QueryGeometry = { kind: 'point'; point: LngLat } | { kind: 'polygons'; polygons: Polygons };

function parseGeometry(spec: unknown, op: string): QueryGeometry {
  if (!isDoc(spec)) invalid(`${op}: $geometry must be a GeoJSON object`);
  if (spec.type === 'Point') {
    if (!isPosition(spec.coordinates)) invalid(`${op}: a Point needs [lng, lat] coordinates`);
    return { kind: 'point', point: [spec.coordinates[0], spec.coordinates[1]] };
  }
  if (spec.type === 'Polygon') return { kind: 'polygons', polygons: [ringsOf(spec.coordinates, op)] };
  if (spec.type === 'MultiPolygon') {
    if (!Array.isArray(spec.coordinates) || spec.coordinates.length === 0) invalid(`${op}: a MultiPolygon needs polygons`);
    return { kind: 'polygons', polygons: spec.coordinates.map((c) => ringsOf(c, op)) };
  }
  return invalid(`${op}: $geometry type ${JSON.stringify(spec.type)} is not supported by the emulator (Point, Polygon, MultiPolygon)`);
}

/** Ray casting in the lng/lat plane; fine for neighbourhood-sized shapes, not for edges spanning continents. */
function inRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygons(p: LngLat, polygons: Polygons): boolean {
  for (const rings of polygons) {
    if (!inRing(p, rings[0])) continue;
    let inHole = false;
    for (let h = 1; h < rings.length && !inHole; h++) inHole = inRing(p, rings[h]);
    if (!inHole) return true;
  }
  return false;
}

/** Every position of a stored GeoJSON geometry (for shapes other than points); null if not GeoJSON. */
function storedShape(value: unknown): { positions: LngLat[]; polygons: Polygons } | null {
  if (!isDoc(value) || typeof value.type !== 'string' || !Array.isArray(value.coordinates)) return null;
  const c: unknown[] = value.coordinates;
  const flat = (depth: number, v: unknown): LngLat[] => (depth === 0 ? (isPosition(v) ? [[v[0], v[1]]] : []) : Array.isArray(v) ? v.flatMap((x) => flat(depth - 1, x)) : []);
  switch (value.type) {
    case 'MultiPoint':
    case 'LineString':
      return { positions: flat(1, c), polygons: [] };
    case 'MultiLineString':
      return { positions: flat(2, c), polygons: [] };
    case 'Polygon':
      return { positions: flat(2, c), polygons: [c.map((r) => flat(1, r))] };
    case 'MultiPolygon':
      return { positions: flat(3, c), polygons: c.map((poly) => (Array.isArray(poly) ? poly.map((r) => flat(1, r)) : [])) };
    default:
      return null;
  }
}

/**
 * Applies `onPoint` to a stored point, `onShape` to another stored GeoJSON geometry, and either to
 * each element of an array of locations (a field may hold several).
 */
function geoLeaf(onPoint: (p: LngLat) => boolean, onShape: (s: NonNullable<ReturnType<typeof storedShape>>) => boolean): Leaf {
  const leaf = (value: unknown): boolean => {
    const point = toPoint(value);
    if (point) return onPoint(point);
    const shape = storedShape(value);
    if (shape) return shape.positions.length > 0 && onShape(shape);
    return Array.isArray(value) && value.some((v) => !Array.isArray(v) && leaf(v));
  };
  return leaf;
}

function optionalMetres(value: unknown, name: string, op: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value >= 0)) invalid(`${op}: ${name} must be a non-negative number of metres`);
  return value;
}

/**
 * `$near` / `$nearSphere` with a GeoJSON point: a distance filter in metres. Ordering nearest-first is
 * the collection's job (see findNearSphere). `siblings` carries legacy-style `$maxDistance` beside it.
 */
export function compileNear(op: string, spec: unknown, siblings: Doc): { point: LngLat; leaf: Leaf } {
  if (!isDoc(spec) || !('$geometry' in spec)) {
    invalid(`${op}: only the {$geometry: {type: 'Point', coordinates: [lng, lat]}} form is supported by the emulator`);
  }
  const geometry = parseGeometry(spec.$geometry, op);
  if (geometry.kind !== 'point') invalid(`${op}: $geometry must be a Point`);
  const max = optionalMetres(spec.$maxDistance ?? siblings.$maxDistance, '$maxDistance', op) ?? Infinity;
  const min = optionalMetres(spec.$minDistance ?? siblings.$minDistance, '$minDistance', op) ?? 0;
  const centre = geometry.point;
  const leaf: Leaf = (value) => {
    const p = toPoint(value);
    if (!p) return false; // Documents without a point are never "near" anything.
    const d = distanceMetres(p, centre);
    return d <= max && d >= min;
  };
  return { point: centre, leaf };
}

export function compileGeoWithin(spec: unknown): Leaf {
  const op = '$geoWithin';
  if (!isDoc(spec)) return invalid(`${op} needs {$geometry} or {$centerSphere}`);
  if ('$centerSphere' in spec) {
    const cs = spec.$centerSphere;
    if (!Array.isArray(cs) || !isPosition(cs[0]) || typeof cs[1] !== 'number' || cs[1] < 0) {
      invalid(`${op}: $centerSphere must be [[lng, lat], radiusInRadians]`);
    }
    const centre: LngLat = [cs[0][0], cs[0][1]];
    const radius = cs[1] * EARTH_RADIUS_M;
    const within = (p: LngLat): boolean => distanceMetres(p, centre) <= radius;
    return geoLeaf(within, (s) => s.positions.every(within));
  }
  if ('$geometry' in spec) {
    const geometry = parseGeometry(spec.$geometry, op);
    if (geometry.kind !== 'polygons') invalid(`${op}: $geometry must be a Polygon or MultiPolygon`);
    const within = (p: LngLat): boolean => inPolygons(p, geometry.polygons);
    // A stored shape is within when all its vertices are (an approximation for concave regions).
    return geoLeaf(within, (s) => s.positions.every(within));
  }
  const other = Object.keys(spec)[0] ?? '(empty)';
  return invalid(`${op}: ${other} is not supported by the emulator (use $geometry or $centerSphere)`);
}

export function compileGeoIntersects(spec: unknown): Leaf {
  const op = '$geoIntersects';
  if (!isDoc(spec) || !('$geometry' in spec)) invalid(`${op} needs {$geometry}`);
  const geometry = parseGeometry(spec.$geometry, op);
  if (geometry.kind === 'point') {
    const q = geometry.point;
    return geoLeaf(
      (p) => p[0] === q[0] && p[1] === q[1],
      (s) => inPolygons(q, s.polygons) || s.positions.some((p) => p[0] === q[0] && p[1] === q[1]),
    );
  }
  const inside = (p: LngLat): boolean => inPolygons(p, geometry.polygons);
  // Shapes intersect here when a vertex of one lies inside the other; crossing edges alone are missed.
  return geoLeaf(inside, (s) => s.positions.some(inside) || geometry.polygons.some((rings) => rings[0].some((p) => inPolygons(p, s.polygons))));
}
