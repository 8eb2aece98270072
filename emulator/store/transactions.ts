import crypto from 'node:crypto';
import { Doc, StoreError } from './types';

/** How long an idle transaction keeps its locks before it is aborted (CloudBase/Mongo use similar limits). */
export const TRANSACTION_IDLE_MS = 30_000;

/** A transaction's private state: what it has seen and what it will write, nothing shared until commit. */
export class Transaction {
  /** collection → id key → new document (null = removed). */
  readonly writes = new Map<string, Map<string, Doc | null>>();
  /** `collection\0id` → committed version when first touched (0 = did not exist). */
  readonly seen = new Map<string, number>();
  lastUsed = Date.now();

  constructor(
    readonly id: string,
    readonly startSeq: number,
  ) {}

  overlay(collection: string): Map<string, Doc | null> {
    let writes = this.writes.get(collection);
    if (!writes) this.writes.set(collection, (writes = new Map()));
    return writes;
  }
}

export function lockKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

export function conflict(detail: string): StoreError {
  return new StoreError('DATABASE_TRANSACTION_CONFLICT', `事务冲突，请重试（${detail}）`);
}

/**
 * Optimistic transactions with first-writer-wins locks, like MongoDB's: a transaction that writes a
 * document another live transaction has written, or that was committed after this one started,
 * fails at once with DATABASE_TRANSACTION_CONFLICT and is aborted (the SDK's runTransaction then
 * starts a fresh one).
 */
export class TransactionManager {
  private live = new Map<string, Transaction>();
  private locks = new Map<string, string>();

  start(seq: number): Transaction {
    this.expireIdle();
    const tx = new Transaction(crypto.randomBytes(12).toString('hex'), seq);
    this.live.set(tx.id, tx);
    return tx;
  }

  get(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.live.get(id) : undefined;
    if (!tx) throw new StoreError('DATABASE_TRANSACTION_FAIL', '事务不存在或已结束（已提交、已回滚或超时）');
    tx.lastUsed = Date.now();
    return tx;
  }

  /** Records that `tx` saw the document at `version` (0 = absent); conflicts if it changed after tx start. */
  observe(tx: Transaction, collection: string, id: string, version: number): void {
    const key = lockKey(collection, id);
    const seen = tx.seen.get(key);
    if (seen === undefined) {
      if (version > tx.startSeq) this.fail(tx, `文档 ${id} 在事务开始后已被修改`);
      tx.seen.set(key, version);
    } else if (seen !== version) {
      this.fail(tx, `文档 ${id} 在事务中被其他写入修改`);
    }
  }

  /** Takes the write lock on a document for `tx`. */
  lock(tx: Transaction, collection: string, id: string, version: number): void {
    const key = lockKey(collection, id);
    const holder = this.locks.get(key);
    if (holder !== undefined && holder !== tx.id) this.fail(tx, `文档 ${id} 正被另一个事务修改`);
    this.observe(tx, collection, id, version);
    this.locks.set(key, tx.id);
  }

  /** Aborts `tx` and throws the conflict, so its locks never outlive the failed attempt. */
  fail(tx: Transaction, detail: string): never {
    this.end(tx);
    throw conflict(detail);
  }

  end(tx: Transaction): void {
    this.live.delete(tx.id);
    for (const key of tx.seen.keys()) if (this.locks.get(key) === tx.id) this.locks.delete(key);
  }

  private expireIdle(): void {
    const cutoff = Date.now() - TRANSACTION_IDLE_MS;
    for (const tx of this.live.values()) if (tx.lastUsed < cutoff) this.end(tx);
  }

  get liveCount(): number {
    return this.live.size;
  }
}
