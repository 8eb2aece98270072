import { database } from '../kit/cloud';
import { ACTIVITIES, ActivityDoc, activities, activityDocSchema, Holder, holderSchema } from './activities';
import { counterPaths, holderKeyOf, SeatHolderRef } from './activity-seats';
import { aggregateRows, parseDocs, updatedOne } from './docs';
import { liveKeyOf } from './signups';

/**
 * The third module that touches `activities` (with activities.ts and activity-seats.ts): a cancelled
 * signup's seats passed straight to the waitlist, without a transaction.
 */

/**
 * A confirmed signup just ended (by the one call whose conditional write ended it) gives its seats up
 * in ONE conditional update: its holder entry goes (or it had none, from before holders were kept),
 * and each of `handTo` (the first on the waitlist whose parties fit) takes seats with an entry of its
 * own; the counters move by the difference, so a newcomer never finds the seats free between the two.
 * Handing on needs the activity still published and not started, room for the difference and none
 * of `handTo` holding seats already (handed them by another cancellation at this moment, or their own
 * signup call in flight). False when that is not so: nothing changed.
 */
export async function passSeats(activity: ActivityDoc, shiftId: string | null, leaving: SeatHolderRef, handTo: SeatHolderRef[], now: Date): Promise<boolean> {
  const _ = database().command;
  const index = shiftId ? activity.shifts.findIndex((s) => s.id === shiftId) : -1;
  if (shiftId && index < 0) return false;
  const paths = counterPaths(index >= 0 ? index : null);
  const mine = `holders.${holderKeyOf(liveKeyOf(activity._id, shiftId, leaving.openid))}`;
  const delta = handTo.reduce((n, s) => n + s.seats, 0) - leaving.seats;
  const where: unknown[] = [{ _id: activity._id, [paths.seatsLeft]: _.exists(true) }, _.or([{ [`${mine}.id`]: leaving._id }, { [mine]: _.exists(false) }])];
  if (index >= 0) where.push({ [`shifts.${index}.id`]: shiftId });
  const data: Record<string, unknown> = { [paths.confirmed]: _.inc(delta), [paths.seatsLeft]: _.inc(-delta), [mine]: _.remove(), updatedAt: now };
  if (handTo.length > 0) where.push({ status: 'published', startAt: _.gt(now), [paths.seatsLeft]: _.gte(Math.max(delta, 0)) });
  for (const s of handTo) {
    const key = `holders.${holderKeyOf(liveKeyOf(activity._id, shiftId, s.openid))}`;
    where.push({ [key]: _.exists(false) });
    data[key] = _.set(shiftId ? { id: s._id, seats: s.seats, at: now, shiftId } : { id: s._id, seats: s.seats, at: now });
  }
  return updatedOne(await activities().where(_.and(where)).update({ data }));
}

/**
 * The activity as it is now (without its holders) and the holder entry, if any, of each of `openids`
 * in it (or its shift), in one read: what a hand-over that was refused decides again on.
 */
export async function activityWithHoldersOf(activityId: string, shiftId: string | null, openids: string[]): Promise<{ activity: ActivityDoc; held: (Holder | null)[] } | null> {
  const res: unknown = await activities()
    .aggregate()
    .match({ _id: activityId })
    // An object, not an array: a missing entry is simply absent, never a shifted position.
    .addFields({ heldBy: Object.fromEntries(openids.map((openid, i) => [`p${i}`, `$holders.${holderKeyOf(liveKeyOf(activityId, shiftId, openid))}`])) })
    .project({ holders: 0 })
    .end();
  const [row] = aggregateRows(res);
  if (!row) return null;
  const { heldBy, ...doc } = row;
  const entries: Record<string, unknown> = typeof heldBy === 'object' && heldBy !== null ? { ...heldBy } : {};
  const held = openids.map((_, i) => (entries[`p${i}`] ? parseDocs(holderSchema, ACTIVITIES, [entries[`p${i}`]])[0] : null));
  return { activity: parseDocs(activityDocSchema, ACTIVITIES, [doc])[0], held };
}
