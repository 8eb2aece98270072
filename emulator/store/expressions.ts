import { ARRAY_OPERATORS } from './expr-arrays';
import { DATE_OPERATORS } from './expr-dates';
import { BASIC_OPERATORS } from './expr-operators';
export { truthy } from './expr-operators';
import { Doc, StoreError, isDoc } from './types';

/**
 * Aggregation expressions. `undefined` stands for Mongo's "missing" (distinct from null): a computed
 * field that evaluates to missing is left out of the output.
 */
export interface ExprContext {
  /** `$$ROOT`: the document entering the stage. */
  root: Doc;
  /** `$$CURRENT`, which `'$field'` paths read from. */
  current: unknown;
  /** `$$NOW`, `let` variables, and `$$this`/`as` names inside `$map`/`$filter`. */
  vars: Record<string, unknown>;
}

export type Evaluate = (expr: unknown, ctx: ExprContext) => unknown;
/** An operator gets its argument unevaluated so that `$cond`, `$and`, `$map`… decide what to evaluate. */
export type Operator = (arg: unknown, ctx: ExprContext, evaluate: Evaluate) => unknown;

const OPERATORS: Record<string, Operator> = {
  $literal: (arg) => arg,
  $let: (arg, ctx, ev) => {
    if (!isDoc(arg) || !isDoc(arg.vars)) throw new StoreError('INVALID_PARAM', '$let needs {vars: {...}, in: expression}');
    const vars = { ...ctx.vars };
    for (const [name, expr] of Object.entries(arg.vars)) vars[name] = ev(expr, ctx);
    return ev(arg.in, { ...ctx, vars });
  },
  ...BASIC_OPERATORS,
  ...ARRAY_OPERATORS,
  ...DATE_OPERATORS,
};

export function contextFor(doc: Doc, vars: Record<string, unknown>): ExprContext {
  return { root: doc, current: doc, vars };
}

/** Field paths split once: a `$group` over many documents reads the same few paths from each. */
const SEGMENTS = new Map<string, string[]>();

/** Reads a field path; through arrays it collects the field from each embedded document, like Mongo. */
export function fieldPath(value: unknown, path: string): unknown {
  let segments = SEGMENTS.get(path);
  if (!segments) {
    segments = path === '' ? [] : path.split('.');
    if (SEGMENTS.size < 10_000) SEGMENTS.set(path, segments);
  }
  return traverse(value, segments, 0);
}

function traverse(value: unknown, segments: string[], i: number): unknown {
  if (i === segments.length) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const element of value) {
      if (!isDoc(element) && !Array.isArray(element)) continue;
      const found = traverse(element, segments, i);
      if (found !== undefined) out.push(found);
    }
    return out;
  }
  if (isDoc(value) && Object.prototype.hasOwnProperty.call(value, segments[i])) return traverse(value[segments[i]], segments, i + 1);
  return undefined;
}

function variable(reference: string, ctx: ExprContext): unknown {
  const dot = reference.indexOf('.');
  const name = dot < 0 ? reference : reference.slice(0, dot);
  const rest = dot < 0 ? '' : reference.slice(dot + 1);
  let value: unknown;
  if (name === 'ROOT') value = ctx.root;
  else if (name === 'CURRENT') value = ctx.current;
  else if (name === 'REMOVE') return undefined;
  else if (Object.prototype.hasOwnProperty.call(ctx.vars, name)) value = ctx.vars[name];
  else if (name === 'NOW') value = new Date();
  else throw new StoreError('INVALID_PARAM', `use of undefined variable $$${name}`);
  return fieldPath(value, rest);
}

export const evaluate: Evaluate = (expr, ctx) => {
  if (typeof expr === 'string') {
    if (expr.startsWith('$$')) return variable(expr.slice(2), ctx);
    if (expr.startsWith('$')) return fieldPath(ctx.current, expr.slice(1));
    return expr;
  }
  // Inside an array literal a missing value becomes null, as in Mongo.
  if (Array.isArray(expr)) return expr.map((e) => evaluate(e, ctx) ?? null);
  if (!isDoc(expr)) return expr;
  const keys = Object.keys(expr);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const operator = OPERATORS[keys[0]];
    if (!operator) throw new StoreError('INVALID_PARAM', `unknown expression operator ${keys[0]}`);
    return operator(expr[keys[0]], ctx, evaluate);
  }
  const stray = keys.find((k) => k.startsWith('$'));
  if (stray) throw new StoreError('INVALID_PARAM', `an expression object cannot mix ${stray} with other fields`);
  const out: Doc = {};
  for (const key of keys) {
    const value = evaluate(expr[key], ctx);
    if (value !== undefined) out[key] = value;
  }
  return out;
};
