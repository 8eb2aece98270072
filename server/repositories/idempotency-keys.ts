import * as z from '../../domain/zod';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { dataOf, parseDocs, changedCount, removeWhere } from './docs';

/** The only module that touches `idempotency_keys`: the answers of retried writes. */
export const IDEMPOTENCY_KEYS = 'idempotency_keys';

const keyDocSchema = z.object({ _id: z.string(), openid: z.optional(z.string()), state: z.enum(['pending', 'done']), result: z.optional(z.unknown()), createdAt: z.date() });
export type KeyDoc = z.infer<typeof keyDocSchema>;

const keys = () => database().collection(IDEMPOTENCY_KEYS);

/** Claims `id` for this call; if it was claimed before, returns what is stored instead. */
export async function claimKey(id: string, openid: string, now: Date): Promise<{ claimed: true } | { claimed: false; doc: KeyDoc }> {
  try {
    // The caller is kept beside the (hashed) key so that an account's end can forget their answers.
    await keys().add({ data: { _id: id, openid, state: 'pending', createdAt: now } });
    return { claimed: true };
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const doc = parseDocs(keyDocSchema, IDEMPOTENCY_KEYS, dataOf(await keys().where({ _id: id }).get()))[0];
    if (!doc) throw error;
    return { claimed: false, doc };
  }
}

export async function completeKey(id: string, result: unknown): Promise<void> {
  await keys()
    .doc(id)
    .update({ data: { state: 'done', result: database().command.set(result) } });
}

export async function releaseKey(id: string): Promise<void> {
  await keys().doc(id).remove();
}

/** A key whose call died or whose answer has expired starts over. */
export async function restartKey(id: string, now: Date): Promise<void> {
  await keys()
    .doc(id)
    .update({ data: { state: 'pending', createdAt: now, result: database().command.remove() } });
}

/** Forgets answers older than `before` (they may hold personal data); returns how many. */
export async function forgetKeysBefore(before: Date): Promise<number> {
  const res: unknown = await keys()
    .where({ createdAt: database().command.lt(before) })
    .remove();
  return changedCount(res, 'removed');
}

/** An account's end: the answers kept for the person's retries go (they may hold personal data). */
export async function forgetKeysOf(openid: string): Promise<number> {
  return removeWhere(IDEMPOTENCY_KEYS, { openid });
}
