import { compileQuery } from './query';
import { Doc, StoreError, isDoc } from './types';
import { Location, assign, describe, locate, read } from './update-paths';
import { cloneValue, compareValues, getPath, valuesEqual } from './values';

/** Array update operators; each mutates the (already cloned) working copy in place. */
export type FieldHandler = (root: Doc, segments: string[], arg: unknown) => void;

const LOGICAL = new Set(['$and', '$or', '$nor']);

/** The array at a path (undefined when absent); a non-array value there is the caller's error. */
function existingArray(op: string, location: Location | undefined, path: string): unknown[] | undefined {
  const current = location ? read(location) : undefined;
  if (current === undefined) return undefined;
  if (!Array.isArray(current)) {
    throw new StoreError('INVALID_PARAM', `cannot apply ${op} to field '${path}': it holds ${describe(current)}, not an array`);
  }
  return current;
}

function integer(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new StoreError('INVALID_PARAM', `${op} ${name} must be an integer, got ${describe(value)}`);
  }
  return value;
}

/** `$push`'s `$sort`: 1/-1 for scalars, or `{field: 1|-1, ...}` for embedded documents. */
function sortElements(array: unknown[], spec: unknown): unknown[] {
  let compare: (a: unknown, b: unknown) => number;
  if (spec === 1 || spec === -1) {
    compare = (a, b) => spec * compareValues(a, b);
  } else if (isDoc(spec) && Object.keys(spec).length > 0 && Object.values(spec).every((d) => d === 1 || d === -1)) {
    const fields = Object.entries(spec) as [string, number][];
    compare = (a, b) => {
      for (const [field, direction] of fields) {
        const c = compareValues(getPath(a, field) ?? null, getPath(b, field) ?? null);
        if (c !== 0) return direction * c;
      }
      return 0;
    };
  } else {
    throw new StoreError('INVALID_PARAM', `$push $sort must be 1, -1 or {field: 1|-1}, got ${JSON.stringify(spec)}`);
  }
  return [...array].sort(compare);
}

/** `{$each, ...}` is the modifier form; `$`-fields without `$each` would store operator names as data. */
function modifierForm(op: string, arg: unknown, path: string): Doc | undefined {
  if (!isDoc(arg)) return undefined;
  if ('$each' in arg) return arg;
  if (Object.keys(arg).some((k) => k.startsWith('$'))) throw new StoreError('INVALID_PARAM', `${op} modifiers on '${path}' need $each`);
  return undefined;
}

const push: FieldHandler = (root, segments, arg) => {
  const path = segments.join('.');
  const location = locate(root, segments, true) as Location;
  const current = existingArray('$push', location, path) ?? [];
  const modifiers = modifierForm('$push', arg, path);
  if (modifiers) {
    const unknown = Object.keys(modifiers).filter((k) => !['$each', '$position', '$slice', '$sort'].includes(k));
    if (unknown.length) throw new StoreError('INVALID_PARAM', `$push on '${path}' has unknown modifiers ${unknown.join(', ')}`);
    if (!Array.isArray(modifiers.$each)) throw new StoreError('INVALID_PARAM', `$push $each on '${path}' must be an array`);
  }
  const items = (modifiers ? (modifiers.$each as unknown[]) : [arg]).map(cloneValue);
  let result = [...current];
  let position = result.length;
  if (modifiers?.$position !== undefined) {
    const requested = integer('$push', '$position', modifiers.$position);
    position = requested < 0 ? Math.max(0, result.length + requested) : Math.min(requested, result.length);
  }
  result.splice(position, 0, ...items);
  if (modifiers?.$sort !== undefined) result = sortElements(result, modifiers.$sort);
  if (modifiers?.$slice !== undefined) {
    const slice = integer('$push', '$slice', modifiers.$slice);
    result = slice >= 0 ? result.slice(0, slice) : result.slice(slice);
  }
  assign(location.parent, location.key, result, path);
};

const addToSet: FieldHandler = (root, segments, arg) => {
  const path = segments.join('.');
  const location = locate(root, segments, true) as Location;
  const result = [...(existingArray('$addToSet', location, path) ?? [])];
  const modifiers = modifierForm('$addToSet', arg, path);
  if (modifiers && !Array.isArray(modifiers.$each)) throw new StoreError('INVALID_PARAM', `$addToSet $each on '${path}' must be an array`);
  const items = modifiers ? (modifiers.$each as unknown[]) : [arg];
  for (const item of items) if (!result.some((existing) => valuesEqual(existing, item))) result.push(cloneValue(item));
  assign(location.parent, location.key, result, path);
};

/**
 * `$pull`'s condition: `{$gte: 6}` tests each element as a value, `{id: 3}` (or `$and/$or`) queries
 * embedded documents, a RegExp matches strings, anything else must equal the element.
 */
function pullMatcher(condition: unknown): (element: unknown) => boolean {
  if (condition instanceof RegExp) {
    const pattern = new RegExp(condition.source, condition.flags.replace('g', ''));
    return (element) => (typeof element === 'string' && pattern.test(element)) || valuesEqual(element, condition);
  }
  if (!isDoc(condition)) return (element) => valuesEqual(element, condition);
  const keys = Object.keys(condition);
  if (keys.length > 0 && keys.every((k) => k.startsWith('$')) && !keys.every((k) => LOGICAL.has(k))) {
    const test = compileQuery({ value: condition });
    return (element) => test({ value: element });
  }
  const test = compileQuery(condition);
  return (element) => isDoc(element) && test(element);
}

function removeWhere(op: string, root: Doc, segments: string[], matches: (element: unknown) => boolean): void {
  const path = segments.join('.');
  const location = locate(root, segments, false);
  const current = existingArray(op, location, path);
  if (!location || !current) return;
  assign(
    location.parent,
    location.key,
    current.filter((element) => !matches(element)),
    path,
  );
}

const pull: FieldHandler = (root, segments, arg) => removeWhere('$pull', root, segments, pullMatcher(arg));

const pullAll: FieldHandler = (root, segments, arg) => {
  if (!Array.isArray(arg)) throw new StoreError('INVALID_PARAM', `$pullAll on '${segments.join('.')}' needs an array of values`);
  removeWhere('$pullAll', root, segments, (element) => arg.some((value) => valuesEqual(element, value)));
};

const pop: FieldHandler = (root, segments, arg) => {
  const path = segments.join('.');
  if (arg !== 1 && arg !== -1) throw new StoreError('INVALID_PARAM', `$pop on '${path}' takes 1 (last) or -1 (first), got ${describe(arg)}`);
  const location = locate(root, segments, false);
  const current = existingArray('$pop', location, path);
  if (!location || !current) return;
  assign(location.parent, location.key, arg === 1 ? current.slice(0, -1) : current.slice(1), path);
};

export const ARRAY_HANDLERS: Record<string, FieldHandler> = {
  $push: push,
  $addToSet: addToSet,
  $pull: pull,
  $pullAll: pullAll,
  $pop: pop,
};
