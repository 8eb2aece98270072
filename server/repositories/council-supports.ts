import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';

/**
 * The only module that touches `council_supports`: the record of each household's 附议 (who, when).
 * The _id is derived from the topic and the household, so a household has one. What counts, and
 * guards once per household, is the topic's own `supportedBy` (council-topics.ts), written with its
 * count in one conditional write; the record follows it.
 */
export const COUNCIL_SUPPORTS = 'council_supports';

export const supportDocSchema = z.object({ _id: z.string(), topicId: z.string(), household: z.string(), openid: z.string(), createdAt: z.date() });
export type SupportDoc = z.infer<typeof supportDocSchema>;

export function supportId(topicId: string, household: string): string {
  return crypto.createHash('sha256').update(`${topicId}|${household}`).digest('hex').slice(0, 32);
}

/** The record of a household's support, once: false when it is there already (a retry, the household's other member). */
export async function insertSupportOnce(doc: SupportDoc): Promise<boolean> {
  try {
    await database().collection(COUNCIL_SUPPORTS).add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** For another repository's aggregation (a lookup): a household's support of a topic, if recorded (its id only). */
export function supportLookup(topicId: string, household: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: COUNCIL_SUPPORTS, pipeline: [{ $match: { _id: supportId(topicId, household) } }, { $project: { _id: 1 } }], as };
}
