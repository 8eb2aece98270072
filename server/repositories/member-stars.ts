import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { starsStateSchema } from '../../domain/members/model';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Lookup, docById, parseDocs, setWhole, updatedOne } from './docs';

/** The only module that touches `member_stars`: a member's 岗位评星 for a year (the _id is derived from community, member and year). */
export const MEMBER_STARS = 'member_stars';

export const starDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  openid: z.string(),
  displayName: z.string(),
  year: z.number(),
  state: starsStateSchema,
  activity: z.number(),
  residents: z.number(),
  peer: z.number(),
  party: z.number(),
  score: z.number(),
  stars: z.number(),
  postedAt: z.nullable(z.date()),
  finalAt: z.nullable(z.date()),
  objection: z.nullable(z.string()),
  updatedAt: z.date(),
});
export type StarDoc = z.infer<typeof starDocSchema>;

const stars = () => database().collection(MEMBER_STARS);
export const starIdOf = (communityId: string, openid: string, year: number) => crypto.createHash('sha256').update(`stars|${communityId}|${openid}|${year}`).digest('hex').slice(0, 32);

export const getStars = (id: string) => docById(MEMBER_STARS, starDocSchema, id);

export async function saveStars(doc: StarDoc): Promise<void> {
  const { _id, ...rest } = doc;
  await stars().doc(_id).set({ data: rest });
}

/** How many records one request writes when stars are posted. */
const BATCH = 100;

/**
 * New records, BATCH a request. A batch that meets a record written since it was read (a score given
 * meanwhile) is written one by one instead, each record whole, as saveStars does.
 */
export async function insertStars(docs: readonly StarDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH);
    try {
      await stars().add({ data: batch });
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      for (const doc of batch) await saveStars(doc);
    }
  }
}

/** The same change on every record of `ids` not final yet (posting many members' equal stars), BATCH ids a request. */
export async function changeStarsOf(ids: readonly string[], patch: Partial<Omit<StarDoc, '_id'>>): Promise<void> {
  const _ = database().command;
  for (let i = 0; i < ids.length; i += BATCH) {
    await stars()
      .where({ _id: _.in(ids.slice(i, i + BATCH)), state: _.neq('final') })
      .update({ data: setWhole(patch) });
  }
}

/**
 * For another repository's aggregation (a lookup, read with `parseStarDocs`): a community's star
 * records of a year, at most `limit` (one a member), or one record by its id.
 */
export function starsLookup(of: { communityId: string; year: number; limit: number } | { id: string }, as: string): Lookup {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  if ('id' in of) return { from: MEMBER_STARS, pipeline: [{ $match: { _id: of.id } }, { $limit: 1 }], as };
  return { from: MEMBER_STARS, pipeline: [{ $match: { communityId: of.communityId, year: of.year } }, { $sort: { _id: 1 } }, { $limit: of.limit }], as };
}

/**
 * For another repository's aggregation (lookups): a community's posted (or final) stars of a year,
 * as the number of members at each star (`[{ _id: stars, n }]`, read with `starCountsOf`) and, when
 * `named`, the best `limit` records (read with `parseStarDocs`).
 */
export function postedStarsLookups(communityId: string, year: number, named: number, as: { counts: string; named: string }): Record<string, Record<string, unknown>> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  const match = { $match: { communityId, year, state: { $in: ['posted', 'final'] } } };
  const counts = { from: MEMBER_STARS, pipeline: [match, { $group: { _id: '$stars', n: { $sum: 1 } } }], as: as.counts };
  if (named === 0) return { [as.counts]: counts };
  return { [as.counts]: counts, [as.named]: { from: MEMBER_STARS, pipeline: [match, { $sort: { stars: -1, score: -1, _id: 1 } }, { $limit: named }], as: as.named } };
}

/** How many members stand at each of ★1 … ★5, from a `postedStarsLookups` count. */
export function starCountsOf(rows: unknown): number[] {
  const list = Array.isArray(rows) ? (rows as { _id?: unknown; n?: unknown }[]) : [];
  return [1, 2, 3, 4, 5].map((n) => {
    const row = list.find((r) => r._id === n);
    return typeof row?.n === 'number' ? row.n : 0;
  });
}

export const parseStarDocs = (raw: unknown[]): StarDoc[] => parseDocs(starDocSchema, MEMBER_STARS, raw);

export async function changeStars(id: string, from: StarDoc['state'], patch: Partial<Omit<StarDoc, '_id'>>): Promise<boolean> {
  return updatedOne(
    await stars()
      .where({ _id: id, state: from })
      .update({ data: setWhole(patch) }),
  );
}

/** Posted stars whose objection days are over become final; answers how many. */
export async function finaliseDue(now: Date): Promise<number> {
  const res: unknown = await stars()
    .where({ state: 'posted', finalAt: database().command.lte(now) })
    .update({ data: { state: 'final', updatedAt: now } });
  const s = typeof res === 'object' && res !== null && 'stats' in res ? (res.stats as { updated?: number }) : {};
  return s.updated ?? 0;
}
