import { z } from 'zod/mini';
import { bodyKindSchema, scopeSchema } from '../../domain/council';
import { database } from '../kit/cloud';
import { dataOf, docById, docWith, parseDocs, personalRead, setWhole, updateWhere } from './docs';

/** The only module that touches `council_bodies`: the community's consultation bodies as a tree (parentId). */
export const COUNCIL_BODIES = 'council_bodies';

const bodyDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  parentId: z.nullable(z.string()),
  kind: bodyKindSchema,
  name: z.string(),
  scope: scopeSchema,
  convener: z.nullable(z.string()),
  members: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type BodyDoc = z.infer<typeof bodyDocSchema>;

const bodies = () => database().collection(COUNCIL_BODIES);

export const getBody = (id: string) => docById(COUNCIL_BODIES, bodyDocSchema, id);

/** A body and, in the same aggregation, what other repositories' lookups join to it (each under its name); null when there is none. */
export async function bodyWith(id: string, lookups: Record<string, Record<string, unknown>>): Promise<{ body: BodyDoc; joined: Record<string, unknown[]> } | null> {
  const read = await docWith(COUNCIL_BODIES, bodyDocSchema, id, lookups);
  return read && { body: read.doc, joined: read.joined };
}

/** For another repository's aggregation (a lookup): every body of a community (a tree of tens), read with `parseBodyDocs`. */
export function bodiesLookup(communityId: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: COUNCIL_BODIES, pipeline: [{ $match: { communityId } }, { $limit: 1000 }], as };
}

export const parseBodyDocs = (raw: unknown[]): BodyDoc[] => parseDocs(bodyDocSchema, COUNCIL_BODIES, raw);

export async function insertBody(doc: BodyDoc): Promise<void> {
  await bodies().add({ data: doc });
}

export async function updateBody(id: string, patch: Omit<BodyDoc, '_id' | 'communityId' | 'createdAt'>): Promise<void> {
  await bodies()
    .doc(id)
    .update({ data: setWhole(patch) });
}

export async function bodiesOf(communityId: string, after: string | null, limit: number): Promise<BodyDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId };
  if (after) where._id = _.gt(after);
  return parseDocs(bodyDocSchema, COUNCIL_BODIES, dataOf(await bodies().where(where).orderBy('_id', 'asc').limit(limit).get()));
}

/** An account's end: the person leaves every body they sat on and convenes none. */
export async function leaveBodies(openid: string): Promise<number> {
  const _ = database().command;
  const left = await updateWhere(COUNCIL_BODIES, { members: openid }, { members: _.pull(openid) });
  await updateWhere(COUNCIL_BODIES, { convener: openid }, { convener: null });
  return left;
}

/** A person's council bodies (member or convener), newest first, at most `limit`: for their export (PersonalRead). */
export const bodiesWithMemberRead = (openid: string, limit: number) => personalRead(COUNCIL_BODIES, bodyDocSchema, { $or: [{ members: openid }, { convener: openid }] }, limit);
