import { runPipeline } from './aggregate';
import { Collection } from './collection';
import { DatabaseLog, JournalRecord, Snapshot } from './database-log';
import { IndexSpec, keyOf } from './indexes';
import { compileProjection } from './projection';
import { Transaction, TransactionManager } from './transactions';
import { Doc, StoreError, isDoc } from './types';
import { Change, UpdateOptions, duplicateId, planInsert, planRemove, planUpdate } from './write-plans';

export type { Snapshot } from './database-log';

/** The SDK's read limits: 100 when the caller sets none, never more than 1000. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface CollectionSchema {
  name: string;
  indexes?: IndexSpec[];
  /** The security rule database.json declares; kept for a deploy to compare, not enforced (functions are admins). */
  rules?: { read: boolean | string; write: boolean | string };
}

export interface FindOptions {
  order?: Doc;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

/**
 * The emulator's document database: the collections, reads, and writes staged in transactions or
 * committed atomically; what a write changes is in write-plans, durability in database-log.
 */
export class Database {
  private collections = new Map<string, Collection>();
  private seq = 0;
  private log: DatabaseLog | null = null;
  readonly transactions = new TransactionManager();

  private constructor(private schema: CollectionSchema[]) {}

  /** Opens a database; with `dataDir` every acknowledged write is on disk, without it data lives in memory. */
  static open(options: { dataDir?: string | null; schema?: CollectionSchema[] }): Database {
    const db = new Database(options.schema ?? []);
    if (options.dataDir) {
      const { log, state } = DatabaseLog.open(options.dataDir, () => db.snapshot());
      if (state.snapshot) db.load(state.snapshot);
      for (const record of state.records) db.replay(record);
      db.log = log;
    }
    for (const { name } of db.schema) db.ensureCollection(name);
    return db;
  }

  private makeCollection(name: string): Collection {
    return new Collection(name, this.schema.find((c) => c.name === name)?.indexes ?? []);
  }

  private ensureCollection(name: string): Collection {
    let collection = this.collections.get(name);
    if (!collection) this.collections.set(name, (collection = this.makeCollection(name)));
    return collection;
  }

  /** Builds the collections aside and swaps them in, so an invalid snapshot changes nothing. */
  private load(snapshot: Snapshot, checkUnique = false): void {
    const collections = new Map<string, Collection>();
    for (const { name, docs } of snapshot.collections) {
      const collection = this.makeCollection(name);
      for (const doc of docs) {
        const id = keyOf(doc._id);
        if (collection.get(id)) throw duplicateId(name, doc._id);
        if (checkUnique) collection.checkUnique(id, doc);
        collection.put(id, doc, snapshot.seq);
      }
      collections.set(name, collection);
    }
    this.collections = collections;
    this.seq = snapshot.seq;
  }

  private replay(record: JournalRecord): void {
    for (const name of record.created ?? []) this.ensureCollection(name);
    for (const change of record.changes ?? []) this.ensureCollection(change.collection).put(change.id, change.doc, record.seq);
    this.seq = record.seq;
  }

  collection(name: unknown): Collection {
    const collection = typeof name === 'string' ? this.collections.get(name) : undefined;
    if (!collection) throw new StoreError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${String(name)}`);
    return collection;
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].sort();
  }

  async addCollection(name: string): Promise<void> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new StoreError('INVALID_PARAM', `集合名称不合法：${name}`);
    if (this.collections.has(name)) throw new StoreError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${name}`);
    this.ensureCollection(name);
    await this.persist({ seq: ++this.seq, created: [name] });
  }

  /** A collection's indexes now: database.json's, and any a deploy created or dropped since. */
  indexesOf(name: string): IndexSpec[] {
    return this.collection(name).indexes.map((index) => index.spec);
  }

  /** Creates or drops an index at run time, as a deploy does; the declaration follows, so an import keeps it. */
  changeIndex(name: string, change: { create: IndexSpec } | { drop: string }): void {
    const collection = this.collection(name);
    if ('create' in change) collection.addIndex(change.create);
    else collection.dropIndex(change.drop);
    this.schema = [...this.schema.filter((c) => c.name !== name), { name, indexes: this.indexesOf(name) }];
  }

  // ---- reads ----

  find(name: string, query: Doc, options: FindOptions = {}, txId?: unknown): Doc[] {
    const collection = this.collection(name);
    const tx = txId ? this.transactions.get(txId) : null;
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.min(Math.max(0, options.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    // Outside a transaction the page lets an ordered index walk stop early; inside one every match is
    // read (and observed) as before.
    const { docs } = collection.select(query, options.order, tx?.writes.get(name), tx ? undefined : { offset, limit });
    if (tx) for (const doc of docs) this.observe(tx, collection, doc);
    // A document read by id and not found is a read too: if another transaction creates it before this
    // one commits, this one decided on a stale "missing" (MongoDB's snapshot gives a write conflict).
    if (tx && docs.length === 0 && typeof query._id === 'string' && Object.keys(query).length === 1) this.observeAbsent(tx, collection, query._id);
    const project = compileProjection(options.projection);
    return docs.slice(offset, offset + limit).map((doc) => project(doc));
  }

  count(name: string, query: Doc, txId?: unknown): number {
    const tx = txId ? this.transactions.get(txId) : null;
    return this.collection(name).select(query, undefined, tx?.writes.get(name)).docs.length;
  }

  /** How a query would run: for tests and benchmarks of index use. */
  explain(name: string, query: Doc, options: FindOptions = {}): { examined: number; index: string | null; ordered?: boolean; returned: number } {
    const window = options.order ? { offset: Math.max(0, options.offset ?? 0), limit: Math.min(Math.max(0, options.limit ?? DEFAULT_LIMIT), MAX_LIMIT) } : undefined;
    const { docs, stats } = this.collection(name).select(query, options.order, undefined, window);
    const returned = window ? docs.slice(window.offset, window.offset + window.limit).length : docs.length;
    return { ...stats, returned };
  }

  aggregate(name: string, stages: Doc[]): Doc[] {
    // A first $match reads through the indexes instead of every document (the match still runs in full).
    const source = (n: string, match?: Doc): Doc[] => (match && this.collection(n).candidateDocs(match)) || [...this.collection(n).docs.values()].map((s) => s.doc);
    const first = isDoc(stages[0]) && Object.keys(stages[0]).length === 1 && isDoc(stages[0].$match) ? (stages[0].$match as Doc) : undefined;
    return runPipeline(source(name, first), stages, source, { collection: name, geoFields: this.collection(name).geoFields });
  }

  private observe(tx: Transaction, collection: Collection, doc: Doc): void {
    const id = keyOf(doc._id);
    if (tx.overlay(collection.name).has(id)) return;
    this.transactions.observe(tx, collection.name, id, collection.get(id)?.version ?? 0);
  }

  private observeAbsent(tx: Transaction, collection: Collection, _id: string): void {
    const id = keyOf(_id);
    if (tx.overlay(collection.name).has(id)) return;
    this.transactions.observe(tx, collection.name, id, collection.get(id)?.version ?? 0);
  }

  // ---- writes ----

  async insert(name: string, docs: Doc[], txId?: unknown): Promise<unknown[]> {
    const collection = this.collection(name);
    const tx = txId ? this.transactions.get(txId) : null;
    const changes = planInsert(collection, docs, tx?.writes.get(name));
    await this.write(tx, changes);
    return changes.map((c) => c.doc?._id);
  }

  async update(name: string, query: Doc, data: Doc, options: UpdateOptions, txId?: unknown): Promise<{ updated: number; upsertedId?: unknown }> {
    const collection = this.collection(name);
    const tx = txId ? this.transactions.get(txId) : null;
    const { changes, matched, upsertedId } = planUpdate(collection, query, data, options, tx?.writes.get(name));
    // A write that matches a document but leaves it as it was still decided on it: observed, so a
    // newer version of it fails the transaction instead of passing as a no-op.
    if (tx) for (const doc of matched) this.observe(tx, collection, doc);
    await this.write(tx, changes);
    return { updated: upsertedId === undefined ? changes.length : 0, upsertedId };
  }

  async remove(name: string, query: Doc, multi: boolean, txId?: unknown): Promise<number> {
    const collection = this.collection(name);
    const tx = txId ? this.transactions.get(txId) : null;
    const changes = planRemove(collection, query, multi, tx?.writes.get(name));
    await this.write(tx, changes);
    return changes.length;
  }

  /** Inside a transaction the changes are staged until it commits; outside one they commit now. */
  private async write(tx: Transaction | null, changes: Change[]): Promise<void> {
    if (tx) this.stage(tx, changes);
    else await this.commit(changes);
  }

  // ---- transactions ----

  startTransaction(): string {
    return this.transactions.start(this.seq).id;
  }

  async commitTransaction(txId: unknown): Promise<void> {
    const tx = this.transactions.get(txId);
    const changes: Change[] = [];
    for (const [collection, writes] of tx.writes) {
      for (const [id, doc] of writes) changes.push({ collection, id, doc });
    }
    // Someone outside the transaction may have written what it read or wrote since.
    for (const key of tx.seen.keys()) {
      const [collection, id] = key.split('\u0000');
      const version = this.collections.get(collection)?.get(id)?.version ?? 0;
      if (version !== tx.seen.get(key)) this.transactions.fail(tx, `文档 ${id} 在事务提交前已被修改`);
    }
    this.transactions.end(tx);
    await this.commit(changes);
  }

  abortTransaction(txId: unknown): void {
    this.transactions.end(this.transactions.get(txId));
  }

  private stage(tx: Transaction, changes: Change[]): void {
    for (const change of changes) {
      const collection = this.collection(change.collection);
      this.transactions.lock(tx, change.collection, change.id, collection.get(change.id)?.version ?? 0);
      tx.overlay(change.collection).set(change.id, change.doc);
    }
  }

  /**
   * Applies changes atomically: unique indexes are checked for the whole batch first, then every
   * change is applied and journaled as one record. Resolves when the record is durable.
   */
  private async commit(changes: Change[]): Promise<void> {
    if (changes.length === 0) return;
    const applied: { collection: Collection; id: string; before: Doc | null; version: number }[] = [];
    const seq = this.seq + 1;
    try {
      for (const change of changes) {
        const collection = this.collection(change.collection);
        const before = collection.get(change.id);
        if (change.doc) collection.checkUnique(change.id, change.doc);
        applied.push({ collection, id: change.id, before: before?.doc ?? null, version: before?.version ?? 0 });
        collection.put(change.id, change.doc, seq);
      }
    } catch (error) {
      for (const undo of applied.reverse()) undo.collection.put(undo.id, undo.before, undo.version);
      throw error;
    }
    this.seq = seq;
    await this.persist({ seq, changes });
  }

  private async persist(record: JournalRecord): Promise<void> {
    if (this.log) await this.log.append(record);
  }

  // ---- snapshots ----

  snapshot(): Snapshot {
    return {
      seq: this.seq,
      collections: this.collectionNames().map((name) => ({
        name,
        docs: [...this.collection(name).docs.values()].map((s) => s.doc),
      })),
    };
  }

  /** Replaces every collection's contents with `snapshot` (declared collections stay, possibly empty). */
  async restore(snapshot: Snapshot): Promise<void> {
    this.load({ ...snapshot, seq: this.seq + 1 }, true);
    for (const { name } of this.schema) this.ensureCollection(name);
    await this.compact();
  }

  async compact(): Promise<void> {
    if (this.log) await this.log.compact();
  }

  async close(): Promise<void> {
    if (!this.log) return;
    await this.log.close();
    this.log = null;
  }
}
