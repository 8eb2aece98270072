import { z } from 'zod/mini';
import { signupStatusSchema } from '../../domain/activities';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Tx } from '../kit/transaction';
import { aggregateRows, dataOf, deadKeyOf, docById, docsByIds, docsWhere, eachInBatches, parseDocs, readInTransaction, TimePosition, totalOf, updatedOne, updateWhere, personalRead } from './docs';

/**
 * The module that touches `signups` (the screens' aggregations are in signup-reads.ts, the
 * committee's decisions and the messages written due in signup-decisions.ts). A live signup
 * (pending, confirmed, waitlisted) carries `liveKey` = activity|shift|openid, unique in the
 * collection: one live signup per person per activity (per shift), enforced by the database even
 * under concurrent retries. Leaving the live states turns the key into `dead|<_id>` (never removed:
 * CloudBase has no sparse indexes).
 */
export const SIGNUPS = 'signups';

export const signupDocSchema = z.object({
  _id: z.string(),
  activityId: z.string(),
  shiftId: z.nullable(z.string()),
  communityId: z.string(),
  openid: z.string(),
  status: signupStatusSchema,
  liveKey: z.optional(z.string()),
  answers: z.object({ phone: z.nullable(z.string()), companions: z.number(), note: z.nullable(z.string()) }),
  seats: z.number(),
  reason: z.nullable(z.string()),
  createdAt: z.date(),
  decidedAt: z.nullable(z.date()),
  checkinAt: z.nullable(z.date()),
  checkoutAt: z.nullable(z.date()),
  hours: z.nullable(z.number()),
  remindedAt: z.optional(z.nullable(z.date())),
  /** Set at check-in, removed at check-out: when the scheduler closes the stay if nobody checks out. */
  checkoutDueAt: z.optional(z.nullable(z.date())),
  /** Set when a cancellation hands this waitlisted signup a seat: its 候补成功 message is due, sent by the timer (`tellPromoted`). */
  promotionNoticeDueAt: z.optional(z.nullable(z.date())),
  /** Set when the committee approves or rejects it: its 报名结果 message is due, sent by the timer (`tellReviewed`). */
  decisionNoticeDueAt: z.optional(z.nullable(z.date())),
  /** What the signup call answered (status, waitlist position): a retry with the same idempotency key gets it again. */
  firstAnswer: z.optional(z.object({ status: signupStatusSchema, waitlistPosition: z.nullable(z.number()) })),
});
export type SignupDoc = z.infer<typeof signupDocSchema>;

const signups = () => database().collection(SIGNUPS);
const parse = (res: unknown) => parseDocs(signupDocSchema, SIGNUPS, dataOf(res));

export const liveKeyOf = (activityId: string, shiftId: string | null, openid: string) => `${activityId}|${shiftId ?? '-'}|${openid}`;

export async function getSignup(id: string): Promise<SignupDoc | null> {
  return docById(SIGNUPS, signupDocSchema, id);
}

export async function getSignupInTransaction(tx: Tx, id: string): Promise<SignupDoc | null> {
  return readInTransaction(tx, SIGNUPS, id, signupDocSchema);
}

export async function getSignups(ids: string[]): Promise<SignupDoc[]> {
  return docsByIds(SIGNUPS, signupDocSchema, ids);
}

/**
 * Signups waiting for the committee across one community, counted by activity: one read of at most
 * 1000 (a community has tens waiting, not thousands), only the activity ids.
 */
export async function waitingByActivity(communityId: string): Promise<Map<string, number>> {
  const res = await signups().where({ communityId, status: 'pending' }).field({ activityId: true }).limit(1000).get();
  const counts = new Map<string, number>();
  for (const d of dataOf(res) as { activityId: string }[]) counts.set(d.activityId, (counts.get(d.activityId) ?? 0) + 1);
  return counts;
}

/**
 * Writes a new signup; false when the database refuses it as a duplicate: a signup with this id
 * exists (a retry with the same idempotency key) or the person already has a live one (`liveKey`).
 */
export async function insertSignup(doc: SignupDoc): Promise<boolean> {
  try {
    await signups().add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** The signup with this id and the live signup with this key: what a repeated signup answers with. */
export async function signupByIdOrLiveKey(id: string, liveKey: string): Promise<SignupDoc[]> {
  const _ = database().command;
  return parse(
    await signups()
      .where(_.or([{ _id: id }, { liveKey }]))
      .limit(2)
      .get(),
  );
}

/** Sets a signup's new state; leaving the live states kills `liveKey` so the person may sign up again. */
export async function setSignupInTransaction(tx: Tx, id: string, patch: Partial<Omit<SignupDoc, '_id' | 'liveKey'>>, live: boolean): Promise<void> {
  const data: Record<string, unknown> = { ...patch };
  if (!live) data.liveKey = deadKeyOf(id);
  await tx.collection(SIGNUPS).doc(id).update({ data });
}

export async function updateSignup(id: string, patch: Partial<Omit<SignupDoc, '_id' | 'liveKey'>>): Promise<void> {
  await signups().doc(id).update({ data: patch });
}

/**
 * Ends my signup in ONE conditional write, only if it is still in the state read (`from`): of two
 * cancellations at once exactly one ends it, and only that one gives its seats back.
 */
export async function endSignupIf(id: string, from: SignupDoc['status'], now: Date): Promise<boolean> {
  return updatedOne(
    await signups()
      .where({ _id: id, status: from })
      .update({ data: { status: 'cancelled', decidedAt: now, liveKey: deadKeyOf(id) } }),
  );
}

/** A waitlisted signup handed seats (already held for it on the activity) is confirmed, its message due; false when it left the waitlist meanwhile. */
export async function confirmFromWaitlist(id: string, now: Date): Promise<boolean> {
  return updatedOne(
    await signups()
      .where({ _id: id, status: 'waitlisted' })
      .update({ data: { status: 'confirmed', decidedAt: now, promotionNoticeDueAt: now } }),
  );
}

/** The activities of signups cancelled since `since` (each once, at most `limit`): where a cancellation may have left its seats held. */
export async function activitiesOfSignupsEndedSince(since: Date, limit: number): Promise<string[]> {
  const _ = database().command;
  const res: unknown = await signups()
    .aggregate()
    .match({ status: 'cancelled', decidedAt: _.gte(since) })
    .group({ _id: '$activityId' })
    .limit(limit)
    .end();
  return aggregateRows(res).flatMap((row) => (typeof row._id === 'string' ? [row._id] : []));
}

/** Claims a signup for a one-time job (e.g. its reminder): true only for the first claimer. */
export async function claimOnce(id: string, field: 'remindedAt', now: Date): Promise<boolean> {
  const _ = database().command;
  const res: unknown = await signups()
    .where({ _id: id, [field]: _.or([_.exists(false), _.eq(null)]) })
    .update({ data: { [field]: now } });
  return updatedOne(res);
}

/** The waitlist of an activity (or shift) in order: first come, first served. */
export async function waitlist(activityId: string, shiftId: string | null, limit: number): Promise<SignupDoc[]> {
  return parse(await signups().where({ activityId, shiftId, status: 'waitlisted' }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get());
}

/** How many are ahead of `signup` in its waitlist. */
export async function waitlistAhead(signup: SignupDoc): Promise<number> {
  const _ = database().command;
  const res: unknown = await signups()
    .where(
      _.and([{ activityId: signup.activityId, shiftId: signup.shiftId, status: 'waitlisted' }, _.or([{ createdAt: _.lt(signup.createdAt) }, { createdAt: signup.createdAt, _id: _.lt(signup._id) }])]),
    )
    .count();
  return totalOf(res);
}

/** Signups of an activity in a status, oldest first, from `after` on; for rosters, reviews and reminders. */
export async function signupsOf(
  activityId: string,
  filter: { status?: SignupDoc['status'] | SignupDoc['status'][]; shiftId?: string | null; after?: TimePosition | null; limit: number },
): Promise<SignupDoc[]> {
  const _ = database().command;
  const base: Record<string, unknown> = { activityId };
  if (filter.status) base.status = Array.isArray(filter.status) ? _.in(filter.status) : filter.status;
  if (filter.shiftId !== undefined) base.shiftId = filter.shiftId;
  const where = filter.after ? _.and([base, _.or([{ createdAt: _.gt(filter.after.time) }, { createdAt: filter.after.time, _id: _.gt(filter.after.id) }])]) : base;
  return parse(await signups().where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(filter.limit).get());
}

/**
 * Ends the live signups of a cancelled activity (read by the caller after the activity was cancelled),
 * one conditional write each: each ended signup gets its own dead key.
 */
export async function cancelAllLive(live: readonly SignupDoc[], reason: string, now: Date): Promise<void> {
  const _ = database().command;
  await eachInBatches(live, (s) =>
    signups()
      .where({ _id: s._id, status: _.in(['pending', 'confirmed', 'waitlisted']) })
      .update({ data: { status: 'cancelled', reason, decidedAt: now, liveKey: deadKeyOf(s._id) } }),
  );
}

/**
 * Checks a confirmed signup in, in one conditional write: of any number of scans at once exactly one
 * finds `checkinAt` still empty and answers true.
 */
export async function claimCheckin(id: string, at: Date, dueAt: Date): Promise<boolean> {
  return updatedOne(
    await signups()
      .where({ _id: id, status: 'confirmed', checkinAt: null })
      .update({ data: { checkinAt: at, checkoutDueAt: dueAt } }),
  );
}

/**
 * For another repository's aggregation (a lookup): how many signed in with its QR code to the
 * activity a row names in `field` (a council meeting's attendance for its minutes), read with `countOfCheckins`.
 */
export function checkinsLookup(field: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return {
    from: SIGNUPS,
    let: { activity: `$${field}` },
    pipeline: [{ $match: { $expr: { $eq: ['$activityId', '$$activity'] }, status: 'confirmed', checkinAt: { $ne: null } } }, { $count: 'n' }],
    as,
  };
}

export function countOfCheckins(rows: unknown): number {
  return Array.isArray(rows) && typeof rows[0]?.n === 'number' ? rows[0].n : 0;
}

/** Checks a signup out with its credited hours, once: false when it was already checked out. */
export async function recordCheckout(id: string, at: Date, hours: number): Promise<boolean> {
  const _ = database().command;
  return updatedOne(
    await signups()
      .where({ _id: id, checkoutAt: null })
      .update({ data: { checkoutAt: at, hours, checkoutDueAt: _.remove() } }),
  );
}

/** Check-ins nobody checked out whose window has ended by `now`, most overdue first. */
export async function dueCheckouts(now: Date, limit: number): Promise<SignupDoc[]> {
  const _ = database().command;
  return parse(
    await signups()
      .where({ checkoutDueAt: _.lte(now) })
      .orderBy('checkoutDueAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(limit)
      .get(),
  );
}

/** A person's signups in live states, at most `limit`: what an account's end releases. */
export async function liveSignupsOfPerson(openid: string, limit: number): Promise<SignupDoc[]> {
  return docsWhere(SIGNUPS, signupDocSchema, { openid, status: database().command.in(['pending', 'confirmed', 'waitlisted']) }, limit, 'createdAt');
}

/**
 * An account's end, after its live signups were released: what stays (history, hours, signups of
 * activities already under way) is kept under `pseudonym`, without the phone and note given. A live
 * key names the person, so it is rewritten with the pseudonym, one signup at a time (at most `limit`).
 */
export async function pseudonymiseSignupsOf(openid: string, pseudonym: string, limit: number): Promise<number> {
  const _ = database().command;
  // Only a live key names the person; an ended signup's key is already `dead|<_id>`.
  for (const doc of await docsWhere(SIGNUPS, signupDocSchema, { openid, status: _.in(['pending', 'confirmed', 'waitlisted']) }, limit)) {
    if (doc.liveKey)
      await signups()
        .doc(doc._id)
        .update({ data: { liveKey: liveKeyOf(doc.activityId, doc.shiftId, pseudonym) } });
  }
  return updateWhere(SIGNUPS, { openid }, { openid: pseudonym, 'answers.phone': null, 'answers.note': null });
}

/** Withdrawal of the privacy consent: the phone given with each signup is erased. */
export async function erasePhonesOf(openid: string): Promise<number> {
  return updateWhere(SIGNUPS, { openid, 'answers.phone': database().command.neq(null) }, { 'answers.phone': null });
}

/** signupsOfPerson's read (every status, from the newest), for the person's export (PersonalRead). */
export const signupsOfPersonRead = (openid: string, limit: number) => personalRead(SIGNUPS, signupDocSchema, { openid }, limit, 'createdAt');
