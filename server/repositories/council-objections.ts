import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { dataOf, parseDocs, updateWhere, personalRead } from './docs';

/**
 * The only module that touches `council_objections`: a household's objection to a posted 群众评优
 * result (one per household: the _id comes from the campaign and the household), with its reason.
 */
export const COUNCIL_OBJECTIONS = 'council_objections';

const objectionDocSchema = z.object({ _id: z.string(), campaignId: z.string(), communityId: z.string(), openid: z.string(), reason: z.string(), createdAt: z.date() });
export type ObjectionDoc = z.infer<typeof objectionDocSchema>;

export const objectionIdOf = (campaignId: string, household: string) => crypto.createHash('sha256').update(`objection|${campaignId}|${household}`).digest('hex').slice(0, 32);

const objections = () => database().collection(COUNCIL_OBJECTIONS);

/** False when the household already objected. */
export async function insertObjectionOnce(doc: ObjectionDoc): Promise<boolean> {
  try {
    await objections().add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** A campaign's objections, oldest first, at most `limit`: what the committee answers. */
export async function objectionsOf(campaignId: string, limit: number): Promise<ObjectionDoc[]> {
  return parseDocs(objectionDocSchema, COUNCIL_OBJECTIONS, dataOf(await objections().where({ campaignId }).orderBy('createdAt', 'asc').limit(limit).get()));
}

/** An account's end: the objection stays (it held the result) without the person. */
export async function pseudonymiseObjectorOf(openid: string, pseudonym: string): Promise<number> {
  return updateWhere(COUNCIL_OBJECTIONS, { openid }, { openid: pseudonym });
}

/** A person's 评优 objections, newest first, at most `limit`: for their export (PersonalRead). */
export const objectionsByRead = (openid: string, limit: number) => personalRead(COUNCIL_OBJECTIONS, objectionDocSchema, { openid }, limit, 'createdAt');
