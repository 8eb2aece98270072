import { distanceMetres, toPoint } from './geo';
import { compileQuery } from './query';
import { setPathCopy } from './aggregate-project';
import { Doc, StoreError, isDoc } from './types';
import { getPath } from './values';

function invalid(message: string): never {
  throw new StoreError('INVALID_PARAM', message);
}

function metres(spec: Doc, name: string): number | undefined {
  const value = spec[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value >= 0)) invalid(`$geoNear ${name} must be a non-negative number of metres`);
  return value;
}

/**
 * The `$geoNear` stage (CloudBase's Aggregate.geoNear): the documents whose location lies within
 * [minDistance, maxDistance] metres of `near`, nearest first, each with its distance in `distanceField`.
 * The location is `key`, or the collection's one 2dsphere field; without a 2dsphere index the cloud
 * refuses it (MongoDB: "$geoNear requires a 2d or 2dsphere index, but none were found").
 */
export function geoNearStage(collection: string, docs: Doc[], spec: unknown, geoFields: readonly string[]): Doc[] {
  if (!isDoc(spec)) invalid('$geoNear needs {near, distanceField, ...}');
  const centre = toPoint(spec.near);
  if (!centre) invalid('$geoNear near must be a GeoJSON Point or [lng, lat]');
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '' || spec.distanceField.startsWith('$')) {
    invalid('$geoNear needs a distanceField (a field name)');
  }
  if (spec.key !== undefined && typeof spec.key !== 'string') invalid('$geoNear key must be a field name');
  const refuse = (message: string): never => {
    throw new StoreError('DATABASE_REQUEST_FAILED', `${message} (ns=${collection}; 地理位置查询需要建立地理位置索引 2dsphere)`);
  };
  let field: string;
  if (typeof spec.key === 'string') {
    if (!geoFields.includes(spec.key)) refuse(`$geoNear requires a 2d or 2dsphere index on ${spec.key}, but none was found`);
    field = spec.key;
  } else {
    if (geoFields.length === 0) refuse('$geoNear requires a 2d or 2dsphere index, but none were found');
    if (geoFields.length > 1) refuse(`There is more than one 2dsphere index on ${collection}; unsure which to use for $geoNear`);
    field = geoFields[0];
  }
  const max = metres(spec, 'maxDistance') ?? Infinity;
  const min = metres(spec, 'minDistance') ?? 0;
  const multiplier = spec.distanceMultiplier === undefined ? 1 : Number(spec.distanceMultiplier);
  if (!Number.isFinite(multiplier)) invalid('$geoNear distanceMultiplier must be a number');
  if (spec.query !== undefined && !isDoc(spec.query)) invalid('$geoNear query must be a query object');
  const matches = spec.query ? compileQuery(spec.query) : () => true;
  if (spec.includeLocs !== undefined && typeof spec.includeLocs !== 'string') invalid('$geoNear includeLocs must be a field name');
  const rows: { doc: Doc; d: number }[] = [];
  for (const doc of docs) {
    const location = getPath(doc, field);
    const point = toPoint(location);
    if (!point || !matches(doc)) continue;
    const d = distanceMetres(point, centre);
    if (d >= min && d <= max) rows.push({ doc, d });
  }
  rows.sort((a, b) => a.d - b.d);
  return rows.map(({ doc, d }) => {
    let out = setPathCopy(doc, (spec.distanceField as string).split('.'), d * multiplier);
    if (typeof spec.includeLocs === 'string') out = setPathCopy(out, spec.includeLocs.split('.'), getPath(doc, field));
    return out;
  });
}
