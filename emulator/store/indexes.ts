import { Doc, isDoc, StoreError } from './types';
import { compareValues } from './values';

/** One declared index, as written in database.json. */
export interface IndexSpec {
  name: string;
  /**
   * Field paths in order, 1 ascending, -1 descending, or "2dsphere" (a geo index: what geo queries on
   * that field need; here it only permits them, matching is a scan).
   */
  keys: Record<string, 1 | -1 | '2dsphere'>;
  /** CloudBase has no sparse indexes: a document missing a key field counts as null, like the cloud. */
  unique?: boolean;
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
 * The final tie-break of every sorted read: `_id` ascending by Mongo order, then by canonical key so two
 * distinct ids never compare equal. Both the sorting path and the ordered index walk use it.
 */
export function compareIds(a: unknown, b: unknown): number {
  const c = compareValues(a, b);
  if (c !== 0) return c;
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** One document in an ordered bucket: its values of the index fields after the first, and its id. */
export interface OrderedEntry {
  key: unknown[];
  idValue: unknown;
  id: string;
}

/** A slice of an ordered bucket: the entries whose leading key fields equal the query's prefix. */
export interface OrderedRange {
  entries: OrderedEntry[];
  lo: number;
  hi: number;
}

/** A sort key for the ordered structure, or undefined when the value cannot be ordered like a scalar. */
function scalarKey(doc: Doc, path: string): unknown {
  const values = pathValues(doc, path);
  if (values.length !== 1) return undefined;
  const v = values[0];
  if (v === undefined || v === null) return null;
  if (Array.isArray(v) || (typeof v === 'number' && Number.isNaN(v))) return undefined;
  return v;
}

/**
 * A hash index over the first key field (for equality and `$in` lookups) plus, when unique, an exact
 * map over the whole key tuple. Candidates from `lookup` are always re-checked against the full query.
 */
export class Index {
  private byFirst = new Map<string, Set<string>>();
  private uniqueKeys = new Map<string, string>();
  readonly fields: string[];
  /** Each field's direction, 1 or -1. */
  readonly directions: number[];
  /**
   * Ordered buckets, one per first-field value, built on the first ordered read of that value and then
   * kept sorted on every add/remove: entries sorted by the remaining key fields (each in its declared
   * direction, missing as null), then by `_id` ascending (compareIds).
   */
  private buckets = new Map<string, OrderedEntry[]>();
  /** Indexed documents with an array (multikey), NaN or several values under a key field: no ordered reads. */
  private unordered = new Set<string>();

  constructor(
    readonly collection: string,
    readonly spec: IndexSpec,
  ) {
    this.fields = Object.keys(spec.keys);
    this.directions = this.fields.map((f) => (spec.keys[f] === -1 ? -1 : 1));
  }

  /** Whether ordered reads are possible: no indexed document has a multikey or unorderable key value. */
  get orderable(): boolean {
    return this.unordered.size === 0;
  }

  /** The bucket key and entry of a document, or null when one of its key values is not an orderable scalar. */
  private entryOf(id: string, doc: Doc): { bucket: string; entry: OrderedEntry } | null {
    const first = scalarKey(doc, this.fields[0]);
    if (first === undefined) return null;
    const key: unknown[] = [];
    for (let i = 1; i < this.fields.length; i++) {
      const v = scalarKey(doc, this.fields[i]);
      if (v === undefined) return null;
      key.push(v);
    }
    return { bucket: keyOf(first), entry: { key, idValue: doc._id, id } };
  }

  private compareEntries = (a: OrderedEntry, b: OrderedEntry): number => {
    for (let i = 0; i < a.key.length; i++) {
      const c = compareValues(a.key[i], b.key[i]);
      if (c !== 0) return c * this.directions[i + 1];
    }
    return compareIds(a.idValue, b.idValue);
  };

  /** First position in `entries` whose entry does not sort before `entry`. */
  private lowerBound(entries: OrderedEntry[], entry: OrderedEntry): number {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareEntries(entries[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private addOrdered(id: string, doc: Doc): void {
    const found = this.entryOf(id, doc);
    if (!found) {
      this.unordered.add(id);
      return;
    }
    const entries = this.buckets.get(found.bucket);
    if (entries) entries.splice(this.lowerBound(entries, found.entry), 0, found.entry);
  }

  private removeOrdered(id: string, doc: Doc): void {
    if (this.unordered.delete(id)) return;
    const found = this.entryOf(id, doc);
    const entries = found && this.buckets.get(found.bucket);
    if (!found || !entries) return;
    const at = this.lowerBound(entries, found.entry);
    if (entries[at]?.id === id) entries.splice(at, 1);
    else {
      // Not where its key says (should not happen): drop the bucket so it is rebuilt on the next read.
      this.buckets.delete(found.bucket);
    }
  }

  /**
   * The entries whose first `prefix.length` key fields equal `prefix` (the first must be a value the
   * query fixes), in index order; null when ordered reads are unavailable. `docOf` reads committed
   * documents to build a bucket the first time it is asked for.
   */
  orderedRange(prefix: unknown[], docOf: (id: string) => Doc | undefined): OrderedRange | null {
    if (!this.orderable || prefix.length === 0) return null;
    const bucket = keyOf(prefix[0]);
    let entries = this.buckets.get(bucket);
    if (!entries) {
      entries = [];
      for (const id of this.byFirst.get(bucket) ?? []) {
        const doc = docOf(id);
        const found = doc && this.entryOf(id, doc);
        if (found) entries.push(found.entry);
      }
      entries.sort(this.compareEntries);
      this.buckets.set(bucket, entries);
    }
    const rest = prefix.slice(1);
    const comparePrefix = (e: OrderedEntry): number => {
      for (let i = 0; i < rest.length; i++) {
        const c = compareValues(e.key[i], rest[i]);
        if (c !== 0) return c * this.directions[i + 1];
      }
      return 0;
    };
    const bound = (strict: boolean): number => {
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = comparePrefix(entries[mid]);
        if (c < 0 || (strict && c === 0)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return { entries, lo: bound(false), hi: bound(true) };
  }

  get firstField(): string {
    return this.fields[0];
  }

  private uniqueKey(doc: Doc): string | null {
    return this.fields.map((f) => keyOf(pathValues(doc, f)[0])).join('\u0000');
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
        // A compound key joins its fields with NUL (never in a value), shown here as Mongo shows it.
        // eslint-disable-next-line no-control-regex
        `E11000 duplicate key error collection: ${this.collection} index: ${this.spec.name} dup key: ${key.replace(/\u0000/g, ', ')}`,
      );
    }
    return key;
  }

  add(id: string, doc: Doc): void {
    this.addOrdered(id, doc);
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
    this.removeOrdered(id, doc);
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

  /**
   * Ids of documents whose first key field equals one of `values`. One value gives the index's own
   * set, not a copy: read it before the next write. `{f: null}` also matches documents where f is
   * missing; both share key 'z'.
   */
  lookup(values: unknown[]): ReadonlySet<string> {
    const keys = [...new Set(values.map(keyOf))];
    if (keys.length === 1) return this.byFirst.get(keys[0]) ?? new Set();
    const out = new Set<string>();
    for (const key of keys) {
      const ids = this.byFirst.get(key);
      if (ids) for (const id of ids) out.add(id);
    }
    return out;
  }

  /** At most how many documents `lookup(values)` gives (a multikey document may count twice), without collecting them. */
  lookupSize(values: unknown[]): number {
    let size = 0;
    for (const key of new Set(values.map(keyOf))) size += this.byFirst.get(key)?.size ?? 0;
    return size;
  }
}
