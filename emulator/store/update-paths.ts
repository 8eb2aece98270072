import { compileQuery } from './query';
import { Doc, StoreError, isDoc } from './types';
import { getPath } from './values';

/** A place inside a document being updated: the container and the key (array index as a string) in it. */
export type Container = Doc | unknown[];
export interface Location {
  parent: Container;
  key: string;
}

/** Guards `arr.100000000`-style paths from padding an array into gigabytes. */
const MAX_PADDING = 100_000;

export const isIndex = (segment: string): boolean => /^\d+$/.test(segment);
export const isPositional = (segment: string): boolean => segment === '$' || segment === '$[]';

export function splitPath(path: string): string[] {
  const segments = path.split('.');
  if (segments.some((s) => s === '')) throw new StoreError('INVALID_PARAM', `invalid field path '${path}'`);
  // Assigning `__proto__` on a plain object would change its prototype instead of adding a field.
  if (segments.includes('__proto__')) throw new StoreError('INVALID_PARAM', `field name '__proto__' is not allowed in '${path}'`);
  return segments;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (value instanceof RegExp) return 'a regular expression';
  if (isDoc(value)) return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

/**
 * Replaces `$` (first element matched by the query) and `$[]` (every element) with concrete indexes,
 * resolved against the document as it was before the update, like Mongo.
 */
export function expandPositional(doc: Doc, segments: string[], query: Doc | undefined, path: string): string[][] {
  const at = segments.findIndex(isPositional);
  if (at < 0) return [segments];
  const prefix = segments.slice(0, at);
  const rest = segments.slice(at + 1);
  const array = getPath(doc, prefix.join('.'));
  if (!Array.isArray(array)) {
    throw new StoreError('INVALID_PARAM', `'${path}' uses a positional operator but '${prefix.join('.')}' is not an array`);
  }
  if (segments[at] === '$') {
    const index = positionalIndex(array, prefix.join('.'), query, path);
    return expandPositional(doc, [...prefix, String(index), ...rest], query, path);
  }
  return array.flatMap((_, i) => expandPositional(doc, [...prefix, String(i), ...rest], query, path));
}

/** Field conditions that must all hold: the top level plus nested `$and`s (what `_.and()` sends). */
function conjuncts(query: Doc): [string, unknown][] {
  return Object.entries(query).flatMap(([key, value]): [string, unknown][] => {
    if (key === '$and' && Array.isArray(value)) return value.filter(isDoc).flatMap(conjuncts);
    return key.startsWith('$') ? [] : [[key, value]];
  });
}

function positionalIndex(array: unknown[], prefix: string, query: Doc | undefined, path: string): number {
  // Only the query's conditions on this array decide which element `$` means.
  const relevant = conjuncts(query ?? {}).filter(([key]) => key === prefix || key.startsWith(`${prefix}.`));
  const notFound = new StoreError('INVALID_PARAM', `the positional operator in '${path}' did not find the match needed from the query`);
  if (relevant.length === 0) throw notFound;
  const test = compileQuery({ $and: relevant.map(([key, condition]) => ({ [key]: condition })) });
  // Each element is tested on its own, as if it were the array's only element.
  const wrap = (element: unknown): Doc => prefix.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), [element]) as Doc;
  const index = array.findIndex((element) => test(wrap(element)));
  if (index < 0) throw notFound;
  return index;
}

function childOf(container: Container, key: string): unknown {
  if (Array.isArray(container)) return isIndex(key) ? container[Number(key)] : undefined;
  return Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
}

/**
 * Finds where the last segment lives. With `create`, missing intermediate objects are made (Mongo's
 * upsert-style path creation) and walking into a scalar is an error; without it, absent paths give undefined.
 */
export function locate(root: Doc, segments: string[], create: boolean): Location | undefined {
  let current: Container = root;
  for (let i = 0; i < segments.length - 1; i++) {
    let next = childOf(current, segments[i]);
    if (next === undefined) {
      if (!create) return undefined;
      next = {};
      assign(current, segments[i], next, segments.join('.'));
    }
    if (!isDoc(next) && !Array.isArray(next)) {
      if (!create) return undefined;
      const parentPath = segments.slice(0, i + 1).join('.');
      throw new StoreError('INVALID_PARAM', `cannot create field '${segments[i + 1]}' inside '${parentPath}', which holds ${describe(next)} (updating '${segments.join('.')}')`);
    }
    current = next;
  }
  const key = segments[segments.length - 1];
  if (Array.isArray(current) && !isIndex(key)) {
    if (!create) return undefined;
    throw new StoreError('INVALID_PARAM', `cannot use the non-numeric field '${key}' on an array (updating '${segments.join('.')}')`);
  }
  return { parent: current, key };
}

export function read(location: Location): unknown {
  return childOf(location.parent, location.key);
}

/** Writes a value; array writes past the end pad with null like Mongo. */
export function assign(container: Container, key: string, value: unknown, path: string): void {
  if (!Array.isArray(container)) {
    container[key] = value;
    return;
  }
  if (!isIndex(key)) throw new StoreError('INVALID_PARAM', `cannot use the non-numeric field '${key}' on an array (updating '${path}')`);
  const index = Number(key);
  if (index - container.length > MAX_PADDING) {
    throw new StoreError('INVALID_PARAM', `index ${index} in '${path}' is too far past the end of the array`);
  }
  while (container.length < index) container.push(null);
  container[index] = value;
}

/** Removes a field; inside arrays Mongo leaves null in the slot rather than shifting elements. */
export function remove(location: Location): void {
  const { parent, key } = location;
  if (!Array.isArray(parent)) delete parent[key];
  else if (Number(key) < parent.length) parent[Number(key)] = null;
}
