import { IndexSpec } from './indexes';
import { Doc, StoreError, isDoc } from './types';

/**
 * CloudBase refuses a geo query on a field without a 2dsphere index ("要使用地理位置查询功能时，必须建立地理
 * 位置索引", WeChat's guide to geo data) with its general database error and MongoDB's planner message.
 */
const GEO_OPERATORS: Record<string, string> = { $near: '$geoNear', $nearSphere: '$geoNear', $geoWithin: '$geoWithin', $geoIntersects: '$geoIntersects' };
const LOGICAL = new Set(['$and', '$or', '$nor']);

/** The fields a collection's declared 2dsphere indexes cover. */
export function geoIndexedFields(specs: readonly IndexSpec[]): string[] {
  return specs.flatMap((spec) => Object.keys(spec.keys).filter((field) => spec.keys[field] === '2dsphere'));
}

/** Every geo condition of a query, wherever it sits (under $and, $or, $nor or $not too). */
export function geoConditions(query: unknown): { path: string; operator: string }[] {
  const out: { path: string; operator: string }[] = [];
  const visitCondition = (path: string, condition: unknown): void => {
    if (!isDoc(condition)) return;
    for (const [op, value] of Object.entries(condition)) {
      if (GEO_OPERATORS[op]) out.push({ path, operator: GEO_OPERATORS[op] });
      else if (op === '$not') visitCondition(path, value);
    }
  };
  const visit = (q: unknown): void => {
    if (!isDoc(q)) return;
    for (const [key, value] of Object.entries(q)) {
      if (LOGICAL.has(key) && Array.isArray(value)) value.forEach(visit);
      else if (!key.startsWith('$')) visitCondition(key, value);
    }
  };
  visit(query);
  return out;
}

/** Throws DATABASE_REQUEST_FAILED, as the cloud does, for a geo condition on a field with no 2dsphere index. */
export function requireGeoIndexes(collection: string, query: Doc, indexed: readonly string[]): void {
  const conditions = geoConditions(query);
  if (conditions.length === 0) return;
  for (const { path, operator } of conditions) {
    if (indexed.includes(path)) continue;
    throw new StoreError(
      'DATABASE_REQUEST_FAILED',
      `error processing query: ns=${collection} field=${path} planner returned error :: caused by :: unable to find index for ${operator} query ` +
        `(地理位置查询需要在字段 ${path} 上建立地理位置索引 2dsphere)`,
    );
  }
}
