import { compileFilter } from './query-operators';
import { Doc, isDoc } from './types';
import { compareValues } from './values';
import { LngLat, toPoint } from './geo';

export { distanceMetres } from './geo';

/**
 * Compiles a decoded CloudBase/Mongo query into a predicate. Everything is validated here, so an
 * unknown or malformed operator throws StoreError('INVALID_PARAM') before any document is scanned.
 */
export function compileQuery(query: Doc): (doc: Doc) => boolean {
  return compileFilter(query);
}

/** Top-level conditions plus those of a top-level `$and` (recursively): all of them must hold. */
function* conjuncts(query: Doc): Generator<[string, unknown]> {
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) if (isDoc(sub)) yield* conjuncts(sub);
    } else if (!key.startsWith('$')) {
      yield [key, value];
    }
  }
}

/**
 * The point of a `$nearSphere` / `$near` condition, so the collection can order results nearest-first
 * as MongoDB does. Only top-level (or top-level `$and`) conditions count, like in MongoDB.
 */
export function findNearSphere(query: Doc): { path: string; point: [number, number] } | null {
  for (const [path, condition] of conjuncts(query)) {
    if (!isDoc(condition)) continue;
    const near = condition.$nearSphere ?? condition.$near;
    if (!isDoc(near) || !isDoc(near.$geometry) || near.$geometry.type !== 'Point') continue;
    const point: LngLat | null = toPoint(near.$geometry);
    if (point) return { path, point };
  }
  return null;
}

export interface IndexableCondition {
  /** The field equals one of these (for an array field: the array or one of its elements does). */
  eq?: unknown[];
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
}

/**
 * Constraints an index can use to narrow the candidates. Only what a matching document must satisfy is
 * reported (a safe superset): null equality is left out because it also matches missing fields (and
 * paths through arrays that an index does not key the same way), and RegExp values are left out
 * because they are patterns, not values.
 */
export function indexableConditions(query: Doc): Map<string, IndexableCondition> {
  const out = new Map<string, IndexableCondition>();
  const entry = (path: string): IndexableCondition => {
    let c = out.get(path);
    if (!c) out.set(path, (c = {}));
    return c;
  };
  for (const [path, condition] of conjuncts(query)) {
    if (condition === undefined) continue;
    if (isDoc(condition) && Object.keys(condition)[0]?.startsWith('$')) {
      for (const op of Object.keys(condition)) {
        const x = condition[op];
        if (op === '$eq' && indexableValue(x)) narrowEq(entry(path), [x]);
        else if (op === '$in' && Array.isArray(x) && x.length > 0 && x.every(indexableValue)) narrowEq(entry(path), x);
        else if ((op === '$gt' || op === '$gte') && indexableValue(x)) narrowRange(entry(path), op === '$gt' ? 'gt' : 'gte', x, 1);
        else if ((op === '$lt' || op === '$lte') && indexableValue(x)) narrowRange(entry(path), op === '$lt' ? 'lt' : 'lte', x, -1);
      }
    } else if (indexableValue(condition)) {
      narrowEq(entry(path), [condition]);
    }
  }
  for (const [path, c] of out) if (Object.keys(c).length === 0) out.delete(path);
  return out;
}

function indexableValue(value: unknown): boolean {
  if (value === null || value === undefined || value instanceof RegExp) return false;
  // An embedded document starting with `$` is an operator, not a value to look up.
  return !(isDoc(value) && Object.keys(value).some((k) => k.startsWith('$')));
}

/** Two equality lists on one field both have to hold; keeping the shorter one is still a superset. */
function narrowEq(c: IndexableCondition, values: unknown[]): void {
  if (!c.eq || values.length < c.eq.length) c.eq = values;
}

/** Keeps the tighter of two bounds of the same kind when they are comparable. */
function narrowRange(c: IndexableCondition, kind: 'gt' | 'gte' | 'lt' | 'lte', x: unknown, direction: 1 | -1): void {
  const current = c[kind];
  if (current === undefined || compareValues(x, current) * direction > 0) c[kind] = x;
}
