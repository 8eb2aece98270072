import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Lookup, dataOf, parseDocs, updatedOne } from './docs';

/**
 * The only module that touches `member_days`: hours credited to a member on a Shanghai calendar day,
 * the 8 h cap. Each verified claim's hours are a part of its day (`parts`, keyed by the claim), added
 * in ONE conditional write on the total as read, so two verifications at once of claims of the same
 * day cannot both pass the cap. A part is written before its claim moves to verified: a part whose
 * claim is still waiting is that claim's hours kept for it (its next verify uses them, a rejection
 * gives them back).
 */
export const MEMBER_DAYS = 'member_days';

const dayDocSchema = z.object({ _id: z.string(), openid: z.string(), date: z.string(), hours: z.number(), parts: z.optional(z.record(z.string(), z.number())) });
export type DayDoc = z.infer<typeof dayDocSchema>;

const days = () => database().collection(MEMBER_DAYS);

export const dayIdOf = (openid: string, date: string) => crypto.createHash('sha256').update(`day|${openid}|${date}`).digest('hex').slice(0, 32);
/** Where a claim's hours are in its day's `parts`: a letter first, so the path segment is never a number. */
const partKeyOf = (claimId: string) => `c${claimId}`;
export const partOf = (day: DayDoc, claimId: string): number | undefined => day.parts?.[partKeyOf(claimId)];
const SHANGHAI = '+08:00';

/**
 * For the claim's aggregation (a lookup): the claim member's day its work falls on (the check-out,
 * else `now`), and the day already holding the claim's hours if another (a verify that died before
 * moving the claim, on an earlier day), read with `parseDays`. The member's days by the `openid` index.
 */
export function claimDaysLookup(claimId: string, now: Date, as: string): Lookup {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  const date = { $dateToString: { date: { $ifNull: ['$checkoutAt', now] }, format: '%Y-%m-%d', timezone: SHANGHAI } };
  const match = { $expr: { $eq: ['$openid', '$$openid'] }, $or: [{ $expr: { $eq: ['$date', '$$date'] } }, { [`parts.${partKeyOf(claimId)}`]: { $exists: true } }] };
  return { from: MEMBER_DAYS, let: { openid: '$openid', date }, pipeline: [{ $match: match }, { $limit: 2 }], as };
}
export const parseDays = (raw: unknown[]): DayDoc[] => parseDocs(dayDocSchema, MEMBER_DAYS, raw);

/** The same days read again (after a write lost a race): the member's `date`, and the one holding the claim's hours. */
export async function daysOfClaim(openid: string, date: string, claimId: string): Promise<DayDoc[]> {
  const _ = database().command;
  const res = await days()
    .where(_.and([{ openid }, _.or([{ date }, { [`parts.${partKeyOf(claimId)}`]: _.exists(true) }])]))
    .limit(2)
    .get();
  return parseDocs(dayDocSchema, MEMBER_DAYS, dataOf(res));
}

/**
 * Adds the claim's hours to the member's day in ONE write: the day's first part is its insert; a
 * later one an update only while the total is still as read (`day`) and the claim has no part yet.
 * False when another write came first (nothing changed): read again and decide again.
 */
export async function creditDay(openid: string, date: string, day: DayDoc | null, claimId: string, hours: number): Promise<boolean> {
  const _ = database().command;
  const key = `parts.${partKeyOf(claimId)}`;
  if (!day) {
    try {
      await days().add({ data: { _id: dayIdOf(openid, date), openid, date, hours, parts: { [partKeyOf(claimId)]: hours } } });
      return true;
    } catch (error) {
      if (isDuplicateWrite(error)) return false;
      throw error;
    }
  }
  const res = await days()
    .where({ _id: day._id, hours: day.hours, [key]: _.exists(false) })
    .update({ data: { hours: _.inc(hours), [key]: hours } });
  return updatedOne(res);
}

/** A claim not verified after all (rejected): its hours leave its day, once (only while its part is there). */
export async function releaseDayPart(openid: string, date: string, claimId: string, hours: number): Promise<void> {
  const _ = database().command;
  const key = `parts.${partKeyOf(claimId)}`;
  await days()
    .where({ _id: dayIdOf(openid, date), [key]: hours })
    .update({ data: { hours: _.inc(-hours), [key]: _.remove() } });
}
