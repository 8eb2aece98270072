import { avgOf, extremeOf, sumOf } from './expr-arrays';
import { contextFor, evaluate } from './expressions';
import { Doc, StoreError, isDoc } from './types';
import { valuesEqual } from './values';

type Vars = Record<string, unknown>;

/** Each accumulator folds the evaluated values of one group (missing values arrive as undefined). */
const ACCUMULATORS: Record<string, (values: unknown[]) => unknown> = {
  $sum: sumOf,
  $avg: avgOf,
  $min: (values) => extremeOf(values, -1),
  $max: (values) => extremeOf(values, 1),
  $first: (values) => values[0] ?? null,
  $last: (values) => values[values.length - 1] ?? null,
  // Missing values are not collected, as in Mongo.
  $push: (values) => values.filter((v) => v !== undefined),
  $addToSet: (values) => {
    const set: unknown[] = [];
    for (const v of values) if (v !== undefined && !set.some((s) => valuesEqual(s, v))) set.push(v);
    return set;
  },
};

/** A string that is equal for Mongo-equal group keys (numbers compare by value, key order matters in objects). */
export function groupKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'string') return `s:${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof RegExp) return `r:${String(value)}`;
  if (Array.isArray(value)) return `[${value.map(groupKey).join(',')}]`;
  if (isDoc(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${groupKey(v)}`)
      .join(',')}}`;
  return String(value);
}

interface Group {
  id: unknown;
  values: unknown[][];
}

/** `$group`: groups keep the order in which their first document arrived, which makes results predictable. */
export function groupStage(docs: Doc[], spec: unknown, vars: Vars): Doc[] {
  if (!isDoc(spec) || !('_id' in spec)) throw new StoreError('INVALID_PARAM', '$group needs an _id (use null to group everything)');
  const fields: [string, string, unknown][] = [];
  for (const [name, accumulator] of Object.entries(spec)) {
    if (name === '_id') continue;
    if (name.includes('.')) throw new StoreError('INVALID_PARAM', `$group field name '${name}' cannot contain '.'`);
    const keys = isDoc(accumulator) ? Object.keys(accumulator) : [];
    if (keys.length !== 1 || !ACCUMULATORS[keys[0]]) {
      throw new StoreError('INVALID_PARAM', `$group field '${name}' needs one accumulator (${Object.keys(ACCUMULATORS).join(', ')})`);
    }
    fields.push([name, keys[0], (accumulator as Doc)[keys[0]]]);
  }
  const groups = new Map<string, Group>();
  for (const doc of docs) {
    const ctx = contextFor(doc, vars);
    const id = evaluate(spec._id, ctx) ?? null;
    const key = groupKey(id);
    let group = groups.get(key);
    if (!group) {
      group = { id, values: fields.map(() => []) };
      groups.set(key, group);
    }
    fields.forEach(([, , expr], i) => group.values[i].push(evaluate(expr, ctx)));
  }
  return [...groups.values()].map((group) => {
    const out: Doc = { _id: group.id };
    fields.forEach(([name, op], i) => (out[name] = ACCUMULATORS[op](group.values[i])));
    return out;
  });
}

/** `$sortByCount: expr` = group by expr counting documents, most frequent first (ties keep arrival order). */
export function sortByCountStage(docs: Doc[], spec: unknown, vars: Vars): Doc[] {
  const isExpression = (typeof spec === 'string' && spec.startsWith('$')) || (isDoc(spec) && Object.keys(spec).length === 1 && Object.keys(spec)[0].startsWith('$'));
  if (!isExpression) throw new StoreError('INVALID_PARAM', "$sortByCount needs a field path ('$tag') or an operator expression");
  const counted = groupStage(docs, { _id: spec, count: { $sum: 1 } }, vars);
  return counted.sort((a, b) => (b.count as number) - (a.count as number));
}
