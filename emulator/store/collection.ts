import { Index, IndexSpec, OrderedEntry, OrderedRange, compareIds, keyOf } from './indexes';
import { IndexableCondition, compileQuery, findNearSphere, distanceMetres, indexableConditions } from './query';
import { geoIndexedFields, requireGeoIndexes } from './geo-index';
import { compileSort } from './projection';
import { Doc, isDoc } from './types';
import { compareValues, getPath } from './values';

/** A committed document with the sequence number of the commit that last wrote it. */
export interface Stored {
  doc: Doc;
  version: number;
  /** When it was first inserted, to give narrowed reads the collection's own (insertion) order. */
  seq: number;
}

export interface ScanStats {
  /** Documents the predicate was evaluated on; the whole collection when no index applied. */
  examined: number;
  index: string | null;
  /** True when the index was walked in sort order and the walk stopped after the requested window. */
  ordered?: boolean;
}

/** The page a caller wants; lets an ordered index walk stop early. */
export interface SelectWindow {
  offset: number;
  limit: number;
}

/** An index walk that yields documents already in the query's sort order. */
interface OrderedPlan {
  index: Index;
  range: OrderedRange;
  /** Walk from the end of the range towards its start. */
  reverse: boolean;
  /** Key positions (in OrderedEntry.key) the sort consumes: documents equal on them are ties. */
  from: number;
  to: number;
  /** Direction ties are ordered by `_id` in: the sort's trailing `_id`, else ascending. */
  idDirection: number;
}

/** The ids a hash index narrows a query to: how many (without collecting them) and the ids themselves on demand. */
interface Candidates {
  index: string;
  size: number;
  ids(): Iterable<string>;
}

/** The documents of one collection and its indexes. Knows nothing of transactions or persistence. */
export class Collection {
  readonly docs = new Map<string, Stored>();
  readonly indexes: Index[];
  private inserted = 0;

  /** Fields with a 2dsphere index: the only ones geo queries may use. */
  readonly geoFields: string[];

  constructor(
    readonly name: string,
    specs: IndexSpec[] = [],
  ) {
    this.indexes = specs.map((s) => new Index(name, s));
    this.geoFields = geoIndexedFields(specs);
  }

  /** Builds an index over the documents already here; a unique index they break is refused and nothing changes. */
  addIndex(spec: IndexSpec): void {
    const index = new Index(this.name, spec);
    for (const [id, { doc }] of this.docs) {
      index.checkUnique(id, doc);
      index.add(id, doc);
    }
    this.indexes.push(index);
  }

  dropIndex(name: string): void {
    const at = this.indexes.findIndex((index) => index.spec.name === name);
    if (at >= 0) this.indexes.splice(at, 1);
  }

  get(id: string): Stored | undefined {
    return this.docs.get(id);
  }

  /** Throws DATABASE_DUPLICATE_WRITE when `doc` collides on a unique index (ignoring itself). */
  checkUnique(id: string, doc: Doc, ownerOf?: (index: Index, key: string) => string | undefined): void {
    for (const index of this.indexes) index.checkUnique(id, doc, ownerOf ? (k) => ownerOf(index, k) : undefined);
  }

  put(id: string, doc: Doc | null, version: number): void {
    const old = this.docs.get(id);
    if (old) for (const index of this.indexes) index.remove(id, old.doc);
    if (doc === null) {
      this.docs.delete(id);
      return;
    }
    this.docs.set(id, { doc, version, seq: old ? old.seq : ++this.inserted });
    for (const index of this.indexes) index.add(id, doc);
  }

  /**
   * The hash index that narrows `query` the most, or null when no declared index applies: its name,
   * how many ids it gives (counted, not collected) and a way to read them, so that a plan that does
   * not need them (an ordered walk) never pays for collecting them.
   */
  private candidates(query: Doc, conditions = indexableConditions(query)): Candidates | null {
    const byId = conditions.get('_id')?.eq;
    // `_id` is always indexed: the documents map is keyed by it.
    if (byId) {
      const ids = new Set(byId.map(keyOf).filter((id) => this.docs.has(id)));
      return { index: '_id_', size: ids.size, ids: () => ids };
    }
    let best: Candidates | null = null;
    for (const index of this.indexes) {
      const eq = conditions.get(index.firstField)?.eq;
      if (!eq) continue;
      const size = index.lookupSize(eq);
      if (!best || size < best.size) best = { index: index.spec.name, size, ids: () => index.lookup(eq) };
    }
    return best;
  }

  /**
   * The documents that may match `query` (a superset), in the collection's order, read through the hash
   * indexes: its top-level equalities, or every branch of a top-level `$or`. Null when no index narrows
   * it (then every document is a candidate). An aggregation's first `$match` reads its input this way.
   */
  candidateDocs(query: Doc): Doc[] | null {
    const ids = this.candidateIds(query);
    if (!ids) return null;
    const found: Stored[] = [];
    for (const id of ids) {
      const stored = this.docs.get(id);
      if (stored) found.push(stored);
    }
    return found.sort((a, b) => a.seq - b.seq).map((stored) => stored.doc);
  }

  private candidateIds(query: Doc): Iterable<string> | null {
    // Operators ($expr, $and, …) are left to the match itself; only plain fields and $or narrow.
    const plain: Doc = {};
    for (const key of Object.keys(query)) if (!key.startsWith('$')) plain[key] = query[key];
    const planned = this.candidates(plain);
    if (planned) return planned.ids();
    const branches = query.$or;
    if (!Array.isArray(branches) || branches.length === 0) return null;
    const union = new Set<string>();
    for (const branch of branches) {
      const ids = isDoc(branch) ? this.candidateIds(branch) : null;
      if (!ids) return null;
      for (const id of ids) union.add(id);
    }
    return union;
  }

  /**
   * An ordered walk for `order`: an index whose leading fields the query fixes to single values and
   * whose next fields are the sort's (all in the same, or all in the exact reverse, direction), with at
   * most a trailing `_id` left over. Null when none applies.
   */
  private orderedPlan(conditions: Map<string, IndexableCondition>, order: Doc): OrderedPlan | null {
    const sort = Object.keys(order).map((path) => ({ path, direction: order[path] === 1 || order[path] === 'asc' ? 1 : -1 }));
    if (sort.length === 0) return null;
    let best: OrderedPlan | null = null;
    for (const index of this.indexes) {
      if (!index.orderable) continue;
      const { fields, directions } = index;
      let fixed = 0;
      while (fixed < fields.length && conditions.get(fields[fixed])?.eq?.length === 1) fixed++;
      for (let k = Math.min(fixed, fields.length - 1); k >= 1; k--) {
        let walk = 0;
        let m = 0;
        while (m < sort.length && k + m < fields.length && sort[m].path === fields[k + m]) {
          const d = sort[m].direction * directions[k + m];
          if (walk !== 0 && d !== walk) break;
          walk = d;
          m++;
        }
        if (m === 0) continue;
        const rest = sort.slice(m);
        if (rest.length > 1 || (rest.length === 1 && rest[0].path !== '_id')) continue;
        const prefix = fields.slice(0, k).map((f) => conditions.get(f)!.eq![0]);
        const range = index.orderedRange(prefix, (id) => this.docs.get(id)?.doc);
        if (!range) break;
        const plan: OrderedPlan = { index, range, reverse: walk < 0, from: k - 1, to: k - 1 + m, idDirection: rest.length ? rest[0].direction : 1 };
        if (!best || range.hi - range.lo < best.range.hi - best.range.lo) best = plan;
        break;
      }
    }
    return best;
  }

  /** Walks an ordered plan, ties re-ordered by `_id`, until `want` documents match. */
  private walk(plan: OrderedPlan, matches: (doc: Doc) => boolean, want: number): { docs: Doc[]; examined: number } {
    const { entries, lo, hi } = plan.range;
    const step = plan.reverse ? -1 : 1;
    const inRange = (i: number): boolean => i >= lo && i < hi;
    const tie = (a: OrderedEntry, b: OrderedEntry): boolean => {
      for (let i = plan.from; i < plan.to; i++) if (compareValues(a.key[i], b.key[i]) !== 0) return false;
      return true;
    };
    const out: Doc[] = [];
    let examined = 0;
    let p = plan.reverse ? hi - 1 : lo;
    while (out.length < want && inRange(p)) {
      let q = p;
      while (inRange(q + step) && tie(entries[q + step], entries[p])) q += step;
      let run: OrderedEntry[] = [entries[p]];
      if (q !== p) {
        run = plan.reverse ? entries.slice(q, p + 1) : entries.slice(p, q + 1);
        run.sort((a, b) => compareIds(a.idValue, b.idValue) * plan.idDirection);
      }
      for (const entry of run) {
        const stored = this.docs.get(entry.id);
        if (!stored) continue;
        examined++;
        if (matches(stored.doc)) out.push(stored.doc);
        if (out.length >= want) break;
      }
      p = q + step;
    }
    return { docs: out, examined };
  }

  /**
   * Documents matching `query` in result order. `overlay` replaces or hides committed documents
   * (a transaction's own writes) and adds new ones.
   */
  select(query: Doc, order: Doc | undefined, overlay?: Map<string, Doc | null>, window?: SelectWindow): { docs: Doc[]; stats: ScanStats } {
    const matches = compileQuery(query);
    requireGeoIndexes(this.name, query, this.geoFields);
    const sorting = order && Object.keys(order).length ? order : undefined;
    compileSort(sorting); // Validates the order before any plan is made.
    const conditions = indexableConditions(query);
    // Sized, not collected: the ordered walk below does not read them.
    const planned = this.candidates(query, conditions);
    // With a window, an ordered walk can stop early instead of sorting every match. Not with a
    // transaction's own writes (they are not in the index) nor with a $nearSphere query.
    if (window && sorting && !(overlay && overlay.size > 0) && planned?.index !== '_id_' && !findNearSphere(query)) {
      const plan = this.orderedPlan(conditions, sorting);
      const want = Math.max(0, window.offset) + Math.max(0, window.limit);
      const size = plan ? plan.range.hi - plan.range.lo : 0;
      // A hash candidate set much smaller than the walk's range is cheaper to sort whole.
      const hashCheaper = planned && plan && planned.size * 8 < size;
      if (plan && !hashCheaper) {
        const { docs, examined } = this.walk(plan, matches, want);
        return { docs, stats: { examined, index: plan.index.spec.name, ordered: true } };
      }
    }
    const ids: Iterable<string> = planned ? planned.ids() : this.docs.keys();
    const out: Doc[] = [];
    let examined = 0;
    const consider = (doc: Doc): void => {
      examined++;
      if (matches(doc)) out.push(doc);
    };
    for (const id of ids) {
      if (overlay?.has(id)) continue;
      const stored = this.docs.get(id);
      if (stored) consider(stored.doc);
    }
    if (overlay) for (const doc of overlay.values()) if (doc) consider(doc);
    sortResults(out, query, order);
    return { docs: out, stats: { examined, index: planned ? planned.index : null } };
  }
}

function sortResults(docs: Doc[], query: Doc, order: Doc | undefined): void {
  const compare = compileSort(order && Object.keys(order).length ? order : undefined);
  const near = findNearSphere(query);
  if (near && !compare) {
    const distance = (doc: Doc): number => {
      const point = getPath(doc, `${near.path}.coordinates`);
      return Array.isArray(point) && typeof point[0] === 'number' && typeof point[1] === 'number' ? distanceMetres([point[0], point[1]], near.point) : Infinity;
    };
    docs.sort((a, b) => distance(a) - distance(b));
  } else if (compare) {
    // Ties end by `_id` ascending, the same order an ordered index walk gives them.
    docs.sort((a, b) => compare(a, b) || compareIds(a._id, b._id));
  }
}
