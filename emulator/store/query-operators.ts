import { compileGeoIntersects, compileGeoWithin, compileNear } from './geo';
import { anyLeaf, buildRegex, equalsOrRegex, equalsTest, inTest, isOperatorForm, Leaf, modTest, rangeTest, regexTest, typeTest } from './query-leaf';
import { compilePath, PathWalker, selfWalker } from './query-path';
import { Doc, isDoc, StoreError } from './types';

/** A compiled condition on a document (or, inside `$elemMatch`, on an array element). */
export type Matcher = (target: unknown) => boolean;

function invalid(message: string): never {
  throw new StoreError('INVALID_PARAM', message);
}

const always: Matcher = () => true;
const never: Matcher = () => false;

/** AND of matchers without a per-document loop allocation; short lists get dedicated closures. */
function allOf(parts: Matcher[]): Matcher {
  if (parts.length === 0) return always;
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [a, b] = parts;
    return (t) => a(t) && b(t);
  }
  return (t) => {
    for (let i = 0; i < parts.length; i++) if (!parts[i](t)) return false;
    return true;
  };
}

function anyOf(parts: Matcher[]): Matcher {
  if (parts.length === 1) return parts[0];
  return (t) => {
    for (let i = 0; i < parts.length; i++) if (parts[i](t)) return true;
    return false;
  };
}

/** Compiles a whole query document: field conditions and `$and` / `$or` / `$nor`, all ANDed. */
export function compileFilter(query: unknown, where = 'query'): Matcher {
  if (!isDoc(query)) invalid(`${where} must be an object, got ${describe(query)}`);
  const parts: Matcher[] = [];
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue; // EJSON drops undefined; an in-process caller may still pass it.
    if (key.startsWith('$')) {
      const logical = compileLogical(key, value);
      if (logical) parts.push(logical);
    } else {
      parts.push(compileField(key, value));
    }
  }
  return allOf(parts);
}

function compileLogical(op: string, value: unknown): Matcher | null {
  if (op === '$comment') return null;
  if (op !== '$and' && op !== '$or' && op !== '$nor') {
    const hint = op === '$where' || op === '$expr' || op === '$text' ? ' (not supported by the emulator)' : '';
    return invalid(`unknown top-level query operator ${op}${hint}`);
  }
  if (!Array.isArray(value) || value.length === 0) invalid(`${op} needs a non-empty array of queries`);
  const subs = value.map((q, i) => compileFilter(q, `${op}[${i}]`));
  if (op === '$and') return allOf(subs);
  const some = anyOf(subs);
  return op === '$or' ? some : (t) => !some(t);
}

/** `{a: {$gt: 1}}` is an operator expression; `{a: {b: 1}}` is equality to an embedded document. */
function isOperatorExpression(value: unknown): value is Doc {
  if (!isDoc(value)) return false;
  const first = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$');
}

function compileField(path: string, condition: unknown): Matcher {
  const walker = compilePath(path);
  if (isOperatorExpression(condition)) return compileOperators(walker, condition, path);
  const test = anyLeaf(equalsOrRegex(condition));
  return (t) => walker(t, test);
}

/** Every operator of `{$gt: 1, $lt: 5}` is checked on its own, so different array elements may satisfy each. */
export function compileOperators(walker: PathWalker, spec: Doc, path: string): Matcher {
  const some =
    (leaf: Leaf): Matcher =>
    (t) =>
      walker(t, leaf);
  const none =
    (leaf: Leaf): Matcher =>
    (t) =>
      !walker(t, leaf);
  const parts: Matcher[] = [];
  for (const op of Object.keys(spec)) {
    const x = spec[op];
    if (x === undefined) continue;
    switch (op) {
      case '$eq':
        parts.push(some(anyLeaf(equalsTest(x))));
        break;
      case '$ne':
        parts.push(none(anyLeaf(equalsTest(x))));
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        parts.push(some(anyLeaf(rangeTest(op, x))));
        break;
      case '$in':
        parts.push(some(anyLeaf(inTest(x, op))));
        break;
      case '$nin':
        parts.push(none(anyLeaf(inTest(x, op))));
        break;
      case '$exists':
        parts.push((x ? some : none)((v) => v !== undefined));
        break;
      case '$size':
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) invalid(`$size on "${path}" needs a non-negative integer`);
        parts.push(some((v) => Array.isArray(v) && v.length === x));
        break;
      case '$all':
        parts.push(compileAll(walker, x, path));
        break;
      case '$elemMatch': {
        const element = compileElementMatcher(x, path);
        parts.push(some((v) => Array.isArray(v) && v.some(element)));
        break;
      }
      case '$not':
        parts.push(compileNot(walker, x, path));
        break;
      case '$regex':
        parts.push(some(anyLeaf(regexTest(buildRegex(x, spec.$options)))));
        break;
      case '$options':
        if (!('$regex' in spec)) invalid(`$options on "${path}" needs a $regex beside it`);
        break;
      case '$mod':
        parts.push(some(anyLeaf(modTest(x))));
        break;
      case '$type':
        parts.push(some(typeTest(x)));
        break;
      case '$near':
      case '$nearSphere':
        parts.push(some(compileNear(op, x, spec).leaf));
        break;
      case '$maxDistance':
      case '$minDistance':
        if (!('$near' in spec) && !('$nearSphere' in spec)) invalid(`${op} on "${path}" needs $near or $nearSphere beside it`);
        break;
      case '$geoWithin':
        parts.push(some(compileGeoWithin(x)));
        break;
      case '$geoIntersects':
        parts.push(some(compileGeoIntersects(x)));
        break;
      default: {
        const hint = op.startsWith('$') ? '' : ' (field names and operators cannot be mixed in one condition)';
        invalid(`unknown query operator ${op} on field "${path}"${hint}`);
      }
    }
  }
  return allOf(parts);
}

/** `$all`: each listed value (or `{$elemMatch}`) must be matched somewhere along the path. */
function compileAll(walker: PathWalker, list: unknown, path: string): Matcher {
  if (!Array.isArray(list)) invalid(`$all on "${path}" needs an array`);
  if (list.length === 0) return never; // Mongo: an empty $all matches nothing.
  return allOf(
    list.map((x): Matcher => {
      if (isDoc(x) && '$elemMatch' in x) return compileOperators(walker, x, path);
      if (isOperatorExpression(x)) invalid(`$all on "${path}" can only contain values or {$elemMatch}`);
      const leaf = anyLeaf(equalsOrRegex(x));
      return (t) => walker(t, leaf);
    }),
  );
}

/** `$not` negates the whole condition, so it also matches documents where the field is missing. */
function compileNot(walker: PathWalker, x: unknown, path: string): Matcher {
  if (x instanceof RegExp) {
    const leaf = anyLeaf(equalsOrRegex(x));
    return (t) => !walker(t, leaf);
  }
  if (!isOperatorExpression(x)) invalid(`$not on "${path}" needs a regular expression or an operator document such as {$gt: 1}`);
  const inner = compileOperators(walker, x, path);
  return (t) => !inner(t);
}

/** The per-element test of `$elemMatch` (shared with the `$elemMatch` projection). */
export function compileElementMatcher(spec: unknown, path: string): Matcher {
  if (!isDoc(spec)) invalid(`$elemMatch on "${path}" needs an object`);
  if (isOperatorForm(spec)) return compileOperators(selfWalker, spec, path);
  const sub = compileFilter(spec, `$elemMatch on "${path}"`);
  return (el) => isDoc(el) && sub(el);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
