import { geoNearStage } from './aggregate-geo';
import { requireGeoIndexes } from './geo-index';
import { addFieldsStage, projectStage, setPathCopy, unsetStage } from './aggregate-project';
import { groupStage, sortByCountStage } from './aggregate-group';
import { contextFor, evaluate, fieldPath, truthy } from './expressions';
import { foreignReader } from './lookup-candidates';
import { compileQuery } from './query';
import { Doc, StoreError, isDoc } from './types';
import { compileSort } from './projection';
import { cloneValue, getPath, valuesEqual } from './values';

interface Env {
  /** A collection's documents; given the query of a pipeline's first `$match`, only those that may match it (read through an index). */
  lookup: (collection: string, match?: Doc) => Doc[];
  /** The pipeline's own collection and its 2dsphere fields; absent in a `$lookup` sub-pipeline. */
  source?: { collection: string; geoFields: readonly string[] };
  /** `$$NOW` plus the `let` variables of an enclosing `$lookup`. */
  vars: Record<string, unknown>;
}

type Stage = (docs: Doc[], spec: unknown, env: Env) => Doc[];

function positiveInteger(stage: string, value: unknown, allowZero: boolean): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (!allowZero && value === 0)) {
    throw new StoreError('INVALID_PARAM', `${stage} needs a ${allowZero ? 'non-negative' : 'positive'} integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function fieldName(stage: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.startsWith('$')) {
    throw new StoreError('INVALID_PARAM', `${stage} needs a field name, got ${JSON.stringify(value)}`);
  }
  return value;
}

const LOGICAL = new Set(['$and', '$or', '$nor']);
const containsExpr = (query: unknown): boolean => isDoc(query) && Object.entries(query).some(([k, v]) => k === '$expr' || (LOGICAL.has(k) && Array.isArray(v) && v.some(containsExpr)));

/**
 * `$match` evaluates `$expr` itself (also inside `$and/$or/$nor`), because only the pipeline knows
 * `$lookup`'s `let` variables; everything else is an ordinary query.
 */
function compileMatch(query: Doc, env: Env): (doc: Doc) => boolean {
  const tests: ((doc: Doc) => boolean)[] = [];
  const plain: Doc = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === '$expr') {
      tests.push((doc) => truthy(evaluate(value, contextFor(doc, env.vars))));
    } else if (LOGICAL.has(key) && Array.isArray(value) && value.some(containsExpr)) {
      const parts = value.map((sub) => {
        if (!isDoc(sub)) throw new StoreError('INVALID_PARAM', `${key} needs an array of query objects`);
        return compileMatch(sub, env);
      });
      if (key === '$and') tests.push((doc) => parts.every((t) => t(doc)));
      else if (key === '$or') tests.push((doc) => parts.some((t) => t(doc)));
      else tests.push((doc) => !parts.some((t) => t(doc)));
    } else plain[key] = value;
  }
  if (Object.keys(plain).length) tests.push(compileQuery(plain));
  return (doc) => tests.every((t) => t(doc));
}

const match: Stage = (docs, spec, env) => {
  if (!isDoc(spec)) throw new StoreError('INVALID_PARAM', '$match needs a query object');
  return docs.filter(compileMatch(spec, env));
};

const sort: Stage = (docs, spec) => {
  const keys = isDoc(spec) ? Object.entries(spec) : [];
  if (keys.length === 0 || keys.some(([, d]) => d !== 1 && d !== -1)) {
    throw new StoreError('INVALID_PARAM', '$sort needs {field: 1 | -1, ...}');
  }
  // The same sort keys as find's orderBy (arrays sort by their smallest / largest element, as in MongoDB
  // since 3.6). Array.prototype.sort is stable, so equal keys keep their input order.
  return [...docs].sort(compileSort(spec as Doc) as (a: Doc, b: Doc) => number);
};

const unwind: Stage = (docs, spec) => {
  const options = typeof spec === 'string' ? { path: spec } : spec;
  if (!isDoc(options) || typeof options.path !== 'string' || !options.path.startsWith('$')) {
    throw new StoreError('INVALID_PARAM', "$unwind needs a field path such as '$tags' or {path: '$tags', ...}");
  }
  const segments = options.path.slice(1).split('.');
  const indexField = options.includeArrayIndex === undefined ? undefined : fieldName('$unwind includeArrayIndex', options.includeArrayIndex);
  const preserve = options.preserveNullAndEmptyArrays === true;
  const withIndex = (doc: Doc, index: number | null): Doc => (indexField ? setPathCopy(doc, indexField.split('.'), index) : doc);
  return docs.flatMap((doc) => {
    const value = getPath(doc, segments.join('.'));
    if (Array.isArray(value) && value.length > 0) return value.map((element, i) => withIndex(setPathCopy(doc, segments, element), i));
    if (value === undefined || value === null || Array.isArray(value)) {
      if (!preserve) return [];
      // Like Mongo, a preserved empty array leaves the field out rather than keeping [].
      return [withIndex(Array.isArray(value) ? setPathCopy(doc, segments, undefined) : doc, null)];
    }
    return [withIndex(doc, null)]; // a non-array value unwinds as itself
  });
};

/** Equality `$lookup` matches if any local value equals the foreign value or one of its elements; missing matches null. */
function joinMatches(local: unknown, foreign: unknown): boolean {
  const locals = Array.isArray(local) ? local : [local ?? null];
  const foreigns = Array.isArray(foreign) ? [...foreign, foreign] : [foreign ?? null];
  return locals.some((l) => foreigns.some((f) => valuesEqual(l ?? null, f ?? null)));
}

const lookupStage: Stage = (docs, spec, env) => {
  if (!isDoc(spec)) throw new StoreError('INVALID_PARAM', '$lookup needs {from, localField, foreignField, as} or {from, let, pipeline, as}');
  const from = fieldName('$lookup from', spec.from);
  const as = fieldName('$lookup as', spec.as);
  const equality = spec.localField !== undefined || spec.foreignField !== undefined;
  if (equality && (typeof spec.localField !== 'string' || typeof spec.foreignField !== 'string')) {
    throw new StoreError('INVALID_PARAM', '$lookup needs both localField and foreignField');
  }
  if (spec.pipeline !== undefined && !Array.isArray(spec.pipeline)) throw new StoreError('INVALID_PARAM', '$lookup pipeline must be an array');
  if (!equality && spec.pipeline === undefined) throw new StoreError('INVALID_PARAM', '$lookup needs localField/foreignField or a pipeline');
  if (spec.let !== undefined && !isDoc(spec.let)) throw new StoreError('INVALID_PARAM', '$lookup let must be an object');
  const pipeline = spec.pipeline as Doc[] | undefined;
  // A sub-pipeline opening with $match reads only what that match may select (its $$variables are
  // left to the match itself); the full $match still runs on them.
  const first = !equality && isDoc(pipeline?.[0]) && Object.keys(pipeline[0]).length === 1 && isDoc(pipeline[0].$match) ? (pipeline[0].$match as Doc) : undefined;
  const foreign = equality ? env.lookup(from) : [];
  const foreignFor = equality ? null : foreignReader((match) => env.lookup(from, match), first, env.vars);
  return docs.map((doc) => {
    let joined = foreign;
    if (equality) {
      const local = fieldPath(doc, spec.localField as string);
      joined = joined.filter((f) => joinMatches(local, fieldPath(f, spec.foreignField as string)));
    }
    if (spec.pipeline !== undefined) {
      const vars = { ...env.vars };
      for (const [name, expr] of Object.entries((spec.let ?? {}) as Doc)) vars[name] = evaluate(expr, contextFor(doc, env.vars));
      if (foreignFor) joined = foreignFor(vars);
      joined = runStages(joined, spec.pipeline as Doc[], { ...env, vars, source: undefined });
    }
    return setPathCopy(doc, as.split('.'), joined);
  });
};

const sample: Stage = (docs, spec) => {
  if (!isDoc(spec)) throw new StoreError('INVALID_PARAM', '$sample needs {size: n}');
  const size = positiveInteger('$sample size', spec.size, true);
  const pool = [...docs];
  // Partial Fisher–Yates: the first `size` slots become a uniform sample without repeats.
  for (let i = 0; i < Math.min(size, pool.length); i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size);
};

function replaceRoot(stage: string, expr: unknown, docs: Doc[], env: Env): Doc[] {
  return docs.map((doc) => {
    const root = evaluate(expr, contextFor(doc, env.vars));
    if (!isDoc(root)) throw new StoreError('INVALID_PARAM', `${stage}'s new root must be an object, got ${JSON.stringify(root ?? null)}`);
    return root;
  });
}

const STAGES: Record<string, Stage> = {
  $match: match,
  $project: (docs, spec, env) => projectStage(docs, spec, env.vars),
  $addFields: (docs, spec, env) => addFieldsStage(docs, spec, env.vars, '$addFields'),
  $set: (docs, spec, env) => addFieldsStage(docs, spec, env.vars, '$set'),
  $unset: (docs, spec, env) => unsetStage(docs, spec, env.vars),
  $group: (docs, spec, env) => groupStage(docs, spec, env.vars),
  $sort: sort,
  $limit: (docs, spec) => docs.slice(0, positiveInteger('$limit', spec, false)),
  $skip: (docs, spec) => docs.slice(positiveInteger('$skip', spec, true)),
  $unwind: unwind,
  $lookup: lookupStage,
  // Like Mongo, counting an empty input yields no document at all rather than {count: 0}.
  $count: (docs, spec) => {
    const name = fieldName('$count', spec);
    return docs.length ? [{ [name]: docs.length }] : [];
  },
  $sample: sample,
  $replaceRoot: (docs, spec, env) => {
    if (!isDoc(spec) || !('newRoot' in spec)) throw new StoreError('INVALID_PARAM', '$replaceRoot needs {newRoot: expression}');
    return replaceRoot('$replaceRoot', spec.newRoot, docs, env);
  },
  $replaceWith: (docs, spec, env) => replaceRoot('$replaceWith', spec, docs, env),
  $sortByCount: (docs, spec, env) => sortByCountStage(docs, spec, env.vars),
};

function runStages(docs: Doc[], stages: Doc[], env: Env): Doc[] {
  if (!Array.isArray(stages)) throw new StoreError('INVALID_PARAM', 'an aggregation pipeline must be an array of stages');
  let out = docs;
  for (const [at, stage] of stages.entries()) {
    const keys = isDoc(stage) ? Object.keys(stage) : [];
    if (keys.length !== 1) throw new StoreError('INVALID_PARAM', `each pipeline stage needs exactly one operator, got ${JSON.stringify(stage)}`);
    if (keys[0] === '$geoNear') {
      // Like MongoDB: it reads the collection's geo index, so only the first stage of the main pipeline may use it.
      if (at !== 0 || !env.source) throw new StoreError('INVALID_PARAM', '$geoNear is only valid as the first stage in a pipeline');
      out = geoNearStage(env.source.collection, out, stage.$geoNear, env.source.geoFields);
      continue;
    }
    // A first $match reads the collection, so its geo conditions need the collection's geo index.
    if (keys[0] === '$match' && at === 0 && env.source) requireGeoIndexes(env.source.collection, stage.$match as Doc, env.source.geoFields);
    const run = STAGES[keys[0]];
    if (!run) throw new StoreError('INVALID_PARAM', `unknown aggregation stage ${keys[0]}`);
    out = run(out, stage[keys[0]], env);
  }
  return out;
}

/**
 * Runs an aggregation pipeline. Stages never mutate their input and the results are deep copies, so
 * callers may hand in the store's own documents.
 */
export function runPipeline(input: Doc[], stages: Doc[], lookup: Env['lookup'], source?: Env['source']): Doc[] {
  return runStages(input, stages, { lookup, vars: { NOW: new Date() }, source }).map(cloneValue);
}
