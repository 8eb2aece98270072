import { database } from '../kit/cloud';
import { ACTIVITIES, ActivityDoc, activities, activityDocSchema, Holder, holderSchema } from './activities';
import { counterPaths, holderKeyOf, SeatHolderRef } from './activity-seats';
import { aggregateRows, parseDocs, updatedOne } from './docs';
import { SIGNUPS, SignupDoc, liveKeyOf, signupDocSchema } from './signups';

/**
 * The third module that touches `activities` (with activities.ts and activity-seats.ts): seats that
 * move without a transaction, in one conditional update each: a cancelled signup's passed straight to
 * the waitlist, the committee's approvals taking theirs.
 */

/**
 * A confirmed signup just ended (by the one call whose conditional write ended it) gives its seats up
 * in ONE conditional update: its holder entry goes (or it had none, from before holders were kept),
 * and each of `handTo` (the first on the waitlist whose parties fit) takes seats with an entry of its
 * own; the counters move by the difference, so a newcomer never finds the seats free between the two.
 * Handing on needs the activity still published and not started, room for the difference and none
 * of `handTo` holding seats already (handed them by another cancellation at this moment, or their own
 * signup call in flight). False when that is not so: nothing changed.
 *
 * `heldBy`: the signup a read found in the leaving one's holder entry, when not the leaving one: it had
 * none (from before holders were kept) and the same person's new signup took seats under that key
 * since, so only the counters move and that entry stays (naming that signup still).
 */
export async function passSeats(activity: ActivityDoc, shiftId: string | null, leaving: SeatHolderRef, handTo: SeatHolderRef[], now: Date, heldBy?: string): Promise<boolean> {
  const _ = database().command;
  const index = shiftId ? activity.shifts.findIndex((s) => s.id === shiftId) : -1;
  if (shiftId && index < 0) return false;
  const paths = counterPaths(index >= 0 ? index : null);
  const mine = `holders.${holderKeyOf(liveKeyOf(activity._id, shiftId, leaving.openid))}`;
  const delta = handTo.reduce((n, s) => n + s.seats, 0) - leaving.seats;
  const own = heldBy === undefined || heldBy === leaving._id;
  const where: unknown[] = [{ _id: activity._id, [paths.seatsLeft]: _.exists(true) }, own ? _.or([{ [`${mine}.id`]: leaving._id }, { [mine]: _.exists(false) }]) : { [`${mine}.id`]: heldBy }];
  if (index >= 0) where.push({ [`shifts.${index}.id`]: shiftId });
  const data: Record<string, unknown> = { [paths.confirmed]: _.inc(delta), [paths.seatsLeft]: _.inc(-delta), updatedAt: now };
  if (own) data[mine] = _.remove();
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

/** A signup the committee approves: whose seats, how many, in the activity itself or a shift. */
export interface ApprovedSeats extends SeatHolderRef {
  shiftId: string | null;
}

/**
 * The committee's approvals take their seats in ONE conditional update, whatever their number: it
 * matches only a published activity whose every counter they touch (the activity's or a shift's)
 * still has the seats they need, and where none of them holds seats yet (their holder entry would be
 * a signup call of the same person in flight, or another review of the same signup). Each gets a
 * holder entry naming the signup, so seats held for a signup the call then fails to confirm are found
 * again (the `reconcileSeats` timer gives them back). False when any of that is not so: nothing changed.
 */
export async function takeApprovedSeats(activity: ActivityDoc, approved: ApprovedSeats[], now: Date): Promise<boolean> {
  const _ = database().command;
  const where: Record<string, unknown> = { _id: activity._id, status: 'published' };
  const data: Record<string, unknown> = { updatedAt: now };
  const perCounter = new Map<number | null, number>();
  for (const s of approved) {
    const index = s.shiftId ? activity.shifts.findIndex((shift) => shift.id === s.shiftId) : null;
    if (index === -1) return false;
    perCounter.set(index, (perCounter.get(index) ?? 0) + s.seats);
    const key = `holders.${holderKeyOf(liveKeyOf(activity._id, s.shiftId, s.openid))}`;
    where[key] = _.exists(false);
    data[key] = _.set(s.shiftId ? { id: s._id, seats: s.seats, at: now, shiftId: s.shiftId } : { id: s._id, seats: s.seats, at: now });
  }
  for (const [index, seats] of perCounter) {
    const paths = counterPaths(index);
    if (index !== null) where[`shifts.${index}.id`] = activity.shifts[index].id;
    where[paths.seatsLeft] = _.gte(seats);
    data[paths.confirmed] = _.inc(seats);
    data[paths.seatsLeft] = _.inc(-seats);
  }
  return updatedOne(await activities().where(where).update({ data }));
}

/** What the committee's review decides on. */
export interface ReviewRead {
  activity: ActivityDoc;
  signups: SignupDoc[];
  /** Holder key → its entry, for the keys asked (after a refused take). */
  held: Map<string, Holder>;
  /** The first of the activity's waitlist (every shift), in order, when asked. */
  waitlist: SignupDoc[];
}

/**
 * The activity (without its holders) with the signups of `signupIds`, in ONE aggregation; with
 * `holderKeys` also those holder entries (what a refused take decides again on), with `waitlist` the
 * first that many waitlisted signups of the activity, in order (whom a rejection lets move up).
 */
export async function activityForReview(activityId: string, signupIds: string[], also: { holderKeys?: string[]; waitlist?: number } = {}): Promise<ReviewRead | null> {
  const keys = also.holderKeys ?? [];
  let query = activities().aggregate().match({ _id: activityId });
  // An object, not an array: a missing entry is simply absent.
  if (keys.length > 0) query = query.addFields({ heldBy: Object.fromEntries(keys.map((key, i) => [`p${i}`, `$holders.${key}`])) });
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  query = query.project({ holders: 0 }).lookup({ from: SIGNUPS, pipeline: [{ $match: { _id: { $in: signupIds }, activityId } }, { $limit: signupIds.length }], as: 'signups' });
  if (also.waitlist) {
    query = query.lookup({ from: SIGNUPS, pipeline: [{ $match: { activityId, status: 'waitlisted' } }, { $sort: { createdAt: 1, _id: 1 } }, { $limit: also.waitlist }], as: 'waitlist' });
  }
  const [row] = aggregateRows(await query.end());
  if (!row) return null;
  const { heldBy, signups, waitlist, ...doc } = row;
  const entries: Record<string, unknown> = typeof heldBy === 'object' && heldBy !== null ? { ...heldBy } : {};
  const held = new Map<string, Holder>();
  keys.forEach((key, i) => {
    if (entries[`p${i}`]) held.set(key, parseDocs(holderSchema, ACTIVITIES, [entries[`p${i}`]])[0]);
  });
  const list = (rows: unknown) => parseDocs(signupDocSchema, SIGNUPS, Array.isArray(rows) ? rows : []);
  return { activity: parseDocs(activityDocSchema, ACTIVITIES, [doc])[0], signups: list(signups), held, waitlist: list(waitlist) };
}
