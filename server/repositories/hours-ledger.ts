import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Lookup, dataOf, parseDocs, updateWhere, personalRead } from './docs';

/**
 * The only module that touches `hours_ledger`: volunteer hours and points, append-only. One entry per
 * signup, enforced by a unique index on `signupId`, so a check-out, its retry and the scheduler closing
 * the same check-in credit it once. `month` and `year` are the Shanghai calendar's, fixed at credit time.
 */
export const HOURS_LEDGER = 'hours_ledger';

const entryDocSchema = z.object({
  _id: z.string(),
  signupId: z.string(),
  activityId: z.string(),
  shiftId: z.nullable(z.string()),
  communityId: z.string(),
  openid: z.string(),
  hours: z.number(),
  points: z.number(),
  /** `YYYY-MM` in Asia/Shanghai of when the hours were worked (the check-out, or the window's end if that came first). */
  month: z.string(),
  year: z.number(),
  /** When the stay ended (check-out, or the window's end when the scheduler closed it). */
  at: z.date(),
});
export type HoursEntry = z.infer<typeof entryDocSchema>;

const ledger = () => database().collection(HOURS_LEDGER);

/** Appends the entry unless its signup already has one; either way answers the entry that stands. */
export async function creditOnce(entry: HoursEntry): Promise<HoursEntry> {
  try {
    await ledger().add({ data: entry });
    return entry;
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const first = parseDocs(entryDocSchema, HOURS_LEDGER, dataOf(await ledger().where({ signupId: entry.signupId }).limit(1).get()))[0];
    if (!first) throw error;
    return first;
  }
}

/**
 * For an aggregation of another collection's documents credited here under `<prefix><their _id>`
 * (a member's claim): each one's entry, if any, only its `_id`: whether it is credited. By the signupId index.
 */
export function entryOfLookup(prefix: string, as: string): Lookup {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  return { from: HOURS_LEDGER, let: { signupId: { $concat: [prefix, '$_id'] } }, pipeline: [{ $match: { $expr: { $eq: ['$signupId', '$$signupId'] } } }, { $limit: 1 }, { $project: { _id: 1 } }], as };
}

/** A `$group` row: `_id` is the month or the person. */
const totalsRowSchema = z.object({ _id: z.string(), hours: z.number(), points: z.number() });

/** One person's hours and points in a year, by Shanghai month, oldest first: at most 12 rows. */
export async function monthlyTotals(openid: string, year: number): Promise<{ month: string; hours: number; points: number }[]> {
  const $ = database().command.aggregate;
  const res: unknown = await ledger()
    .aggregate()
    .match({ openid, year })
    .group({ _id: '$month', hours: $.sum('$hours'), points: $.sum('$points') })
    .sort({ _id: 1 })
    .limit(12)
    .end();
  return parseTotals(res).map((row) => ({ month: row._id, hours: row.hours, points: row.points }));
}

/** Where a ranking page ended: its last person, their points and their rank. */
export interface RankPosition {
  points: number;
  openid: string;
}

/**
 * A community's people by points in a year (ties by openid, so pages never overlap), summed by the
 * database from after `after`: the ledger's entries never come into the function.
 */
export async function rankingTotals(communityId: string, year: number, after: RankPosition | null, limit: number): Promise<{ openid: string; hours: number; points: number }[]> {
  const _ = database().command;
  const $ = _.aggregate;
  let pipeline = ledger()
    .aggregate()
    .match({ communityId, year })
    .group({ _id: '$openid', hours: $.sum('$hours'), points: $.sum('$points') });
  if (after) pipeline = pipeline.match(_.or([{ points: _.lt(after.points) }, { points: after.points, _id: _.gt(after.openid) }]));
  const res: unknown = await pipeline.sort({ points: -1, _id: 1 }).limit(limit).end();
  return parseTotals(res).map((row) => ({ openid: row._id, hours: row.hours, points: row.points }));
}

function parseTotals(res: unknown): z.infer<typeof totalsRowSchema>[] {
  const list = typeof res === 'object' && res !== null && 'list' in res ? res.list : [];
  return parseDocs(totalsRowSchema, HOURS_LEDGER, list);
}

/** An account's end: the hours stay in the community's totals, under `pseudonym` instead of the person. */
export async function pseudonymiseEntriesOf(openid: string, pseudonym: string): Promise<number> {
  return updateWhere(HOURS_LEDGER, { openid }, { openid: pseudonym });
}

/** A person's hours ledger entries, newest first, at most `limit`: for their export (PersonalRead). */
export const entriesOfRead = (openid: string, limit: number) => personalRead(HOURS_LEDGER, entryDocSchema, { openid }, limit, 'at');
