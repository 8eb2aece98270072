import { z } from 'zod/mini';
import { serviceContract } from '../../../../domain/contract/service';
import { AppError } from '../../../../domain/result';
import { Booking, eligibilityProblem } from '../../../../domain/services';
import { bookingIdOf } from '../../../../server/booking-code';
import { checkinSecret } from '../../../../server/checkin-token';
import { RequestContext } from '../../../../server/kit/router';
import { BookingDoc, bookingByIdOrLiveKey, bookingLiveKeyOf, insertBooking } from '../../../../server/repositories/bookings';
import { ServiceSlotDoc, SlotFacts, getSlot, giveBackSlotPlace, knownSlot, takeSlotPlace } from '../../../../server/repositories/service-slots';
import { toBooking } from '../views';

type Input = z.infer<typeof serviceContract.book.input>;

/** A place freed between a refused take and the read: try again this often. */
const ATTEMPTS = 4;

/**
 * Books one place in a slot, in two database requests when this instance has shown the slot before
 * (the item page lists its slots first; otherwise the slot is read once, for what the booking
 * records): ONE conditional update takes a place only if the slot is open, not started, has a place
 * left and is open to this person (`takeSlotPlace`), then the booking is inserted with its unique
 * live key (slot|person) and its confirmation message due. No transaction:
 *
 * - never overbooked: the take is atomic on the slot document and tests `seatsLeft >= 1`;
 * - one live booking per person per slot: the second of two taps (or a retry) takes a place too,
 *   but its insert is refused by the unique key, so it gives the place back and answers the first;
 * - a call that dies between the take and the insert leaves `booked` one too high (a place lost,
 *   never an overbooking); the `reconcileSlots` timer recounts such slots from their bookings;
 * - the confirmation message is sent by the function's timer within the minute (`confirmBookings`):
 *   it is written with the booking, so it is never lost, and costs the booking nothing.
 *
 * When the take refuses, the slot is read to say why. An idempotency key fixes the booking's id,
 * so a retry finds the first call's booking and answers it (the slot may have filled or started since).
 */
export async function book(input: Input, ctx: RequestContext): Promise<Booking> {
  // A booking is shown by its signed code: without the secret, refuse before taking a place.
  checkinSecret();
  const liveKey = bookingLiveKeyOf(input.slotId, ctx.openid);
  const id = ctx.idempotencyKey !== null ? bookingIdOf(`book|${ctx.openid}|${input.slotId}|${ctx.idempotencyKey}`) : bookingIdOf();
  const repeated = async (): Promise<Booking | null> => {
    const docs = await bookingByIdOrLiveKey(id, liveKey);
    const doc = docs.find((d) => d._id === id) ?? docs.find((d) => d.liveKey === liveKey);
    return doc ? toBooking(doc) : null;
  };

  let slot: SlotFacts | null = knownSlot(input.slotId);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (!slot) {
      const read = await getSlot(input.slotId);
      if (!read) throw new AppError('NOT_FOUND', '没有找到这个时段');
      const refusal = refusalOf(read, ctx);
      if (refusal) {
        // A retry of a call that booked answers that booking, whatever has happened to the slot since.
        const answer = await repeated();
        if (answer) return answer;
        throw refusal;
      }
      slot = read;
    }
    if (await takeSlotPlace(slot._id, ctx.user, ctx.now)) {
      const doc = draft(id, liveKey, slot, ctx);
      if (await insertBooking(doc)) return toBooking(doc);
      // This person already has a live booking for the slot (a double tap, a retry): the place goes back.
      await giveBackSlotPlace(slot._id, ctx.now);
      const answer = await repeated();
      if (answer) return answer;
      continue;
    }
    const answer = await repeated();
    if (answer) return answer;
    // Refused: read the slot as it is now, to say why (or to try again if a place was freed meanwhile).
    const fresh = await getSlot(input.slotId);
    if (!fresh) throw new AppError('NOT_FOUND', '没有找到这个时段');
    const refusal = refusalOf(fresh, ctx);
    if (refusal) throw refusal;
    if (fresh.seatsLeft < 1) throw new AppError('RESOURCE_EXHAUSTED', '这个时段已经约满了，请选择其他时段');
    slot = fresh;
  }
  throw new AppError('CONFLICT', '预约的人很多，请稍后再试');
}

/** Why this person may not book this slot now, in the words they read; null when they may. */
function refusalOf(slot: ServiceSlotDoc, ctx: RequestContext): AppError | null {
  if (slot.status !== 'open') return new AppError('FAILED_PRECONDITION', '这个时段已取消，请选择其他时段');
  if (ctx.now >= slot.startAt) return new AppError('FAILED_PRECONDITION', '这个时段已经开始，不能再预约');
  const problem = eligibilityProblem(slot.eligibility, slot.communityId, ctx.user, ctx.now);
  return problem ? new AppError('PERMISSION_DENIED', problem) : null;
}

function draft(id: string, liveKey: string, slot: SlotFacts, ctx: RequestContext): BookingDoc {
  return {
    _id: id,
    slotId: slot._id,
    itemId: slot.itemId,
    communityId: slot.communityId,
    partnerId: slot.partnerId,
    openid: ctx.openid,
    itemName: slot.itemName,
    placeText: slot.placeText,
    startAt: slot.startAt,
    endAt: slot.endAt,
    cancelUntil: new Date(slot.startAt.getTime() - slot.cancelCutoffHours * 3600_000),
    status: 'booked',
    liveKey,
    cancelledBy: null,
    reason: null,
    redeemedAt: null,
    redeemedBy: null,
    rating: null,
    remindedAt: null,
    confirmation: 'due',
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}
