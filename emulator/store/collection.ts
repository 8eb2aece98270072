import { Index, IndexSpec, keyOf } from './indexes';
import { compileQuery, findNearSphere, distanceMetres, indexableConditions } from './query';
import { compileSort } from './projection';
import { Doc } from './types';
import { getPath } from './values';

/** A committed document with the sequence number of the commit that last wrote it. */
export interface Stored {
  doc: Doc;
  version: number;
}

export interface ScanStats {
  /** Documents the predicate was evaluated on; the whole collection when no index applied. */
  examined: number;
  index: string | null;
}

/** The documents of one collection and its indexes. Knows nothing of transactions or persistence. */
export class Collection {
  readonly docs = new Map<string, Stored>();
  readonly indexes: Index[];

  constructor(readonly name: string, specs: IndexSpec[] = []) {
    this.indexes = specs.map((s) => new Index(name, s));
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
    this.docs.set(id, { doc, version });
    for (const index of this.indexes) index.add(id, doc);
  }

  /** The ids an index can narrow `query` to, or null when no declared index applies. */
  private candidates(query: Doc): { ids: Iterable<string>; index: string } | null {
    const conditions = indexableConditions(query);
    const byId = conditions.get('_id')?.eq;
    // `_id` is always indexed: the documents map is keyed by it.
    if (byId) return { ids: new Set(byId.map(keyOf).filter((id) => this.docs.has(id))), index: '_id_' };
    let best: { ids: Set<string>; index: string } | null = null;
    for (const index of this.indexes) {
      const condition = conditions.get(index.firstField);
      if (!condition?.eq) continue;
      const ids = index.lookup(condition.eq);
      if (!best || ids.size < best.ids.size) best = { ids, index: index.spec.name };
    }
    return best;
  }

  /**
   * Documents matching `query` in result order. `overlay` replaces or hides committed documents
   * (a transaction's own writes) and adds new ones.
   */
  select(query: Doc, order: Doc | undefined, overlay?: Map<string, Doc | null>): { docs: Doc[]; stats: ScanStats } {
    const matches = compileQuery(query);
    const planned = this.candidates(query);
    const ids: Iterable<string> = planned ? planned.ids : this.docs.keys();
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
      return Array.isArray(point) && typeof point[0] === 'number' && typeof point[1] === 'number'
        ? distanceMetres([point[0], point[1]], near.point)
        : Infinity;
    };
    docs.sort((a, b) => distance(a) - distance(b));
  } else if (compare) {
    docs.sort(compare);
  }
}
