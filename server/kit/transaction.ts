import { DB } from 'wx-server-sdk';
import { database } from './cloud';
import { isMissingDocument, isTransactionConflict } from './errors';

/** The transaction handle the SDK passes in: collections whose reads and writes join the transaction. */
export interface Tx {
  collection(name: string): DB.CollectionReference;
}

/**
 * Runs `work` in a transaction, retrying on conflict with jittered backoff: the SDK's own
 * runTransaction retries only 3 times, which a busy signup can exhaust.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await database().runTransaction(work, 0)) as T;
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt));
    }
  }
}

/** A read of one document inside a transaction, answering `{ data: null }` when it does not exist instead of throwing. */
export async function readOrMissing(read: unknown): Promise<unknown> {
  try {
    return await read;
  } catch (error) {
    if (isMissingDocument(error)) return { data: null };
    throw error;
  }
}
