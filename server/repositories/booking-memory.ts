import type { BookingDoc, BookingFacts } from './bookings';

/** Enough for the bookings a busy instance has shown lately; the oldest go first. */
const MAX_KNOWN_BOOKINGS = 5000;
/** Long enough to cancel or rate what my bookings (or a redemption) just showed. */
const KNOWN_BOOKING_MS = 60 * 60_000;
const known = new Map<string, BookingFacts & { redeemedAt: Date | null; seenAt: number }>();

/**
 * A warm instance remembers, for an hour, the fixed facts of each booking it has read or written
 * (my bookings lists them before a resident cancels or rates one) and when it was redeemed (never
 * changed after), so a cancellation knows its slot and a rating its item without reading the
 * booking again. Nothing that names a person is kept (no openid, comment or redeemer): whose the
 * booking is and what it may still become is always decided by the database, in the conditional
 * write, and the answer is made of what that write proved and these facts.
 */
export function rememberBookings(docs: BookingDoc[]): BookingDoc[] {
  for (const d of docs) {
    known.delete(d._id);
    const { _id, slotId, itemId, itemName, placeText, startAt, endAt, cancelUntil, redeemedAt } = d;
    known.set(_id, { _id, slotId, itemId, itemName, placeText, startAt, endAt, cancelUntil, redeemedAt, seenAt: Date.now() });
    if (known.size > MAX_KNOWN_BOOKINGS) known.delete(known.keys().next().value as string);
  }
  return docs;
}

/** A booking's fixed facts (and redemption) as this instance saw them within the hour, or null. */
export function knownBooking(id: string): (BookingFacts & { redeemedAt: Date | null }) | null {
  const entry = known.get(id);
  if (!entry || Date.now() - entry.seenAt >= KNOWN_BOOKING_MS) return null;
  const { seenAt: _seen, ...facts } = entry;
  return facts;
}

/** This instance's own redemption of a booking it knows. */
export function knownBookingRedeemed(id: string, at: Date): void {
  const entry = known.get(id);
  if (entry) entry.redeemedAt = at;
}
