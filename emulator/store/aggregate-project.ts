import { ExprContext, contextFor, evaluate } from './expressions';
import { Doc, StoreError, isDoc } from './types';

/** `$project`, `$addFields`/`$set` and `$unset`: each returns new documents and never mutates its input. */

type Leaf = { kind: 'include' } | { kind: 'compute'; expr: unknown };
type Tree = Map<string, Leaf | Tree>;
export type Vars = Record<string, unknown>;

const hasOwn = (doc: Doc, key: string): boolean => Object.prototype.hasOwnProperty.call(doc, key);

/** Spec objects without operators are nested specs: `{a: {b: 1}}` means `'a.b': 1`. */
function flatten(spec: Doc, prefix: string, out: [string, unknown][]): [string, unknown][] {
  for (const [key, value] of Object.entries(spec)) {
    if (key.startsWith('$') || key === '' || key.split('.').includes('')) throw new StoreError('INVALID_PARAM', `invalid field name '${key}'`);
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = isDoc(value) && Object.keys(value).length > 0 && !Object.keys(value).some((k) => k.startsWith('$'));
    if (nested) flatten(value, path, out);
    else out.push([path, value]);
  }
  return out;
}

function insert(tree: Tree, path: string, leaf: Leaf): void {
  const segments = path.split('.');
  let node = tree;
  const collision = new StoreError('INVALID_PARAM', `$project has a path collision at '${path}'`);
  for (const segment of segments.slice(0, -1)) {
    const existing = node.get(segment);
    if (existing === undefined) {
      const child: Tree = new Map();
      node.set(segment, child);
      node = child;
    } else if (existing instanceof Map) node = existing;
    else throw collision;
  }
  const last = segments[segments.length - 1];
  if (node.has(last)) throw collision;
  node.set(last, leaf);
}

function treeOf(entries: [string, Leaf][]): Tree {
  const tree: Tree = new Map();
  for (const [path, leaf] of entries) insert(tree, path, leaf);
  return tree;
}

const hasComputed = (tree: Tree): boolean => [...tree.values()].some((node) => (node instanceof Map ? hasComputed(node) : node.kind === 'compute'));

function include(source: Doc, tree: Tree, ctx: ExprContext): Doc {
  const out: Doc = {};
  for (const [key, node] of tree) {
    if (node instanceof Map) {
      const projected = includeNested(hasOwn(source, key) ? source[key] : undefined, node, ctx);
      if (projected !== undefined) out[key] = projected;
    } else if (node.kind === 'compute') {
      const value = evaluate(node.expr, ctx);
      if (value !== undefined) out[key] = value;
    } else if (hasOwn(source, key)) out[key] = source[key];
  }
  return out;
}

/** A sub-projection applies to each embedded document of an array; scalars in the array are dropped, like Mongo. */
function includeNested(value: unknown, tree: Tree, ctx: ExprContext): unknown {
  if (Array.isArray(value)) {
    return value.filter((e) => isDoc(e) || Array.isArray(e)).map((e) => includeNested(e, tree, ctx));
  }
  if (isDoc(value)) return include(value, tree, ctx);
  return hasComputed(tree) ? include({}, tree, ctx) : undefined;
}

function exclude(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value)) return value.map((e) => exclude(e, tree));
  if (!isDoc(value)) return value;
  const out: Doc = { ...value };
  for (const [key, node] of tree) {
    if (!(node instanceof Map)) delete out[key];
    else if (hasOwn(out, key)) out[key] = exclude(out[key], node);
  }
  return out;
}

export function projectStage(docs: Doc[], spec: unknown, vars: Vars): Doc[] {
  if (!isDoc(spec) || Object.keys(spec).length === 0) throw new StoreError('INVALID_PARAM', '$project needs at least one field');
  let excludeId = false;
  const includes: [string, Leaf][] = [];
  const excludes: [string, Leaf][] = [];
  for (const [path, value] of flatten(spec, '', [])) {
    // Numbers and booleans are inclusion flags; anything else is an expression to compute.
    const flag = typeof value === 'number' || typeof value === 'boolean';
    if (path === '_id' && flag) excludeId = !value;
    else if (flag && !value) excludes.push([path, { kind: 'include' }]);
    else includes.push([path, flag ? { kind: 'include' } : { kind: 'compute', expr: value }]);
  }
  if (includes.length && excludes.length) {
    throw new StoreError('INVALID_PARAM', `$project cannot mix inclusion (${includes[0][0]}) and exclusion (${excludes[0][0]})`);
  }
  if (excludes.length || (excludeId && !includes.length)) {
    const tree = treeOf(excludeId ? [['_id', { kind: 'include' }], ...excludes] : excludes);
    return docs.map((doc) => exclude(doc, tree) as Doc);
  }
  // `_id` comes first and stays unless excluded, as in Mongo.
  const keepId = !excludeId && !includes.some(([p]) => p === '_id' || p.startsWith('_id.'));
  const tree = treeOf(keepId ? [['_id', { kind: 'include' }], ...includes] : includes);
  return docs.map((doc) => include(doc, tree, contextFor(doc, vars)));
}

/** Copy-on-write set; through an array it sets the field in every element, and `undefined` removes it. */
export function setPathCopy(doc: Doc, segments: string[], value: unknown): Doc {
  const [key, ...rest] = segments;
  const out: Doc = { ...doc };
  if (rest.length === 0) {
    if (value === undefined) delete out[key];
    else out[key] = value;
    return out;
  }
  const child = hasOwn(doc, key) ? doc[key] : undefined;
  if (Array.isArray(child)) out[key] = child.map((e) => setPathCopy(isDoc(e) ? e : {}, rest, value));
  else out[key] = setPathCopy(isDoc(child) ? child : {}, rest, value);
  return out;
}

/** `$addFields`/`$set`: every expression sees the input document, then the results are written. */
export function addFieldsStage(docs: Doc[], spec: unknown, vars: Vars, stage: string): Doc[] {
  if (!isDoc(spec) || Object.keys(spec).length === 0) throw new StoreError('INVALID_PARAM', `${stage} needs at least one field`);
  const entries = flatten(spec, '', []);
  return docs.map((doc) => {
    const ctx = contextFor(doc, vars);
    const values = entries.map(([path, expr]) => [path, evaluate(expr, ctx)] as const);
    return values.reduce((out, [path, value]) => setPathCopy(out, path.split('.'), value), doc);
  });
}

/** `$unset` stage: shorthand for an exclusion `$project`. */
export function unsetStage(docs: Doc[], spec: unknown, vars: Vars): Doc[] {
  const fields = typeof spec === 'string' ? [spec] : spec;
  if (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => typeof f !== 'string')) {
    throw new StoreError('INVALID_PARAM', '$unset needs a field name or an array of field names');
  }
  return projectStage(docs, Object.fromEntries(fields.map((f) => [f, 0])), vars);
}
