import type { ExprContext, Evaluate, Operator } from './expressions';
import { StoreError, isDoc } from './types';
import { compareValues } from './values';

/** Mongo's truthiness: false, null, missing and 0 are false; everything else (even '' and []) is true. */
export function truthy(value: unknown): boolean {
  return !(value === false || value === null || value === undefined || value === 0);
}

/** Aggregation comparison: like query order, except that missing sorts before null. */
export function compareExpr(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareValues(a, b);
}

export const isNullish = (value: unknown): value is null | undefined => value === null || value === undefined;

/** Evaluates an operator's argument list; a single non-array argument counts as a list of one. */
export function evaluateArgs(op: string, arg: unknown, ctx: ExprContext, ev: Evaluate, min = 0, max = Infinity): unknown[] {
  const list = Array.isArray(arg) ? arg : [arg];
  if (list.length < min || list.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new StoreError('INVALID_PARAM', `${op} takes ${expected} argument(s), got ${list.length}`);
  }
  return list.map((e) => ev(e, ctx));
}

export function number(op: string, value: unknown): number {
  if (typeof value !== 'number') throw new StoreError('INVALID_PARAM', `${op} only supports numeric types, got ${JSON.stringify(value)}`);
  return value;
}

function string(op: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new StoreError('INVALID_PARAM', `${op} needs a string, got ${JSON.stringify(value)}`);
}

/** Mongo's `$round` rounds halves to even (2.5 → 2, 3.5 → 4). */
function roundHalfEven(value: number, place: number): number {
  const scale = 10 ** Math.abs(place);
  const scaled = place >= 0 ? value * scale : value / scale;
  let rounded = Math.round(scaled);
  if (Math.abs(scaled % 1) === 0.5) rounded = 2 * Math.round(scaled / 2);
  return place >= 0 ? rounded / scale : rounded * scale;
}

/** One numeric argument; null or missing gives null. */
function unary(op: string, fn: (n: number) => number): Operator {
  return (arg, ctx, ev) => {
    const [value] = evaluateArgs(op, arg, ctx, ev, 1, 1);
    return isNullish(value) ? null : fn(number(op, value));
  };
}

function comparison(op: string, test: (c: number) => boolean): Operator {
  return (arg, ctx, ev) => {
    const [a, b] = evaluateArgs(op, arg, ctx, ev, 2, 2);
    return test(compareExpr(a, b));
  };
}

const add: Operator = (arg, ctx, ev) => {
  const values = evaluateArgs('$add', arg, ctx, ev);
  if (values.some(isNullish)) return null;
  let date: Date | undefined;
  let sum = 0;
  for (const value of values) {
    if (value instanceof Date) {
      if (date) throw new StoreError('INVALID_PARAM', '$add can only add one date');
      date = value;
    } else sum += number('$add', value);
  }
  return date ? new Date(date.getTime() + sum) : sum;
};

const subtract: Operator = (arg, ctx, ev) => {
  const [a, b] = evaluateArgs('$subtract', arg, ctx, ev, 2, 2);
  if (isNullish(a) || isNullish(b)) return null;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (a instanceof Date) return new Date(a.getTime() - number('$subtract', b));
  return number('$subtract', a) - number('$subtract', b);
};

function divideLike(op: string, fn: (a: number, b: number) => number): Operator {
  return (arg, ctx, ev) => {
    const [a, b] = evaluateArgs(op, arg, ctx, ev, 2, 2);
    if (isNullish(a) || isNullish(b)) return null;
    if (number(op, b) === 0) throw new StoreError('INVALID_PARAM', `${op} by zero`);
    return fn(number(op, a), b as number);
  };
}

/** `$cond` in both its `[if, then, else]` and `{if, then, else}` forms; only the chosen branch is evaluated. */
const cond: Operator = (arg, ctx, ev) => {
  let branches: unknown[];
  if (Array.isArray(arg) && arg.length === 3) branches = arg;
  else if (isDoc(arg) && 'if' in arg && 'then' in arg && 'else' in arg) branches = [arg.if, arg.then, arg.else];
  else throw new StoreError('INVALID_PARAM', '$cond needs [if, then, else] or {if, then, else}');
  return ev(truthy(ev(branches[0], ctx)) ? branches[1] : branches[2], ctx);
};

const switchOp: Operator = (arg, ctx, ev) => {
  if (!isDoc(arg) || !Array.isArray(arg.branches)) throw new StoreError('INVALID_PARAM', '$switch needs {branches: [{case, then}], default}');
  for (const branch of arg.branches) {
    if (!isDoc(branch) || !('case' in branch) || !('then' in branch)) throw new StoreError('INVALID_PARAM', '$switch branches need {case, then}');
    if (truthy(ev(branch.case, ctx))) return ev(branch.then, ctx);
  }
  if (!('default' in arg)) throw new StoreError('INVALID_PARAM', '$switch found no matching branch and has no default');
  return ev(arg.default, ctx);
};

const ifNull: Operator = (arg, ctx, ev) => {
  if (!Array.isArray(arg) || arg.length < 2) throw new StoreError('INVALID_PARAM', '$ifNull needs [expression, ..., replacement]');
  for (let i = 0; i < arg.length - 1; i++) {
    const value = ev(arg[i], ctx);
    if (!isNullish(value)) return value;
  }
  return ev(arg[arg.length - 1], ctx);
};

function caseChange(op: string, fn: (s: string) => string): Operator {
  return (arg, ctx, ev) => {
    const [value] = evaluateArgs(op, arg, ctx, ev, 1, 1);
    return isNullish(value) ? '' : fn(string(op, value));
  };
}

export const BASIC_OPERATORS: Record<string, Operator> = {
  $add: add,
  $subtract: subtract,
  $multiply: (arg, ctx, ev) => {
    const values = evaluateArgs('$multiply', arg, ctx, ev);
    return values.some(isNullish) ? null : values.reduce<number>((p, v) => p * number('$multiply', v), 1);
  },
  $divide: divideLike('$divide', (a, b) => a / b),
  $mod: divideLike('$mod', (a, b) => a % b),
  $abs: unary('$abs', Math.abs),
  $ceil: unary('$ceil', Math.ceil),
  $floor: unary('$floor', Math.floor),
  $round: (arg, ctx, ev) => {
    const [value, place = 0] = evaluateArgs('$round', arg, ctx, ev, 1, 2);
    if (isNullish(value)) return null;
    if (!Number.isInteger(place)) throw new StoreError('INVALID_PARAM', '$round place must be an integer');
    return roundHalfEven(number('$round', value), place as number);
  },
  $eq: comparison('$eq', (c) => c === 0),
  $ne: comparison('$ne', (c) => c !== 0),
  $gt: comparison('$gt', (c) => c > 0),
  $gte: comparison('$gte', (c) => c >= 0),
  $lt: comparison('$lt', (c) => c < 0),
  $lte: comparison('$lte', (c) => c <= 0),
  $cmp: (arg, ctx, ev) => {
    const [a, b] = evaluateArgs('$cmp', arg, ctx, ev, 2, 2);
    return Math.sign(compareExpr(a, b));
  },
  // $and/$or short-circuit like Mongo, so a guard can protect a later operand.
  $and: (arg, ctx, ev) => (Array.isArray(arg) ? arg : [arg]).every((e) => truthy(ev(e, ctx))),
  $or: (arg, ctx, ev) => (Array.isArray(arg) ? arg : [arg]).some((e) => truthy(ev(e, ctx))),
  $not: (arg, ctx, ev) => !truthy(evaluateArgs('$not', arg, ctx, ev, 1, 1)[0]),
  $cond: cond,
  $switch: switchOp,
  $ifNull: ifNull,
  $concat: (arg, ctx, ev) => {
    const values = evaluateArgs('$concat', arg, ctx, ev);
    if (values.some(isNullish)) return null;
    return values
      .map((v) => {
        if (typeof v !== 'string') throw new StoreError('INVALID_PARAM', `$concat only supports strings, got ${JSON.stringify(v)}`);
        return v;
      })
      .join('');
  },
  $toUpper: caseChange('$toUpper', (s) => s.toUpperCase()),
  $toLower: caseChange('$toLower', (s) => s.toLowerCase()),
  // Code-point operators count characters as Mongo does, so a Chinese name or an emoji is one unit.
  $substrCP: (arg, ctx, ev) => {
    const [value, start, count] = evaluateArgs('$substrCP', arg, ctx, ev, 3, 3);
    for (const n of [start, count]) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new StoreError('INVALID_PARAM', '$substrCP start and length must be non-negative integers');
    }
    if (isNullish(value)) return '';
    return Array.from(string('$substrCP', value))
      .slice(start as number, (start as number) + (count as number))
      .join('');
  },
  $strLenCP: (arg, ctx, ev) => {
    const [value] = evaluateArgs('$strLenCP', arg, ctx, ev, 1, 1);
    if (typeof value !== 'string') throw new StoreError('INVALID_PARAM', `$strLenCP needs a string, got ${JSON.stringify(value ?? null)}`);
    return Array.from(value).length;
  },
};
