import * as z from '../../domain/zod';
import { geoPointSchema } from '../../domain/common';
import { AppError } from '../../domain/result';
import { database } from '../kit/cloud';
import { logFailure } from '../kit/log';
import { Tx, readOrMissing } from '../kit/transaction';

/**
 * Parses documents read from the database with their schema: stored data is outside data too.
 * A document that does not fit is a bug or a bad migration, reported as INTERNAL, never passed on.
 */
export function parseDocs<T extends z.ZodMiniType>(schema: T, collection: string, raw: unknown): z.infer<T>[] {
  const list = listOf(schema).safeParse(raw);
  if (list.success) return list.data;
  logFailure('repository', collection, new Error(`stored document does not fit its schema at ${list.error.issues[0]?.path.join('.')}`));
  throw new AppError('INTERNAL', '数据异常，请联系居委会');
}

/** Each document schema's list schema, made once: building a schema on every read cost more than the parse. */
const lists = new WeakMap<z.ZodMiniType, z.ZodMiniArray>();
function listOf<T extends z.ZodMiniType>(schema: T): z.ZodMiniArray<T> {
  let list = lists.get(schema);
  if (!list) lists.set(schema, (list = z.array(schema)));
  return list as z.ZodMiniArray<T>;
}

/** The `data` array of a `get()` answer. */
export function dataOf(res: unknown): unknown {
  return typeof res === 'object' && res !== null && 'data' in res ? res.data : [];
}

/** The rows an aggregation answered (`list`). */
export function aggregateRows(res: unknown): Record<string, unknown>[] {
  return (typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list : []) as Record<string, unknown>[];
}

/** A `$lookup` beside a document: by its stages (`pipeline`), or equality of one of its fields (`localField`). */
export type Join = { from: string; pipeline: Record<string, unknown>[] } | { from: string; localField: string; foreignField: string };

/**
 * One document by id with what a screen or a check needs beside it, in ONE aggregation: each join is
 * a `$lookup` whose documents come back raw under its name (their collection's module parses them).
 * Null when there is no such document. `leftOut`: fields of the document not read (a projection).
 */
export async function docWithJoins<T extends z.ZodMiniType>(
  collection: string,
  schema: T,
  id: string,
  joins: Record<string, Join | Lookup | Record<string, unknown>>,
  leftOut?: Record<string, 0>,
): Promise<{ doc: z.infer<T>; joined: Record<string, unknown[]> } | null> {
  let query = database().collection(collection).aggregate().match({ _id: id });
  if (leftOut) query = query.project(leftOut);
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  for (const [as, join] of Object.entries(joins)) query = query.lookup({ ...join, as });
  const [row] = aggregateRows(await query.end());
  if (!row) return null;
  const joined: Record<string, unknown[]> = {};
  const doc: Record<string, unknown> = { ...row };
  for (const as of Object.keys(joins)) {
    joined[as] = Array.isArray(row[as]) ? (row[as] as unknown[]) : [];
    delete doc[as];
  }
  return { doc: parseDocs(schema, collection, [doc])[0], joined };
}

/** One document by id from `collection`, or null. */
export async function docById<T extends z.ZodMiniType>(collection: string, schema: T, id: string): Promise<z.infer<T> | null> {
  return parseDocs(schema, collection, dataOf(await database().collection(collection).where({ _id: id }).get()))[0] ?? null;
}

/** The documents of `ids` (each once, in no particular order), optionally with a projection. */
export async function docsByIds<T extends z.ZodMiniType>(collection: string, schema: T, ids: readonly string[], fields?: Record<string, boolean>): Promise<z.infer<T>[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const query = database()
    .collection(collection)
    .where({ _id: database().command.in(unique) });
  return parseDocs(schema, collection, dataOf(await (fields ? query.field(fields) : query).limit(unique.length).get()));
}

/** Cursor pagination on `_id` ascending: stable while new documents arrive. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}
export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new AppError('INVALID_ARGUMENT', '翻页参数不正确，请刷新后重试');
  return id;
}

/**
 * A stored location. The SDK writes GeoJSON points but reads them back as its own Point objects
 * (`{ longitude, latitude }`), so reads accept both and hand on GeoJSON.
 */
export const storedPointSchema = z.pipe(
  z.transform((value: unknown) => {
    if (typeof value === 'object' && value !== null && 'longitude' in value && 'latitude' in value) {
      return { type: 'Point', coordinates: [value.longitude, value.latitude] };
    }
    return value;
  }),
  geoPointSchema,
);

/** Where a page ended in a list ordered by a time, then by id. */
export interface TimePosition {
  time: Date;
  id: string;
}

/** The cursor is `<time in base 36>_<id>`, opaque to clients. */
export function encodePositionCursor(position: TimePosition): string {
  return encodeCursor(`${position.time.getTime().toString(36)}_${position.id}`);
}

export function decodePositionCursor(cursor: string | undefined): TimePosition | null {
  const raw = decodeCursor(cursor);
  if (raw === null) return null;
  const cut = raw.indexOf('_');
  const ms = cut > 0 ? parseInt(raw.slice(0, cut), 36) : NaN;
  if (!Number.isSafeInteger(ms) || cut === raw.length - 1) throw new AppError('INVALID_ARGUMENT', '翻页参数不正确，请刷新后重试');
  return { time: new Date(ms), id: raw.slice(cut + 1) };
}

/**
 * One document read inside a transaction (transactions support only document reads), parsed with
 * its schema; null when it does not exist (the SDK throws for that inside a transaction).
 */
export async function readInTransaction<T extends z.ZodMiniType>(tx: Tx, collection: string, id: string, schema: T): Promise<z.infer<T> | null> {
  const data = dataOf(await readOrMissing(tx.collection(collection).doc(id).get()));
  return data ? parseDocs(schema, collection, [data])[0] : null;
}

/** How many documents a write changed, from the SDK's `stats` (`updated` or `removed`); 0 when it says nothing. */
export function changedCount(res: unknown, key: 'updated' | 'removed'): number {
  if (typeof res !== 'object' || res === null || !('stats' in res) || typeof res.stats !== 'object' || res.stats === null) return 0;
  const stats: Record<string, unknown> = { ...res.stats };
  return typeof stats[key] === 'number' ? stats[key] : 0;
}

/** Whether a conditional update changed exactly one document (its condition held). */
export const updatedOne = (res: unknown): boolean => changedCount(res, 'updated') === 1;

/** The first row of an aggregation's answer, if any. */
export function firstRow(res: unknown): Record<string, unknown> | undefined {
  const list = typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list : [];
  return typeof list[0] === 'object' && list[0] !== null ? (list[0] as Record<string, unknown>) : undefined;
}

/** docWithJoins as the council's reads name it: each lookup under its own `as`, which is its key. */
export const docWith = docWithJoins;

/** The rows of an aggregation's answer. */
export function rowsOf(res: unknown): Record<string, unknown>[] {
  return typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list : [];
}

/** The `total` of a `count()` answer. */
export function totalOf(res: unknown): number {
  return typeof res === 'object' && res !== null && 'total' in res && typeof res.total === 'number' ? res.total : 0;
}

/**
 * An update's data with every object value set whole (`_.set`): the SDK otherwise turns a nested
 * object into dot-path sets, which merge into the old value and fail on a null field.
 */
export function setWhole(patch: Record<string, unknown>): Record<string, unknown> {
  const _ = database().command;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) data[key] = value !== null && typeof value === 'object' && !(value instanceof Date) ? _.set(value) : value;
  return data;
}

/** A `$lookup` stage (pipeline form) a repository builds for another collection's aggregation. */
// A type, not an interface: it passes where a stage is any record (docWith's lookups).
export type Lookup = {
  from: string;
  let?: Record<string, unknown>;
  pipeline: object[];
  as: string;
};

/** A person's documents of one kind, as a lookup of an aggregation of their user document, and how to check what it found. */
export interface PersonalRead<T> {
  lookup(as: string): Lookup;
  parse(raw: unknown[]): T[];
}

/**
 * docsWhere's read (newest first by `orderBy`, at most `limit`) as a PersonalRead: a person's
 * export reads every kind of their data in one request this way. `match` is in the aggregation's
 * own form (`$or`, not the SDK's command).
 */
export function personalRead<T extends z.ZodMiniType>(collection: string, schema: T, match: object, limit: number, orderBy?: string): PersonalRead<z.infer<T>> {
  const sort = orderBy ? { [orderBy]: -1, _id: -1 } : { _id: -1 };
  return {
    lookup: (as) => ({ from: collection, pipeline: [{ $match: match }, { $sort: sort }, { $limit: limit }], as }),
    parse: (raw) => parseDocs(schema, collection, raw),
  };
}

/**
 * A person's documents in `collection` matching `where`, newest first by `orderBy` when given, at
 * most `limit`: the bounded reads behind a person's export and the erasure of their account.
 */
export async function docsWhere<T extends z.ZodMiniType>(collection: string, schema: T, where: object, limit: number, orderBy?: string): Promise<z.infer<T>[]> {
  let query = database().collection(collection).where(where);
  if (orderBy) query = query.orderBy(orderBy, 'desc');
  return parseDocs(schema, collection, dataOf(await query.orderBy('_id', 'desc').limit(limit).get()));
}

/** Sets `patch` on every document matching `where`, in one request; how many it changed. */
export async function updateWhere(collection: string, where: object, patch: Record<string, unknown>): Promise<number> {
  return changedCount(await database().collection(collection).where(where).update({ data: patch }), 'updated');
}

/** Removes every document matching `where`, in one request; how many it removed. */
export async function removeWhere(collection: string, where: object): Promise<number> {
  return changedCount(await database().collection(collection).where(where).remove(), 'removed');
}

/**
 * The unique key a record keeps once it leaves its live state. CloudBase has no sparse indexes: a
 * unique index counts every document without the key as `null`, so a removed key would collide with
 * the next record that loses its key. A dead key is unique to its record and never matches a live one.
 */
export const deadKeyOf = (id: string): string => `dead|${id}`;

/** How many per-record writes run at once when a bulk end gives each record its own dead key. */
export const PER_RECORD_WRITES = 8;

/** Runs `write` for every item, `PER_RECORD_WRITES` at a time. */
export async function eachInBatches<T>(items: readonly T[], write: (item: T) => unknown): Promise<void> {
  for (let i = 0; i < items.length; i += PER_RECORD_WRITES) await Promise.all(items.slice(i, i + PER_RECORD_WRITES).map(write));
}
