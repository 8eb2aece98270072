import { contextFor, evaluate } from './expressions';
import { Doc, isDoc } from './types';

/**
 * The foreign documents a `$lookup` sub-pipeline's match has to look at for one local document. The
 * pipeline usually opens with `$match: {$expr: {$eq: ['$field', '$$var']}}` (alone or in an `$and`);
 * evaluated as written, that match would run on every foreign document for every local one. On
 * `_id` (always indexed) each local document reads just the document its variable names, as the
 * cloud's index would; on another field the foreign documents are grouped once by its value, so each
 * local document gets only those whose value may equal its variable. The match itself still
 * decides, on documents in the collection's order: this only leaves out ones it would refuse.
 */
export function foreignReader(read: (match?: Doc) => Doc[], match: Doc | undefined, vars: Record<string, unknown>): (vars: Record<string, unknown>) => Doc[] {
  const equality = match && '$expr' in match ? equalityOf(match.$expr) : null;
  let all: Doc[] | undefined;
  const everything = () => (all ??= read(match));
  if (!equality) return everything;
  if (equality.field === '_id' && !('_id' in match!)) {
    return (local) => {
      const wanted = local[equality.variable];
      return keyOf(wanted) === null ? everything() : read({ ...match, _id: wanted });
    };
  }
  const foreign = everything();
  if (foreign.length < 8) return () => foreign;
  const groups = new Map<string, number[]>();
  // Documents whose value has no key (null, missing, arrays, objects, NaN) go to every local document.
  const always: number[] = [];
  foreign.forEach((doc, i) => {
    const key = keyOf(evaluate(`$${equality.field}`, contextFor(doc, vars)));
    if (key === null) always.push(i);
    else {
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    }
  });
  return (local) => {
    const key = keyOf(local[equality.variable]);
    if (key === null) return foreign;
    return mergeOrdered(groups.get(key) ?? [], always).map((i) => foreign[i]);
  };
}

/** Equal under `$eq` exactly when equal keys: a value's type and value; null where grouping cannot say. */
function keyOf(value: unknown): string | null {
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number') return Number.isNaN(value) ? null : `n${value === 0 ? 0 : value}`;
  if (typeof value === 'boolean') return `b${value}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : `d${value.getTime()}`;
  return null;
}

const BUILT_IN = new Set(['ROOT', 'CURRENT', 'REMOVE', 'NOW']);

function equalityOf(expr: unknown): { field: string; variable: string } | null {
  const conjuncts = (e: unknown): unknown[] => (isDoc(e) && Object.keys(e).length === 1 && Array.isArray(e.$and) ? e.$and.flatMap(conjuncts) : [e]);
  const field = (x: unknown) => (typeof x === 'string' && /^\$[A-Za-z_][\w.]*$/.test(x) ? x.slice(1) : null);
  const variable = (x: unknown) => (typeof x === 'string' && /^\$\$[A-Za-z_]\w*$/.test(x) && !BUILT_IN.has(x.slice(2)) ? x.slice(2) : null);
  for (const c of conjuncts(expr)) {
    if (!isDoc(c) || Object.keys(c).length !== 1 || !Array.isArray(c.$eq) || c.$eq.length !== 2) continue;
    const [a, b] = c.$eq;
    if (field(a) && variable(b)) return { field: field(a)!, variable: variable(b)! };
    if (variable(a) && field(b)) return { field: field(b)!, variable: variable(a)! };
  }
  return null;
}

/** Two ascending lists of positions as one, so the foreign documents keep their order. */
function mergeOrdered(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++]);
  return out;
}
