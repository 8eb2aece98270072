import { compareExpr, evaluateArgs, isNullish, truthy } from './expr-operators';
import type { ExprContext, Evaluate, Operator } from './expressions';
import { StoreError, isDoc } from './types';

/** Shared by `$group` accumulators and their expression forms: non-numbers are ignored like Mongo. */
export function sumOf(values: unknown[]): number {
  return values.reduce<number>((sum, v) => (typeof v === 'number' ? sum + v : sum), 0);
}
export function avgOf(values: unknown[]): number | null {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  return numbers.length ? sumOf(numbers) / numbers.length : null;
}
/** `$min`/`$max` skip null and missing; with nothing left the answer is null. */
export function extremeOf(values: unknown[], sign: 1 | -1): unknown {
  let best: unknown = null;
  for (const value of values) {
    if (isNullish(value)) continue;
    if (best === null || sign * compareExpr(value, best) > 0) best = value;
  }
  return best;
}

function array(op: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new StoreError('INVALID_PARAM', `${op} needs an array, got ${JSON.stringify(value ?? null)}`);
  return value;
}

function integer(op: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new StoreError('INVALID_PARAM', `${op} needs an integer, got ${JSON.stringify(value ?? null)}`);
  return value;
}

/** `$filter`/`$map`/`$reduce` bind each element to a variable (`$$this` unless `as` renames it). */
function withVar(ctx: ExprContext, bindings: Record<string, unknown>): ExprContext {
  return { ...ctx, vars: { ...ctx.vars, ...bindings } };
}

function iteration(op: string, arg: unknown, ctx: ExprContext, ev: Evaluate, body: string): { input: unknown[] | null; as: string; body: unknown } {
  if (!isDoc(arg) || !(body in arg)) throw new StoreError('INVALID_PARAM', `${op} needs {input, as, ${body}}`);
  const as = arg.as ?? 'this';
  if (typeof as !== 'string') throw new StoreError('INVALID_PARAM', `${op} 'as' must be a variable name`);
  const input = ev(arg.input, ctx);
  return { input: isNullish(input) ? null : array(op, input), as, body: arg[body] };
}

/** The expression forms of the accumulators: one array argument, or several arguments. */
function accumulatorExpression(op: string, reduce: (values: unknown[]) => unknown): Operator {
  return (arg, ctx, ev) => {
    const values = evaluateArgs(op, arg, ctx, ev, 1);
    return reduce(values.length === 1 && Array.isArray(values[0]) ? values[0] : values);
  };
}

export const ARRAY_OPERATORS: Record<string, Operator> = {
  $size: (arg, ctx, ev) => array('$size', evaluateArgs('$size', arg, ctx, ev, 1, 1)[0]).length,
  $isArray: (arg, ctx, ev) => Array.isArray(evaluateArgs('$isArray', arg, ctx, ev, 1, 1)[0]),
  $in: (arg, ctx, ev) => {
    const [value, list] = evaluateArgs('$in', arg, ctx, ev, 2, 2);
    return array('$in', list).some((element) => compareExpr(value, element) === 0);
  },
  $arrayElemAt: (arg, ctx, ev) => {
    const [list, index] = evaluateArgs('$arrayElemAt', arg, ctx, ev, 2, 2);
    if (isNullish(list) || isNullish(index)) return null;
    const elements = array('$arrayElemAt', list);
    const i = integer('$arrayElemAt', index);
    // Out of range gives missing, which drops the field rather than writing null.
    return i < 0 ? elements[elements.length + i] : elements[i];
  },
  $concatArrays: (arg, ctx, ev) => {
    const lists = evaluateArgs('$concatArrays', arg, ctx, ev);
    if (lists.some(isNullish)) return null;
    return lists.flatMap((list) => array('$concatArrays', list));
  },
  $slice: (arg, ctx, ev) => {
    const [list, first, second] = evaluateArgs('$slice', arg, ctx, ev, 2, 3);
    if (isNullish(list)) return null;
    const elements = array('$slice', list);
    if (second === undefined) {
      const n = integer('$slice', first);
      return n >= 0 ? elements.slice(0, n) : elements.slice(n);
    }
    const n = integer('$slice', second);
    if (n <= 0) throw new StoreError('INVALID_PARAM', '$slice with a position needs a positive count');
    const position = integer('$slice', first);
    const start = position < 0 ? Math.max(0, elements.length + position) : position;
    return elements.slice(start, start + n);
  },
  $filter: (arg, ctx, ev) => {
    const { input, as, body } = iteration('$filter', arg, ctx, ev, 'cond');
    if (input === null) return null;
    const limit = isDoc(arg) && arg.limit !== undefined ? integer('$filter limit', ev(arg.limit, ctx)) : Infinity;
    const out: unknown[] = [];
    for (const element of input) {
      if (out.length >= limit) break;
      if (truthy(ev(body, withVar(ctx, { [as]: element })))) out.push(element);
    }
    return out;
  },
  $map: (arg, ctx, ev) => {
    const { input, as, body } = iteration('$map', arg, ctx, ev, 'in');
    return input === null ? null : input.map((element) => ev(body, withVar(ctx, { [as]: element })) ?? null);
  },
  $reduce: (arg, ctx, ev) => {
    if (!isDoc(arg) || !('initialValue' in arg) || !('in' in arg)) throw new StoreError('INVALID_PARAM', '$reduce needs {input, initialValue, in}');
    const input = ev(arg.input, ctx);
    if (isNullish(input)) return null;
    let value = ev(arg.initialValue, ctx);
    for (const element of array('$reduce', input)) value = ev(arg.in, withVar(ctx, { this: element, value }));
    return value;
  },
  $sum: accumulatorExpression('$sum', sumOf),
  $avg: accumulatorExpression('$avg', avgOf),
  $min: accumulatorExpression('$min', (values) => extremeOf(values, -1)),
  $max: accumulatorExpression('$max', (values) => extremeOf(values, 1)),
};
