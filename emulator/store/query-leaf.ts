import { Doc, isDoc, StoreError } from './types';
import { compareValues, valuesEqual, typeRank } from './values';

/** A test on one value found at a field path (`undefined` when the path is missing). */
export type Leaf = (value: unknown) => boolean;

function invalid(message: string): never {
  throw new StoreError('INVALID_PARAM', message);
}

/** A field "matches" when its value does or, for an array, one of its elements does. */
export function anyLeaf(test: Leaf): Leaf {
  return (v) => {
    if (test(v)) return true;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) if (test(v[i])) return true;
    return false;
  };
}

/** Equality with Mongo's rule that null also matches a missing field. */
export function equalsTest(x: unknown): Leaf {
  if (x === null || x === undefined) return (v) => v === null || v === undefined;
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return (v) => v === x;
  if (x instanceof Date) {
    const t = x.getTime();
    return (v) => v instanceof Date && v.getTime() === t;
  }
  return (v) => v !== undefined && valuesEqual(v, x);
}

export function regexTest(re: RegExp): Leaf {
  return (v) => (typeof v === 'string' ? re.test(v) : v instanceof RegExp && v.source === re.source && v.flags === re.flags);
}

/** Implicit equality: a RegExp value means "matches the pattern", as in the Mongo shell. */
export function equalsOrRegex(x: unknown): Leaf {
  return x instanceof RegExp ? regexTest(statelessRegex(x)) : equalsTest(x);
}

/** Drops g/y: they make `test` stateful (lastIndex), which would make matches depend on history. */
function statelessRegex(re: RegExp): RegExp {
  return /[gy]/.test(re.flags) ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

/** `$regex` with `$options` (i, m, s, x); options override the flags of a RegExp `$regex`. */
export function buildRegex(pattern: unknown, options: unknown): RegExp {
  if (options !== undefined && typeof options !== 'string') invalid('$options must be a string');
  let source: string;
  let flags: string;
  if (pattern instanceof RegExp) {
    source = pattern.source;
    flags = options ?? pattern.flags;
  } else if (typeof pattern === 'string') {
    source = pattern;
    flags = options ?? '';
  } else {
    return invalid('$regex must be a string or a regular expression');
  }
  let jsFlags = '';
  for (const f of flags) {
    // Extended mode: drop unescaped whitespace and #-comments, keep escapes such as `\ ` and `\#`.
    if (f === 'x') source = source.replace(/\\[\s\S]|#[^\n]*|\s+/g, (m) => (m[0] === '\\' ? m : ''));
    else if ('imsu'.includes(f)) jsFlags += jsFlags.includes(f) ? '' : f;
    else if (f !== 'g' && f !== 'y') invalid(`$options: unsupported regex option "${f}"`);
  }
  try {
    return new RegExp(source, jsFlags);
  } catch (e) {
    return invalid(`$regex: invalid pattern /${source}/ (${(e as Error).message})`);
  }
}

/** Mongo compares only within a type bracket: `{$gt: 5}` never matches a string. */
const bracket = typeRank;

export function rangeTest(op: '$gt' | '$gte' | '$lt' | '$lte', x: unknown): Leaf {
  if (x instanceof RegExp) invalid(`${op} cannot compare with a regular expression`);
  const accept: (c: number) => boolean = op === '$gt' ? (c) => c > 0 : op === '$gte' ? (c) => c >= 0 : op === '$lt' ? (c) => c < 0 : (c) => c <= 0;
  // Fast paths for the common scalar cases skip the generic comparison.
  if (typeof x === 'number' || typeof x === 'string') {
    const t = typeof x;
    if (op === '$gt') return (v) => typeof v === t && (v as number) > (x as number);
    if (op === '$gte') return (v) => typeof v === t && (v as number) >= (x as number);
    if (op === '$lt') return (v) => typeof v === t && (v as number) < (x as number);
    return (v) => typeof v === t && (v as number) <= (x as number);
  }
  if (x instanceof Date) {
    const t = x.getTime();
    return (v) => v instanceof Date && accept(v.getTime() - t);
  }
  const b = bracket(x);
  return (v) => bracket(v) === b && accept(compareValues(v, x));
}

/** `$in`: scalars go through a Set, so long lists stay cheap per document. */
export function inTest(list: unknown, op: string): Leaf {
  if (!Array.isArray(list)) invalid(`${op} needs an array`);
  const scalars = new Set<unknown>();
  const others: Leaf[] = [];
  let hasNull = false;
  for (const x of list) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') scalars.add(x);
    else if (x === null) hasNull = true;
    else if (isDoc(x) && Object.keys(x).some((k) => k.startsWith('$'))) invalid(`${op} cannot contain operators (${Object.keys(x)[0]})`);
    else others.push(equalsOrRegex(x));
  }
  return (v) => {
    if (v === null || v === undefined) return hasNull;
    if (scalars.has(v)) return true;
    for (let i = 0; i < others.length; i++) if (others[i](v)) return true;
    return false;
  };
}

export function modTest(spec: unknown): Leaf {
  if (!Array.isArray(spec) || spec.length !== 2 || typeof spec[0] !== 'number' || typeof spec[1] !== 'number') {
    invalid('$mod needs [divisor, remainder]');
  }
  // Mongo truncates all three operands to integers.
  const d = Math.trunc(spec[0]);
  const r = Math.trunc(spec[1]);
  if (d === 0) invalid('$mod: divisor cannot be 0');
  return (v) => typeof v === 'number' && Number.isFinite(v) && Math.trunc(v) % d === r;
}

const INT32 = 2 ** 31;
const isInt32 = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= -INT32 && v < INT32;

/**
 * BSON type names and codes. JS numbers are stored the way js-bson writes them: int32 when integral and
 * in range, double otherwise; long/decimal/ObjectId never occur in decoded documents.
 */
const TYPES: Record<string, Leaf> = {
  double: (v) => typeof v === 'number' && !isInt32(v),
  string: (v) => typeof v === 'string',
  object: (v) => isDoc(v),
  array: (v) => Array.isArray(v),
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
  int: isInt32,
  number: (v) => typeof v === 'number',
  long: () => false,
  decimal: () => false,
  objectId: () => false,
  binData: () => false,
  timestamp: () => false,
};
const TYPE_CODES: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
};

/** `$type`: 'array' looks at the field itself; other types also match an array's elements. */
export function typeTest(spec: unknown): Leaf {
  const names = Array.isArray(spec) ? spec : [spec];
  if (names.length === 0) invalid('$type needs at least one type');
  const tests = names.map((n) => {
    const name = typeof n === 'number' ? TYPE_CODES[n] : n;
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(TYPES, name)) invalid(`$type: unknown type ${JSON.stringify(n)}`);
    return TYPES[name];
  });
  const one: Leaf = (v) => tests.some((t) => t(v));
  return (v) => one(v) || (Array.isArray(v) && v.some((e) => tests.some((t) => t !== TYPES.array && t(e))));
}

/** `{$elemMatch: {...}}` with `$`-operators applies them to each element; otherwise it is a sub-query. */
export function isOperatorForm(spec: Doc): boolean {
  const first = Object.keys(spec)[0];
  return first !== undefined && first.startsWith('$') && first !== '$and' && first !== '$or' && first !== '$nor';
}
