import { compileElementMatcher, Matcher } from './query-operators';
import { compilePath } from './query-path';
import { Doc, isDoc, StoreError } from './types';
import { cloneValue, compareValues } from './values';

function invalid(message: string): never {
  throw new StoreError('INVALID_PARAM', message);
}

/** What happens to one projected field: kept, dropped, sliced, or narrowed to its first matching element. */
type Leaf = { kind: 'include' } | { kind: 'exclude' } | { kind: 'slice'; skip: number; limit: number } | { kind: 'elemMatch'; match: Matcher };
/** Projection paths as a tree: `{'a.b': 1, 'a.c': 1}` becomes a → {b, c}. */
type Tree = Map<string, Leaf | Tree>;

function parseLeaf(path: string, value: unknown): Leaf {
  if (typeof value === 'number' || typeof value === 'boolean') return value ? { kind: 'include' } : { kind: 'exclude' };
  if (isDoc(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$slice') {
      const s = value.$slice;
      if (typeof s === 'number' && Number.isInteger(s)) return { kind: 'slice', skip: s < 0 ? s : 0, limit: Math.abs(s) };
      if (Array.isArray(s) && s.length === 2 && Number.isInteger(s[0]) && Number.isInteger(s[1]) && (s[1] as number) > 0) {
        return { kind: 'slice', skip: s[0] as number, limit: s[1] as number };
      }
      return invalid(`$slice on "${path}" needs an integer or [skip, limit] with limit > 0`);
    }
    if (keys.length === 1 && keys[0] === '$elemMatch') {
      if (path.includes('.')) invalid(`$elemMatch projection on "${path}": only top-level array fields are supported`);
      return { kind: 'elemMatch', match: compileElementMatcher(value.$elemMatch, path) };
    }
    return invalid(`unsupported projection for "${path}": ${keys.join(', ') || '{}'} (use 1/0, $slice or $elemMatch)`);
  }
  return invalid(`projection value for "${path}" must be 1/0, true/false, $slice or $elemMatch`);
}

function addPath(tree: Tree, path: string, leaf: Leaf): void {
  if (path.endsWith('.$') || path.includes('.$.')) invalid(`positional projection "${path}" is not supported by the emulator`);
  const segs = path.split('.');
  if (segs.some((s) => s === '' || s.startsWith('$'))) invalid(`invalid projection path "${path}"`);
  let node = tree;
  for (let i = 0; i < segs.length - 1; i++) {
    const next = node.get(segs[i]);
    if (next === undefined) node.set(segs[i], (node = new Map()));
    else if (next instanceof Map) node = next;
    else invalid(`projection path collision at "${path}"`);
  }
  if (node.has(segs[segs.length - 1])) invalid(`projection path collision at "${path}"`);
  node.set(segs[segs.length - 1], leaf);
}

function slice(value: unknown, skip: number, limit: number): unknown {
  if (!Array.isArray(value)) return cloneValue(value);
  const start = skip < 0 ? Math.max(0, value.length + skip) : Math.min(skip, value.length);
  return value.slice(start, start + limit).map(cloneValue);
}

/** The projected value of one field, or undefined to leave the field out. */
function applyLeaf(leaf: Leaf, value: unknown): unknown {
  switch (leaf.kind) {
    case 'include':
      return cloneValue(value);
    case 'exclude':
      return undefined;
    case 'slice':
      return slice(value, leaf.skip, leaf.limit);
    case 'elemMatch': {
      const hit = Array.isArray(value) ? value.find((el) => leaf.match(el)) : undefined;
      return hit === undefined ? undefined : [cloneValue(hit)];
    }
  }
}

/** Inclusion: only the tree's fields, in document order; under a path, arrays keep just their document elements. */
function include(src: Doc, tree: Tree): Doc {
  const out: Doc = {};
  for (const key of Object.keys(src)) {
    const node = tree.get(key);
    if (node === undefined) continue;
    const value = src[key];
    if (!(node instanceof Map)) {
      const projected = applyLeaf(node, value);
      if (projected !== undefined) out[key] = projected;
    } else if (isDoc(value)) {
      out[key] = include(value, node);
    } else if (Array.isArray(value)) {
      out[key] = value.filter(isDoc).map((el) => include(el, node));
    }
  }
  return out;
}

/** Exclusion: everything but the tree's fields; `$slice` leaves are applied in place. */
function exclude(src: Doc, tree: Tree): Doc {
  const out: Doc = {};
  for (const key of Object.keys(src)) {
    const value = src[key];
    const node = tree.get(key);
    if (node === undefined) out[key] = cloneValue(value);
    else if (!(node instanceof Map)) {
      const projected = applyLeaf(node, value);
      if (projected !== undefined) out[key] = projected;
    } else if (isDoc(value)) out[key] = exclude(value, node);
    else if (Array.isArray(value)) out[key] = value.map((el) => (isDoc(el) ? exclude(el, node) : cloneValue(el)));
    else out[key] = cloneValue(value);
  }
  return out;
}

/**
 * Compiles a projection (`field()` in wx-server-sdk). Inclusion keeps `_id` unless `_id: 0`; mixing
 * inclusion and exclusion of other fields is rejected like MongoDB does. Results never alias stored docs.
 */
export function compileProjection(projection: Doc | undefined): (doc: Doc) => Doc {
  const keys = projection ? Object.keys(projection).filter((k) => projection[k] !== undefined) : [];
  if (!projection || keys.length === 0) return (doc) => cloneValue(doc);
  const tree: Tree = new Map();
  let including = false;
  let excluding = false;
  let elemMatch = false;
  let idLeaf: Leaf | undefined;
  for (const path of keys) {
    const leaf = parseLeaf(path, projection[path]);
    if (path === '_id' && (leaf.kind === 'include' || leaf.kind === 'exclude')) {
      idLeaf = leaf; // `_id` may be toggled in either mode.
      continue;
    }
    if (leaf.kind === 'include') including = true;
    if (leaf.kind === 'exclude') excluding = true;
    if (leaf.kind === 'elemMatch') elemMatch = true;
    addPath(tree, path, leaf);
  }
  if (including && excluding) invalid('a projection cannot mix inclusion and exclusion (except for _id)');
  // `$elemMatch` or a lone `{_id: 1}` make an inclusion; `$slice` or a lone `{_id: 0}` an exclusion.
  if (!excluding && (elemMatch || idLeaf?.kind === 'include')) including = true;
  if (including) {
    if (idLeaf?.kind !== 'exclude') tree.set('_id', { kind: 'include' });
    return (doc) => include(doc, tree);
  }
  if (idLeaf?.kind === 'exclude') tree.set('_id', idLeaf);
  return (doc) => exclude(doc, tree);
}

/** The sort key of an empty array: MongoDB orders it below null and missing fields. */
const EMPTY_ARRAY = Symbol('empty array');
function compareSortKeys(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
  return compareValues(a, b);
}

// Sort keys are collected through this module-level accumulator so comparing does not allocate closures.
let sortBest: unknown;
let sortFound = false;
let sortDirection = 1;
function considerSortKey(v: unknown): void {
  const key = v === undefined ? null : v;
  if (!sortFound || compareSortKeys(key, sortBest) * sortDirection < 0) {
    sortBest = key;
    sortFound = true;
  }
}
function collectSortKey(value: unknown): boolean {
  if (Array.isArray(value) && value.length > 0) for (let i = 0; i < value.length; i++) considerSortKey(value[i]);
  else considerSortKey(Array.isArray(value) ? EMPTY_ARRAY : value);
  return false; // Keep walking: every value on the path is a candidate.
}

/**
 * Compiles an `orderBy` spec. Missing fields sort as null and an empty array below null; for an array,
 * ascending order uses its smallest element and descending order its largest, as in MongoDB. Returns null
 * when there is no order.
 */
export function compileSort(order: Doc | undefined): ((a: Doc, b: Doc) => number) | null {
  if (!order) return null;
  const fields = Object.keys(order).map((path) => {
    const raw = order[path];
    const direction = raw === 1 || raw === 'asc' ? 1 : raw === -1 || raw === 'desc' ? -1 : invalid(`sort direction for "${path}" must be 1, -1, 'asc' or 'desc'`);
    const walker = compilePath(path);
    const simple = !path.includes('.') && !(path in Object.prototype);
    return { path, direction, walker, simple };
  });
  if (fields.length === 0) return null;
  const keyOf = (doc: Doc, f: (typeof fields)[number]): unknown => {
    if (f.simple) {
      const v = doc[f.path];
      if (!Array.isArray(v)) return v === undefined ? null : v; // Fast path: a plain top-level scalar.
    }
    sortFound = false;
    sortBest = null;
    sortDirection = f.direction;
    f.walker(doc, collectSortKey);
    return sortBest;
  };
  return (a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const c = compareSortKeys(keyOf(a, f), keyOf(b, f));
      if (c !== 0) return c * f.direction;
    }
    return 0;
  };
}
