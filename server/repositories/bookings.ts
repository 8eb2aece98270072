import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { knownBookingRedeemed, rememberBookings } from './booking-memory';
import { aggregateRows, dataOf, deadKeyOf, docsWhere, eachInBatches, parseDocs, TimePosition, updatedOne, updateWhere, personalRead } from './docs';

/**
 * The only module that touches `bookings`. A live booking (booked) carries `liveKey` = slot|openid,
 * unique in the collection: one live booking per person per slot, enforced by the database even
 * under concurrent retries. Leaving `booked` turns the key into `dead|<_id>` (never removed: CloudBase
 * has no sparse indexes), so the person may book the slot again.
 */
export const BOOKINGS = 'bookings';

const ratingDocSchema = z.object({ stars: z.number(), comment: z.nullable(z.string()), commentVisible: z.boolean(), at: z.date() });

export const bookingDocSchema = z.object({
  _id: z.string(),
  slotId: z.string(),
  itemId: z.string(),
  communityId: z.string(),
  partnerId: z.string(),
  openid: z.string(),
  itemName: z.string(),
  placeText: z.string(),
  startAt: z.date(),
  endAt: z.date(),
  cancelUntil: z.date(),
  status: z.enum(['booked', 'cancelled', 'completed']),
  liveKey: z.optional(z.string()),
  cancelledBy: z.nullable(z.enum(['resident', 'provider'])),
  reason: z.nullable(z.string()),
  redeemedAt: z.nullable(z.date()),
  redeemedBy: z.nullable(z.string()),
  rating: z.nullable(ratingDocSchema),
  remindedAt: z.optional(z.nullable(z.date())),
  /** The confirmation message: `due` until the service's timer sends it (absent on bookings made before it was kept). */
  confirmation: z.optional(z.enum(['due', 'done'])),
  /** When it was cancelled (absent on bookings cancelled before it was kept): the slot reconciler looks at these. */
  cancelledAt: z.optional(z.nullable(z.date())),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type BookingDoc = z.infer<typeof bookingDocSchema>;
/** What never changes once a booking is written, and names nobody: what a cancellation or a rating needs besides its write. */
export type BookingFacts = Pick<BookingDoc, '_id' | 'slotId' | 'itemId' | 'itemName' | 'placeText' | 'startAt' | 'endAt' | 'cancelUntil'>;
/** What a booking shows its owner beside its facts. */
export type BookingState = Pick<BookingDoc, 'status' | 'cancelledBy' | 'reason' | 'redeemedAt' | 'rating'>;
export { knownBooking } from './booking-memory';

const bookings = () => database().collection(BOOKINGS);
const parse = (res: unknown) => rememberBookings(parseDocs(bookingDocSchema, BOOKINGS, dataOf(res)));

/** Bookings read by another repository's aggregation (a lookup), checked like any read. */
export function parseBookingDocs(raw: unknown[]): BookingDoc[] {
  return parse({ data: raw });
}

export const bookingLiveKeyOf = (slotId: string, openid: string) => `${slotId}|${openid}`;

export async function getBooking(id: string): Promise<BookingDoc | null> {
  return parse(await bookings().where({ _id: id }).get())[0] ?? null;
}

/**
 * Writes a new booking; false when the database refuses it as a duplicate: a booking with this id
 * exists (a retry with the same idempotency key) or the person already has a live one for the slot.
 */
export async function insertBooking(doc: BookingDoc): Promise<boolean> {
  try {
    await bookings().add({ data: doc });
    rememberBookings([doc]);
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** The booking with this id and the live booking with this key: what a repeated booking answers with. */
export async function bookingByIdOrLiveKey(id: string, liveKey: string): Promise<BookingDoc[]> {
  const _ = database().command;
  return parse(
    await bookings()
      .where(_.or([{ _id: id }, { liveKey }]))
      .limit(2)
      .get(),
  );
}

/** A person's bookings, soonest slot last (newest booking first), from `after` on. */
export async function bookingsOfPerson(openid: string, filter: { status?: BookingDoc['status']; after: TimePosition | null; limit: number }): Promise<BookingDoc[]> {
  const _ = database().command;
  const base: Record<string, unknown> = { openid };
  if (filter.status) base.status = filter.status;
  const where = filter.after ? _.and([base, _.or([{ createdAt: _.lt(filter.after.time) }, { createdAt: filter.after.time, _id: _.lt(filter.after.id) }])]) : base;
  return parse(await bookings().where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(filter.limit).get());
}

/** The resident's own cancellation, in one conditional write: only a live booking of theirs, before its cut-off. */
export async function cancelOwnBooking(id: string, openid: string, now: Date): Promise<boolean> {
  const _ = database().command;
  return updatedOne(
    await bookings()
      .where({ _id: id, openid, status: 'booked', cancelUntil: _.gt(now) })
      .update({ data: { status: 'cancelled', cancelledBy: 'resident', liveKey: deadKeyOf(id), cancelledAt: now, updatedAt: now } }),
  );
}

/**
 * Redeems (核销) a booking in one conditional write: only a live booking of this item and this
 * provider's unit whose slot ended no earlier than `endedAfter`. Of any number of scans at once,
 * exactly one answers true.
 */
export async function redeemBooking(q: { id: string; itemId: string; partnerId: string; endedAfter: Date; by: string; now: Date }): Promise<boolean> {
  const _ = database().command;
  const change = { status: 'completed' as const, redeemedAt: q.now, redeemedBy: q.by, liveKey: deadKeyOf(q.id), updatedAt: q.now };
  const done = updatedOne(
    await bookings()
      .where({ _id: q.id, itemId: q.itemId, partnerId: q.partnerId, status: 'booked', endAt: _.gt(q.endedAfter) })
      .update({ data: change }),
  );
  if (done) knownBookingRedeemed(q.id, q.now);
  return done;
}

/**
 * Ends every live booking of a slot the provider cancelled (read by the caller after the slot closed),
 * one conditional write each: each ended booking gets its own dead key.
 */
export async function cancelBookingsOfSlot(live: readonly BookingDoc[], reason: string, now: Date): Promise<void> {
  await eachInBatches(live, (b) =>
    bookings()
      .where({ _id: b._id, status: 'booked' })
      .update({ data: { status: 'cancelled', cancelledBy: 'provider', reason, liveKey: deadKeyOf(b._id), cancelledAt: now, updatedAt: now } }),
  );
}

/** Places held per slot: live and completed bookings (what `booked` on the slot must equal). */
export async function placesHeld(slotIds: string[]): Promise<Map<string, number>> {
  const _ = database().command;
  if (slotIds.length === 0) return new Map();
  const res = await bookings()
    .aggregate()
    .match({ slotId: _.in(slotIds), status: _.in(['booked', 'completed']) })
    .group({ _id: '$slotId', n: database().command.aggregate.sum(1) })
    .limit(slotIds.length)
    .end();
  const list = typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? (res.list as { _id: string; n: number }[]) : [];
  return new Map(list.map((row) => [row._id, row.n]));
}

/** Live bookings whose slot starts in [from, to) and that were not reminded yet. */
export async function bookingsToRemind(from: Date, to: Date, limit: number): Promise<BookingDoc[]> {
  const _ = database().command;
  return parse(
    await bookings()
      .where({ status: 'booked', startAt: _.and(_.gte(from), _.lt(to)), remindedAt: _.or([_.exists(false), _.eq(null)]) })
      .limit(limit)
      .get(),
  );
}

/** Claims a booking's reminder: true only for the first claimer. */
export async function claimReminder(id: string, now: Date): Promise<boolean> {
  const _ = database().command;
  return updatedOne(
    await bookings()
      .where({ _id: id, remindedAt: _.or([_.exists(false), _.eq(null)]) })
      .update({ data: { remindedAt: now } }),
  );
}

/** Bookings whose confirmation message is still to go, oldest first. */
export async function bookingsToConfirm(limit: number): Promise<BookingDoc[]> {
  return parse(await bookings().where({ confirmation: 'due' }).orderBy('createdAt', 'asc').limit(limit).get());
}

/** Claims a booking's confirmation: true only for the first claimer, so it goes out once. */
export async function claimConfirmation(id: string): Promise<boolean> {
  return updatedOne(
    await bookings()
      .where({ _id: id, confirmation: 'due' })
      .update({ data: { confirmation: 'done' } }),
  );
}

/**
 * The rating, in ONE conditional write: only a completed booking of this person not rated yet. Of
 * any number of taps at once exactly one answers true.
 */
export async function rateBooking(id: string, openid: string, rating: NonNullable<BookingDoc['rating']>, now: Date): Promise<boolean> {
  return updatedOne(
    await bookings()
      .where({ _id: id, openid, status: 'completed', rating: null })
      .update({ data: { rating: database().command.set(rating), updatedAt: now } }),
  );
}

/**
 * The items with a booking rated in [from, to), those whose ratings were recounted longest ago
 * first (by `checked`, a lookup of each item's `ratingsCheckedAt`), at most `limit`: however many
 * items are rated, each comes first in its turn.
 */
export async function itemsRatedBetween(from: Date, to: Date, checked: { from: string; localField: string; foreignField: string; as: string }, limit: number): Promise<string[]> {
  const _ = database().command;
  const res = await bookings()
    .aggregate()
    .match({ 'rating.at': _.and(_.gte(from), _.lt(to)) })
    .group({ _id: '$itemId' })
    .lookup(checked)
    .unwind(`$${checked.as}`)
    .sort({ [`${checked.as}.ratingsCheckedAt`]: 1, _id: 1 })
    .limit(limit)
    .project({ _id: 1 })
    .end();
  return aggregateRows(res).map((row) => String(row._id));
}

const ratingTotalsSchema = z.object({ _id: z.string(), sum: z.number(), count: z.number() });

/** Each item's ratings given before `before`, counted from its bookings: the sum of stars and how many. */
export async function ratingTotalsOfItems(itemIds: string[], before: Date): Promise<Map<string, { sum: number; count: number }>> {
  const _ = database().command;
  const $ = database().command.aggregate;
  if (itemIds.length === 0) return new Map();
  const res = await bookings()
    .aggregate()
    .match({ itemId: _.in(itemIds), 'rating.stars': _.gte(1), 'rating.at': _.lt(before) })
    .group({ _id: '$itemId', sum: $.sum('$rating.stars'), count: $.sum(1) })
    .limit(itemIds.length)
    .end();
  return new Map(parseDocs(ratingTotalsSchema, BOOKINGS, aggregateRows(res)).map((r) => [r._id, { sum: r.sum, count: r.count }]));
}

/**
 * The slots of bookings cancelled in [from, to), those cancelled longest ago first, at most
 * `limit`: a cancellation that died before giving its place back did not move its slot.
 */
export async function slotsOfBookingsCancelledBetween(from: Date, to: Date, limit: number): Promise<string[]> {
  const _ = database().command;
  const res = await bookings()
    .aggregate()
    .match({ status: 'cancelled', cancelledAt: _.and(_.gte(from), _.lt(to)) })
    .group({ _id: '$slotId', first: database().command.aggregate.min('$cancelledAt') })
    .sort({ first: 1, _id: 1 })
    .limit(limit)
    .end();
  return aggregateRows(res).map((row) => String(row._id));
}

/** A person's live bookings, at most `limit`: what an account's end releases. */
export async function liveBookingsOfPerson(openid: string, limit: number): Promise<BookingDoc[]> {
  return docsWhere(BOOKINGS, bookingDocSchema, { openid, status: 'booked' }, limit, 'createdAt');
}

/**
 * An account's end, after its live bookings were released: the rest stays for the provider's
 * counts under `pseudonym` (a live key, which names the person, rewritten one booking at a time, at
 * most `limit`); rating comments go when the person chose to remove what they wrote.
 */
export async function pseudonymiseBookingsOf(openid: string, pseudonym: string, removeWords: boolean, limit: number): Promise<number> {
  const _ = database().command;
  // Only a live key names the person; an ended booking's key is already `dead|<_id>`.
  for (const doc of await docsWhere(BOOKINGS, bookingDocSchema, { openid, status: 'booked' }, limit)) {
    if (doc.liveKey)
      await bookings()
        .doc(doc._id)
        .update({ data: { liveKey: bookingLiveKeyOf(doc.slotId, pseudonym) } });
  }
  if (removeWords) await updateWhere(BOOKINGS, { openid, 'rating.comment': _.neq(null) }, { 'rating.comment': null });
  await updateWhere(BOOKINGS, { redeemedBy: openid }, { redeemedBy: pseudonym });
  return updateWhere(BOOKINGS, { openid }, { openid: pseudonym });
}

/** bookingsOfPerson's read (every status, from the newest), for the person's export (PersonalRead). */
export const bookingsOfPersonRead = (openid: string, limit: number) => personalRead(BOOKINGS, bookingDocSchema, { openid }, limit, 'createdAt');
