import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { notifyBookings } from '../../../../server/notifications';
import {
  bookingsToConfirm,
  bookingsToRemind,
  claimConfirmation,
  claimReminder,
  itemsRatedBetween,
  placesHeld,
  ratingTotalsOfItems,
  slotsOfBookingsCancelledBetween,
} from '../../../../server/repositories/bookings';
import { RECENT_RATINGS, correctItemRating, itemRatingFigures, markRatingsChecked, ratingsCheckedJoin } from '../../../../server/repositories/service-items';
import { correctSlotCounters, slotsChangedBetween } from '../../../../server/repositories/service-slots';

const MINUTE = 60_000;
/** Reminders go out for slots starting within this long. */
export const REMIND_AHEAD_MS = 60 * MINUTE;
/** A take this old whose booking is not written belongs to a call that died (functions stop after 20 s). */
const SETTLED_MS = 2 * MINUTE;
/** No call outlives this (functions stop after 20 s). */
const CALL_MS = 20_000;
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
 * Every minute: slots whose counters moved between an hour and two minutes ago, and open slots of
 * bookings cancelled then, are recounted from their bookings. A booking call that died between
 * taking a place and writing its booking left `booked` one too high; a cancellation that died
 * between its two writes did too, without moving its slot (the cancelled booking's `cancelledAt`
 * leads here). A slot moved in the last two minutes waits (a take may be before its insert), and the
 * correction is conditional on the counters not having moved since they were read, so it never
 * races a live booking.
 */
export async function reconcileSlots(now: Date, budget: Budget = UNBOUNDED): Promise<{ corrected: number }> {
  const from = new Date(now.getTime() - LOOKBACK_MS);
  const settledAt = new Date(now.getTime() - SETTLED_MS);
  const ofCancelled = await slotsOfBookingsCancelledBetween(from, settledAt, 500);
  const settled = await slotsChangedBetween(from, settledAt, 200 + ofCancelled.length, ofCancelled);
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
 * Every minute: items rated between an hour and two minutes ago are recounted from their bookings,
 * 200 a run, those recounted longest ago first (so however many are rated, each has its turn). A
 * rating call that died between writing the rating and moving the item's sum left it one short.
 * Only ratings given over two minutes ago are counted (their calls are over); the item's figures,
 * read first, are compared without the ratings of the last two minutes they already hold (the item
 * keeps its latest ratings beside its sum), so an item rated every minute is repaired too, and a
 * call still between its writes is left to add its own. The correction is conditional on the
 * figures not having moved since they were read, so it never races a live rating.
 */
export async function recountItemRatings(now: Date, budget: Budget = UNBOUNDED): Promise<{ corrected: number }> {
  const settledAt = new Date(now.getTime() - SETTLED_MS);
  const ids = await itemsRatedBetween(new Date(now.getTime() - LOOKBACK_MS), settledAt, ratingsCheckedJoin('item'), 200);
  if (ids.length === 0) return { corrected: 0 };
  const seen = await itemRatingFigures(ids);
  const counted = await ratingTotalsOfItems(ids, settledAt);
  const checked: string[] = [];
  let corrected = 0;
  for (const [id, figures] of seen) {
    if (budget.spent()) break;
    const fresh = figures.recent.filter((r) => r.at >= settledAt);
    // The latest ratings kept may not reach back past the last two minutes: wait for a quieter run.
    if (figures.recent.length >= RECENT_RATINGS && figures.recent[0].at.getTime() + CALL_MS >= settledAt.getTime()) continue;
    checked.push(id);
    const freshSum = fresh.reduce((n, r) => n + r.stars, 0);
    const actual = counted.get(id) ?? { sum: 0, count: 0 };
    if (actual.sum === figures.sum - freshSum && actual.count === figures.count - fresh.length) continue;
    if (await correctItemRating(id, figures, { sum: actual.sum + freshSum, count: actual.count + fresh.length })) corrected++;
  }
  await markRatingsChecked(checked, now);
  return { corrected };
}
