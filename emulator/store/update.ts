import { Doc, StoreError, isDoc } from './types';
import { ARRAY_HANDLERS, FieldHandler } from './update-arrays';
import { Location, assign, describe, expandPositional, isIndex, isPositional, locate, read, remove, splitPath } from './update-paths';
import { cloneValue, compareValues, valuesEqual } from './values';

export interface UpdateOptions {
  /** The query that selected the document; positional `$` paths resolve against it. */
  query?: Doc;
  /** True when an upsert is inserting; only then does `$setOnInsert` apply. */
  isInsert?: boolean;
}

/** True for `{$set: …}`-style updates, false for a plain replacement document; a mix is an error. */
export function isOperatorUpdate(update: Doc): boolean {
  const keys = Object.keys(update);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length > 0 && operators.length < keys.length) {
    const fields = keys.filter((k) => !k.startsWith('$'));
    throw new StoreError('INVALID_PARAM', `an update cannot mix operators (${operators.join(', ')}) with plain fields (${fields.join(', ')})`);
  }
  return operators.length === keys.length;
}

function set(root: Doc, segments: string[], value: unknown): void {
  const location = locate(root, segments, true) as Location;
  assign(location.parent, location.key, cloneValue(value), segments.join('.'));
}

/** `$inc` and `$mul`: both sides must be numbers; a missing field counts as 0 like Mongo. */
function arithmetic(op: string, combine: (current: number, arg: number) => number, missing: (arg: number) => number): FieldHandler {
  return (root, segments, arg) => {
    const path = segments.join('.');
    if (typeof arg !== 'number') throw new StoreError('INVALID_PARAM', `${op} on '${path}' needs a number, got ${describe(arg)}`);
    const location = locate(root, segments, true) as Location;
    const current = read(location);
    if (current !== undefined && typeof current !== 'number') {
      throw new StoreError('INVALID_PARAM', `cannot apply ${op} to field '${path}': it holds ${describe(current)}, not a number`);
    }
    assign(location.parent, location.key, current === undefined ? missing(arg) : combine(current, arg), path);
  };
}

function bound(keepNew: (comparison: number) => boolean): FieldHandler {
  return (root, segments, arg) => {
    const location = locate(root, segments, true) as Location;
    const current = read(location);
    if (current === undefined || keepNew(compareValues(arg, current))) assign(location.parent, location.key, cloneValue(arg), segments.join('.'));
  };
}

const HANDLERS: Record<string, FieldHandler> = {
  $set: set,
  $setOnInsert: set,
  $unset: (root, segments) => {
    const location = locate(root, segments, false);
    if (location && read(location) !== undefined) remove(location);
  },
  $inc: arithmetic(
    '$inc',
    (a, b) => a + b,
    (b) => b,
  ),
  $mul: arithmetic(
    '$mul',
    (a, b) => a * b,
    () => 0,
  ),
  $min: bound((c) => c < 0),
  $max: bound((c) => c > 0),
  $currentDate: () => undefined, // applied in applyUpdate, which owns the single timestamp of this update
  $rename: () => undefined, // applied in applyUpdate: it needs both the source and the target path
  ...ARRAY_HANDLERS,
};

interface Entry {
  op: string;
  path: string;
  segments: string[];
  arg: unknown;
  /** Every path the entry writes: `$rename` writes its target too. */
  writes: string[][];
}

function parse(update: Doc): Entry[] {
  const entries: Entry[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if (!HANDLERS[op]) throw new StoreError('INVALID_PARAM', `unknown update operator ${op}`);
    if (!isDoc(fields)) throw new StoreError('INVALID_PARAM', `${op} needs an object of fields, got ${describe(fields)}`);
    for (const [path, arg] of Object.entries(fields)) {
      const segments = splitPath(path);
      const writes = [segments];
      if (op === '$rename') {
        if (typeof arg !== 'string') throw new StoreError('INVALID_PARAM', `$rename of '${path}' needs the new field name as a string`);
        if (arg === path) throw new StoreError('INVALID_PARAM', `$rename of '${path}' must name a different field`);
        writes.push(splitPath(arg));
        if (writes.some((w) => w.some(isPositional))) throw new StoreError('INVALID_PARAM', '$rename cannot use positional operators');
      }
      entries.push({ op, path, segments, arg, writes });
    }
  }
  return entries;
}

/** `_id` is immutable; writing the same value back (as upserts and `set()` round-trips do) is allowed. */
function checkId(doc: Doc, entries: Entry[]): void {
  for (const entry of entries) {
    for (const written of entry.writes) {
      if (written[0] !== '_id') continue;
      const harmless = (entry.op === '$set' || entry.op === '$setOnInsert') && written.length === 1 && (doc._id === undefined || valuesEqual(doc._id, entry.arg));
      if (!harmless) throw new StoreError('INVALID_PARAM', `the _id field cannot be updated (${entry.op} on '${written.join('.')}')`);
    }
  }
}

/** Mongo rejects one update touching both `a` and `a.b` (or the same path twice): the result would depend on order. */
function checkConflicts(entries: Entry[]): void {
  const same = (a: string, b: string) => a === b || (isPositional(a) && (isPositional(b) || isIndex(b))) || (isPositional(b) && isIndex(a));
  const written = entries.flatMap((e) => e.writes);
  for (let i = 0; i < written.length; i++) {
    for (let j = i + 1; j < written.length; j++) {
      const [a, b] = [written[i], written[j]];
      const n = Math.min(a.length, b.length);
      if (a.slice(0, n).every((segment, k) => same(segment, b[k]))) {
        throw new StoreError('INVALID_PARAM', `updating '${a.join('.')}' and '${b.join('.')}' in one update would conflict`);
      }
    }
  }
}

function rename(root: Doc, from: string[], to: string[]): void {
  const source = locate(root, from, false);
  if (!source || read(source) === undefined) return;
  if (Array.isArray(source.parent)) throw new StoreError('INVALID_PARAM', `$rename cannot move array elements ('${from.join('.')}')`);
  const value = read(source);
  remove(source);
  set(root, to, value);
}

function currentDate(root: Doc, segments: string[], arg: unknown, now: Date): void {
  // CloudBase has no BSON timestamp type worth emulating, so {$type: 'timestamp'} also stores a date.
  const valid = arg === true || (isDoc(arg) && (arg.$type === 'date' || arg.$type === 'timestamp'));
  if (!valid) throw new StoreError('INVALID_PARAM', `$currentDate on '${segments.join('.')}' takes true or {$type: 'date'}`);
  set(root, segments, now);
}

/** Applies an operator update to a copy of `doc`; the input is never mutated (transactions keep the original). */
export function applyUpdate(doc: Doc, update: Doc, options: UpdateOptions = {}): Doc {
  if (!isOperatorUpdate(update)) {
    throw new StoreError('INVALID_PARAM', 'applyUpdate needs update operators such as {$set: {...}}; use applyReplacement to replace a document');
  }
  const entries = parse(update);
  checkId(doc, entries);
  checkConflicts(entries);
  const out = cloneValue(doc);
  const now = new Date();
  for (const entry of entries) {
    if (entry.op === '$setOnInsert' && !options.isInsert) continue;
    if (entry.op === '$rename') {
      rename(out, entry.segments, entry.writes[1]);
      continue;
    }
    for (const segments of expandPositional(doc, entry.segments, options.query, entry.path)) {
      if (entry.op === '$currentDate') currentDate(out, segments, entry.arg, now);
      else HANDLERS[entry.op](out, segments, entry.arg);
    }
  }
  return out;
}

/** `doc.set(data)`: the new content replaces every field except `_id`. */
export function applyReplacement(doc: Doc, replacement: Doc): Doc {
  const operators = Object.keys(replacement).filter((k) => k.startsWith('$'));
  if (operators.length) throw new StoreError('INVALID_PARAM', `a replacement document cannot contain operators (${operators.join(', ')})`);
  // Assigning `__proto__` would change the new object's prototype instead of adding a field.
  if (Object.prototype.hasOwnProperty.call(replacement, '__proto__')) throw new StoreError('INVALID_PARAM', "field name '__proto__' is not allowed");
  if (replacement._id !== undefined && doc._id !== undefined && !valuesEqual(replacement._id, doc._id)) {
    throw new StoreError('INVALID_PARAM', 'the _id field cannot be changed by a replacement');
  }
  const out: Doc = {};
  const id = doc._id !== undefined ? doc._id : replacement._id;
  if (id !== undefined) out._id = cloneValue(id);
  for (const [key, value] of Object.entries(replacement)) if (key !== '_id') out[key] = cloneValue(value);
  return out;
}
