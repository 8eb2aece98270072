import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Lookup, parseDocs } from './docs';

/**
 * The only module that touches `member_ratings`: residents' ratings of the service a task gave,
 * one per household per task (the _id is derived from both). The rater is not stored: only the
 * household's hash (to refuse a second rating) and the members the rating is about.
 */
export const MEMBER_RATINGS = 'member_ratings';

export const ratingIdOf = (taskId: string, household: string) => crypto.createHash('sha256').update(`rating|${taskId}|${household}`).digest('hex').slice(0, 32);

const ratingDocSchema = z.object({
  _id: z.string(),
  taskId: z.string(),
  communityId: z.string(),
  /** The members whose verified service on the task is rated. */
  members: z.array(z.string()),
  stars: z.number(),
  /** Shanghai year of the rating, for the year's stars. */
  year: z.number(),
  createdAt: z.date(),
});
export type RatingDoc = z.infer<typeof ratingDocSchema>;

/** False when the household already rated the task. */
export async function insertRating(doc: RatingDoc): Promise<boolean> {
  try {
    // Checked against the declared shape before it is written: a rating carries no rater.
    await database()
      .collection(MEMBER_RATINGS)
      .add({ data: ratingDocSchema.parse(doc) });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

const rowSchema = z.object({ _id: z.string(), sum: z.number(), count: z.number() });
export type RatingTotals = Map<string, { sum: number; count: number }>;

/**
 * Ratings per member in a year, as a lookup of another collection's aggregation (one request for a
 * screen) read with `ratingTotalsOf`: the sum and how many, never who rated.
 */
export function ratingTotalsLookup(filter: { communityId?: string; openid?: string; year: number }, as: string): Lookup {
  const match: Record<string, unknown> = { year: filter.year };
  if (filter.communityId) match.communityId = filter.communityId;
  if (filter.openid) match.members = filter.openid;
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  const group = { _id: '$members', sum: { $sum: '$stars' }, count: { $sum: 1 } };
  return { from: MEMBER_RATINGS, pipeline: [{ $match: match }, { $unwind: '$members' }, { $group: group }, { $limit: 20000 }], as };
}

/** What a `ratingTotalsLookup` found, by member; `openid` keeps only theirs (a rating is of every member who served). */
export function ratingTotalsOf(raw: unknown[], openid?: string): RatingTotals {
  const rows = parseDocs(rowSchema, MEMBER_RATINGS, raw).filter((r) => !openid || r._id === openid);
  return new Map(rows.map((r) => [r._id, { sum: r.sum, count: r.count }]));
}
