import { Doc, isDoc, StoreError } from './types';

/** One declared index, as written in database.json. */
export interface IndexSpec {
  name: string;
  /** Field paths in order, 1 ascending or -1 descending (order only matters to the cloud). */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** Documents missing every key field are left out (so unique does not count them). */
  sparse?: boolean;
}

/** Every value a dot path reaches, traversing arrays the way queries do; `[undefined]` when none. */
export function pathValues(doc: unknown, path: string): unknown[] {
  let current: unknown[] = [doc];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        if (/^\d+$/.test(key)) next.push(value[Number(key)]);
        else for (const item of value) if (isDoc(item)) next.push(item[key]);
      } else if (isDoc(value)) next.push(value[key]);
    }
    current = next;
  }
  const out: unknown[] = [];
  for (const value of current) {
    if (value === undefined) continue;
    out.push(value);
    // Multikey: an array is found by its elements as well as by itself.
    if (Array.isArray(value)) out.push(...value);
  }
  return out.length ? out : [undefined];
}

/** A canonical string for a value so that equal values (by Mongo equality) share a key. */
export function keyOf(value: unknown): string {
  if (value === undefined || value === null) return 'z';
  if (typeof value === 'number') return `n${value}`;
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'boolean') return `b${value}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof RegExp) return `r${String(value)}`;
  return `j${JSON.stringify(value, (_k, v: unknown) => (v instanceof Date ? { $d: v.getTime() } : v))}`;
}

/**
 * A hash index over the first key field (for equality and `$in` lookups) plus, when unique, an exact
 * map over the whole key tuple. Candidates from `lookup` are always re-checked against the full query.
 */
export class Index {
  private byFirst = new Map<string, Set<string>>();
  private uniqueKeys = new Map<string, string>();
  readonly fields: string[];

  constructor(readonly collection: string, readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys);
  }

  get firstField(): string {
    return this.fields[0];
  }

  private uniqueKey(doc: Doc): string | null {
    const parts = this.fields.map((f) => pathValues(doc, f)[0]);
    if (this.spec.sparse && parts.every((p) => p === undefined)) return null;
    return parts.map(keyOf).join('\u0000');
  }

  /** Throws DATABASE_DUPLICATE_WRITE if `doc` would collide with another document. */
  checkUnique(id: string, doc: Doc, ownerOf: (key: string) => string | undefined = (k) => this.uniqueKeys.get(k)): string | null {
    if (!this.spec.unique) return null;
    const key = this.uniqueKey(doc);
    if (key === null) return null;
    const owner = ownerOf(key);
    if (owner !== undefined && owner !== id) {
      throw new StoreError(
        'DATABASE_DUPLICATE_WRITE',
        `E11000 duplicate key error collection: ${this.collection} index: ${this.spec.name} dup key: ${key.replace(/\u0000/g, ', ')}`,
      );
    }
    return key;
  }

  add(id: string, doc: Doc): void {
    if (this.spec.sparse && this.fields.every((f) => pathValues(doc, f)[0] === undefined)) return;
    for (const value of pathValues(doc, this.firstField)) {
      const key = keyOf(value);
      let ids = this.byFirst.get(key);
      if (!ids) this.byFirst.set(key, (ids = new Set()));
      ids.add(id);
    }
    const unique = this.spec.unique ? this.uniqueKey(doc) : null;
    if (unique !== null) this.uniqueKeys.set(unique, id);
  }

  remove(id: string, doc: Doc): void {
    for (const value of pathValues(doc, this.firstField)) {
      const key = keyOf(value);
      const ids = this.byFirst.get(key);
      if (ids) {
        ids.delete(id);
        if (ids.size === 0) this.byFirst.delete(key);
      }
    }
    const unique = this.spec.unique ? this.uniqueKey(doc) : null;
    if (unique !== null && this.uniqueKeys.get(unique) === id) this.uniqueKeys.delete(unique);
  }

  /** Ids of documents whose first key field equals one of `values`. */
  lookup(values: unknown[]): Set<string> {
    const out = new Set<string>();
    for (const value of values) {
      const ids = this.byFirst.get(keyOf(value));
      if (ids) for (const id of ids) out.add(id);
      // `{f: null}` also matches documents where f is missing; both share key 'z'.
    }
    return out;
  }
}
