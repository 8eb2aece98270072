import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { dataOf, readInTransaction } from './docs';

/**
 * The only module that touches `council_supports`: one 附议 per household and topic. The _id is
 * derived from the pair, so two members of one household supporting at once write one document.
 */
export const COUNCIL_SUPPORTS = 'council_supports';

const supportDocSchema = z.object({ _id: z.string(), topicId: z.string(), household: z.string(), openid: z.string(), createdAt: z.date() });
export type SupportDoc = z.infer<typeof supportDocSchema>;

export function supportId(topicId: string, household: string): string {
  return crypto.createHash('sha256').update(`${topicId}|${household}`).digest('hex').slice(0, 32);
}

export const getSupportInTransaction = (tx: Tx, id: string) => readInTransaction(tx, COUNCIL_SUPPORTS, id, supportDocSchema);

export async function insertSupportInTransaction(tx: Tx, doc: SupportDoc): Promise<void> {
  await tx.collection(COUNCIL_SUPPORTS).add({ data: doc });
}

export async function hasSupport(topicId: string, household: string): Promise<boolean> {
  const res = await database()
    .collection(COUNCIL_SUPPORTS)
    .where({ _id: supportId(topicId, household) })
    .field({ _id: true })
    .get();
  const data = dataOf(res);
  return Array.isArray(data) && data.length > 0;
}
