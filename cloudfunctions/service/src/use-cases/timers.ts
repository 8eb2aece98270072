import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { notifyBookings } from '../../../../server/notifications';
import { bookingsToConfirm, bookingsToRemind, claimConfirmation, claimReminder, itemsRatedBetween, placesHeld, ratingTotalsOfItems } from '../../../../server/repositories/bookings';
import { correctItemRating, itemRatingFigures } from '../../../../server/repositories/service-items';
import { correctSlotCounters, slotsChangedBetween } from '../../../../server/repositories/service-slots';

const MINUTE = 60_000;
/** Reminders go out for slots starting within this long. */
export const REMIND_AHEAD_MS = 60 * MINUTE;
/** A take this old whose booking is not written belongs to a call that died (functions stop after 20 s). */
const SETTLED_MS = 2 * MINUTE;
/** How far back the reconciler looks at slots whose counters moved (it runs every minute). */
const LOOKBACK_MS = 60 * MINUTE;

/**
 * Every minute: the confirmation of each booking made since the last run (a booking is written with
 * its confirmation due, so a booking call spends no request on it and none is lost). Each is claimed
 * before it is sent, so it goes out once however often (or concurrently) the timer fires; a booking
 * cancelled meanwhile is not confirmed.
 */
export async function confirmBookings(now: Date, budget: Budget = UNBOUNDED): Promise<{ confirmed: number }> {
  const due = await bookingsToConfirm(500);
  const claimed = [];
  // Out of time: the unclaimed rest are confirmed by the next run.
  for (const b of due) if (!budget.spent() && (await claimConfirmation(b._id)) && b.status === 'booked') claimed.push(b);
  await notifyBookings(
    claimed.map((b) => ({ kind: 'bookingConfirmed' as const, openid: b.openid, booking: { id: b._id, title: b.itemName, startAt: b.startAt, placeText: b.placeText } })),
    now,
  );
  return { confirmed: claimed.length };
}

/**
 * Every minute: a reminder for each live booking whose slot starts within the hour. Each booking
 * is claimed before its reminder, so it goes out once however often (or however concurrently) the
 * timer fires.
 */
export async function remindBookings(now: Date, budget: Budget = UNBOUNDED): Promise<{ reminded: number }> {
  const due = await bookingsToRemind(now, new Date(now.getTime() + REMIND_AHEAD_MS), 500);
  const claimed = [];
  // Out of time: the unclaimed rest are reminded by the next run.
  for (const b of due) if (!budget.spent() && (await claimReminder(b._id, now))) claimed.push(b);
  await notifyBookings(
    claimed.map((b) => ({ kind: 'bookingReminder' as const, openid: b.openid, booking: { id: b._id, title: b.itemName, startAt: b.startAt, placeText: b.placeText } })),
    now,
  );
  return { reminded: claimed.length };
}

/**
 * Every minute: slots whose counters moved between an hour and two minutes ago are recounted
 * from their bookings. A booking call that died between taking a place and writing its booking (or a
 * cancellation between its two writes) left `booked` off by one; the correction is conditional on
 * the counters not having moved since they were read, so it never races a live booking.
 */
export async function reconcileSlots(now: Date, budget: Budget = UNBOUNDED): Promise<{ corrected: number }> {
  const settled = await slotsChangedBetween(new Date(now.getTime() - LOOKBACK_MS), new Date(now.getTime() - SETTLED_MS), 200);
  if (settled.length === 0) return { corrected: 0 };
  const held = await placesHeld(settled.map((s) => s._id));
  let corrected = 0;
  for (const slot of settled) {
    if (budget.spent()) break;
    const actual = held.get(slot._id) ?? 0;
    if (actual !== slot.booked && (await correctSlotCounters(slot, actual, now))) corrected++;
  }
  return { corrected };
}

/**
 * Every minute: items rated between an hour and two minutes ago are recounted from their bookings. A
 * rating call that died between writing the rating and moving the item's sum left it one short. An
 * item rated in the last two minutes waits for a later run (a call may be between its two writes),
 * and the correction is conditional on the figures not having moved since they were read (they are
 * read before the ratings are counted), so it never races a live rating.
 */
export async function recountItemRatings(now: Date, budget: Budget = UNBOUNDED): Promise<{ corrected: number }> {
  const settledAt = new Date(now.getTime() - SETTLED_MS);
  const ids = await itemsRatedBetween(new Date(now.getTime() - LOOKBACK_MS), settledAt, 200);
  if (ids.length === 0) return { corrected: 0 };
  const seen = await itemRatingFigures(ids);
  const counted = await ratingTotalsOfItems(ids);
  let corrected = 0;
  for (const [id, figures] of seen) {
    if (budget.spent()) break;
    const actual = counted.get(id);
    if (!actual || actual.lastAt >= settledAt) continue;
    if ((actual.sum !== figures.sum || actual.count !== figures.count) && (await correctItemRating(id, figures, actual))) corrected++;
  }
  return { corrected };
}
