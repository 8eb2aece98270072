import crypto from 'node:crypto';
import { Answers } from '../../domain/activities';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { ACTIVITIES, ActivityDoc, Holder, activities, activityDocSchema, audienceConditions, holderSchema } from './activities';
import { aggregateRows, parseDocs, setWhole, updatedOne } from './docs';
import { SIGNUPS, SignupDoc, liveKeyOf, signupDocSchema } from './signups';

/**
 * The seat-counter half of the activities repository (see activities.ts for the counters and the
 * `holders` map): taking and giving back seats in one conditional update, moving them inside a
 * transaction, and what a signup that could not take seats needs to know.
 */

/** Where a holder entry lives: one per live signup key (activity, shift, person), a letter and 15 hex digits. */
export function holderKeyOf(liveKey: string): string {
  return `h${crypto.createHash('sha256').update(liveKey).digest('hex').slice(0, 15)}`;
}

/** The holder of `openid`'s seats in the activity (or shift), if any. */
export function holderOf(activity: ActivityDoc, shiftId: string | null, openid: string): Holder | null {
  return activity.holders?.[holderKeyOf(liveKeyOf(activity._id, shiftId, openid))] ?? null;
}

/**
 * The position of a shift in `shifts`, from its id alone (`s1` is the first: ids are given at
 * publishing and shifts never change after). null for the activity itself, undefined for an id that
 * cannot be a shift. The conditional update checks `shifts.N.id` as well.
 */
function shiftIndexFromId(shiftId: string | null): number | null | undefined {
  if (shiftId === null) return null;
  const m = /^s([1-9][0-9]{0,2})$/.exec(shiftId);
  return m ? Number(m[1]) - 1 : undefined;
}

export function counterPaths(shiftIndex: number | null): { confirmed: string; seatsLeft: string } {
  const base = shiftIndex === null ? '' : `shifts.${shiftIndex}.`;
  return { confirmed: `${base}confirmed`, seatsLeft: `${base}seatsLeft` };
}

/** Everything a signup needs to take seats in one step. */
export interface SeatClaim {
  activityId: string;
  /** The activity's community, as the signup will record it. */
  communityId: string;
  shiftId: string | null;
  seats: number;
  /** The signup the seats will belong to (its id is chosen before it is written). */
  signupId: string;
  holderKey: string;
  /** Where the person lives, for the audience. */
  place: { communityId: string | null; gridId: string | null; buildingId: string | null };
  answers: Answers;
  now: Date;
}

/**
 * Takes a signup's seats in ONE conditional update, which CloudBase applies atomically to the one
 * document with no transaction and no conflict: it matches only an activity that is published, open
 * for signup now and not started, auto-approved, open to this person (the same rule as
 * `audienceIncludes`), whose form these answers fit (the same rule as `answersProblem`), whose
 * activity (or shift) has `seats` left, and where this person holds no seats yet. It then takes the
 * seats and records the holder. False when any of that is not so; the caller reads the activity to
 * tell which.
 */
export async function takeSeats(claim: SeatClaim): Promise<boolean> {
  const _ = database().command;
  const index = shiftIndexFromId(claim.shiftId);
  if (index === undefined) return false;
  const paths = counterPaths(index);
  const { now, answers } = claim;
  const condition: Record<string, unknown> = {
    _id: claim.activityId,
    communityId: claim.communityId,
    status: 'published',
    approval: 'auto',
    signupOpensAt: _.lte(now),
    signupClosesAt: _.gte(now),
    startAt: _.gt(now),
    [paths.seatsLeft]: _.gte(claim.seats),
    [`holders.${claim.holderKey}`]: _.exists(false),
    'form.phone': _.neq(answers.phone ? 'off' : 'required'),
    'form.note': _.neq(answers.note ? 'off' : 'required'),
    'form.companionsMax': _.gte(answers.companions ?? 0),
  };
  if (index !== null) condition[`shifts.${index}.id`] = claim.shiftId;
  const holder: Holder = { id: claim.signupId, seats: claim.seats, at: now };
  if (claim.shiftId !== null) holder.shiftId = claim.shiftId;
  const res = await activities()
    .where(_.and([condition, _.or(audienceConditions(claim.place))]))
    .update({ data: { [paths.confirmed]: _.inc(claim.seats), [paths.seatsLeft]: _.inc(-claim.seats), [`holders.${claim.holderKey}`]: _.set(holder), updatedAt: now } });
  return updatedOne(res);
}

/**
 * Gives back the seats a holder entry holds, once, if it still names `signupId`: a take whose signup
 * could not be written (the person already had one), or one whose call died before writing it.
 */
export async function giveBackSeats(activityId: string, holderKey: string, holder: Pick<Holder, 'id' | 'seats' | 'shiftId'>, now: Date): Promise<boolean> {
  const _ = database().command;
  const index = shiftIndexFromId(holder.shiftId ?? null);
  if (index === undefined) return false;
  const paths = counterPaths(index);
  const res = await activities()
    .where({ _id: activityId, [`holders.${holderKey}.id`]: holder.id })
    .update({ data: { [paths.confirmed]: _.inc(-holder.seats), [paths.seatsLeft]: _.inc(holder.seats), [`holders.${holderKey}`]: _.remove(), updatedAt: now } });
  return updatedOne(res);
}

/** What a signup whose seats could not be taken needs to know, read in one request. */
export interface SignupSituation {
  /** The activity, without other people's holders. */
  activity: ActivityDoc | null;
  /** This person's holder entry, if they hold seats. */
  holder: Holder | null;
  /** The signup with this id and the person's live signup, if any (at most two). */
  existing: SignupDoc[];
  /** How many are on the waitlist ahead of a new signup made `now` with this id. */
  waitlistAhead: number;
}

/**
 * One aggregation on the activity joins what a signup whose seats were not taken must know: the
 * activity (to tell full from closed, and for the committee), the person's holder entry, their
 * existing signups (a retry, a second tap) and the waitlist ahead of them, for the position answered.
 */
export async function signupSituation(q: { activityId: string; shiftId: string | null; signupId: string; liveKey: string; holderKey: string; now: Date }): Promise<SignupSituation> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  const ahead = {
    activityId: q.activityId,
    shiftId: q.shiftId,
    status: 'waitlisted',
    $or: [{ createdAt: { $lt: q.now } }, { createdAt: q.now, _id: { $lt: q.signupId } }],
  };
  const res = await activities()
    .aggregate()
    .match({ _id: q.activityId })
    .addFields({ myHolder: `$holders.${q.holderKey}` })
    .project({ holders: 0 })
    .lookup({ from: SIGNUPS, pipeline: [{ $match: { $or: [{ _id: q.signupId }, { liveKey: q.liveKey }] } }, { $limit: 2 }], as: 'existing' })
    .lookup({ from: SIGNUPS, pipeline: [{ $match: ahead }, { $count: 'n' }], as: 'ahead' })
    .end();
  const row = (typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list[0] : undefined) as Record<string, unknown> | undefined;
  if (!row) return { activity: null, holder: null, existing: [], waitlistAhead: 0 };
  const { myHolder, existing, ahead: count, ...doc } = row;
  const n = Array.isArray(count) && typeof count[0]?.n === 'number' ? count[0].n : 0;
  return {
    activity: parseDocs(activityDocSchema, ACTIVITIES, [doc])[0],
    holder: myHolder === undefined || myHolder === null ? null : parseDocs(holderSchema, ACTIVITIES, [myHolder])[0],
    existing: parseDocs(signupDocSchema, SIGNUPS, existing ?? []),
    waitlistAhead: n,
  };
}

/**
 * An activity (without its holders) with some of its signups (`match` besides the activity, at most
 * `limit`, newest first or in waitlist order: oldest first), in ONE aggregation: what a scan, a
 * review, an edit or a cancellation reads.
 */
export async function activityWithSignups(
  activityId: string,
  match: Record<string, unknown>,
  limit: number,
  order: 'newest' | 'oldest' = 'newest',
): Promise<{ activity: ActivityDoc; signups: SignupDoc[] } | null> {
  const way = order === 'newest' ? -1 : 1;
  // The lookup's pipeline is written as the stages the SDK's own pipeline builder sends.
  const res = await activities()
    .aggregate()
    .match({ _id: activityId })
    .project({ holders: 0 })
    .lookup({ from: SIGNUPS, pipeline: [{ $match: { ...match, activityId } }, { $sort: { createdAt: way, _id: way } }, { $limit: limit }], as: 'signups' })
    .end();
  const [row] = aggregateRows(res);
  if (!row) return null;
  const { signups, ...doc } = row;
  return { activity: parseDocs(activityDocSchema, ACTIVITIES, [doc])[0], signups: parseDocs(signupDocSchema, SIGNUPS, Array.isArray(signups) ? signups : []) };
}

/** Whether the activity (and each shift) keeps `seatsLeft` yet. */
export function hasSeatCounters(activity: ActivityDoc): boolean {
  return activity.seatsLeft !== undefined && activity.shifts.every((s) => s.seatsLeft !== undefined);
}

/**
 * Fills in `seatsLeft` on an activity published before it was kept, if its counts have not moved
 * since it was read (they are the condition); whoever loses that race reads it again.
 */
export async function fillSeatCounters(activity: ActivityDoc): Promise<void> {
  const _ = database().command;
  const where: Record<string, unknown> = { _id: activity._id, capacity: activity.capacity, confirmed: activity.confirmed, seatsLeft: _.exists(false) };
  const data: Record<string, unknown> = { seatsLeft: activity.capacity - activity.confirmed };
  activity.shifts.forEach((s, i) => {
    where[`shifts.${i}.confirmed`] = s.confirmed;
    data[`shifts.${i}.seatsLeft`] = s.capacity - s.confirmed;
  });
  await activities().where(where).update({ data });
}

/** Someone whose seats change inside a transaction. */
export interface SeatHolderRef {
  _id: string;
  openid: string;
  seats: number;
}

/**
 * Inside a transaction: `release` (a confirmed signup leaving) gives back its seats and its holder
 * entry; each of `hold` (signups being confirmed) takes its seats and gets an entry. The counters of
 * the activity or one of its shifts move by the difference. Callers first make sure none of `hold`
 * has an entry already (`holderOf`): that is a signup by the same person in flight, which gives its
 * seats back itself and then serves the waitlist.
 */
export async function moveSeatsInTransaction(tx: Tx, activity: ActivityDoc, shiftId: string | null, change: { release?: SeatHolderRef; hold?: SeatHolderRef[] }, now: Date): Promise<void> {
  const _ = database().command;
  const index = shiftId ? activity.shifts.findIndex((s) => s.id === shiftId) : -1;
  const paths = counterPaths(index >= 0 ? index : null);
  const data: Record<string, unknown> = { updatedAt: now };
  let delta = 0;
  if (change.release) {
    delta -= change.release.seats;
    const key = holderKeyOf(liveKeyOf(activity._id, shiftId, change.release.openid));
    if (activity.holders?.[key]?.id === change.release._id) data[`holders.${key}`] = _.remove();
  }
  for (const s of change.hold ?? []) {
    delta += s.seats;
    const holder: Holder = { id: s._id, seats: s.seats, at: now };
    if (shiftId) holder.shiftId = shiftId;
    data[`holders.${holderKeyOf(liveKeyOf(activity._id, shiftId, s.openid))}`] = _.set(holder);
  }
  const counters = index >= 0 ? activity.shifts[index] : activity;
  data[paths.confirmed] = _.inc(delta);
  // The transaction saw these counts and commits only if nobody changed them since, so an absolute
  // value is as safe as an increment where `seatsLeft` is not kept yet.
  data[paths.seatsLeft] = counters.seatsLeft === undefined ? counters.capacity - counters.confirmed - delta : _.inc(-delta);
  await tx.collection(ACTIVITIES).doc(activity._id).update({ data });
}

/**
 * Changes an activity's fields and capacity in one conditional update: only if the capacity is still
 * what the editor saw and the confirmed seats still fit the new one; `seatsLeft` moves with it.
 * False when either changed meanwhile (read again and decide again).
 */
export async function updateActivityAndCapacity(activity: ActivityDoc, patch: Partial<Omit<ActivityDoc, '_id' | 'seatsLeft' | 'holders' | 'confirmed'>> & { capacity: number }): Promise<boolean> {
  const _ = database().command;
  const data = setWhole(patch);
  const where: Record<string, unknown> = { _id: activity._id, capacity: activity.capacity };
  if (activity.seatsLeft === undefined) {
    where.confirmed = activity.confirmed;
    where.seatsLeft = _.exists(false);
    data.seatsLeft = patch.capacity - activity.confirmed;
  } else {
    where.confirmed = _.lte(patch.capacity);
    if (patch.capacity !== activity.capacity) data.seatsLeft = _.inc(patch.capacity - activity.capacity);
  }
  return updatedOne(await activities().where(where).update({ data }));
}
