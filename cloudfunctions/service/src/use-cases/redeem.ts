import { z } from 'zod/mini';
import { serviceContract } from '../../../../domain/contract/service';
import { providerPartners } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { Booking } from '../../../../domain/services';
import { readBookingCode } from '../../../../server/booking-code';
import { RequestContext } from '../../../../server/kit/router';
import { BookingDoc, getBooking, redeemBooking } from '../../../../server/repositories/bookings';
import { toBooking } from '../views';

type Input = z.infer<typeof serviceContract.redeem.input>;

/** A booking can be redeemed until this long after its slot ends; later its code has expired. */
export const REDEEM_GRACE_MS = 2 * 3600_000;

/**
 * 核销: a provider of the item's co-building unit, at that item's scanner, scans a resident's code.
 * One conditional write completes the booking, so of any number of scans exactly one succeeds.
 * Every refusal has its own code:
 *   forged or garbled code → INVALID_ARGUMENT; not the caller's unit → PERMISSION_DENIED;
 *   another service of the unit → NOT_FOUND; already used → CONFLICT;
 *   expired (slot over) or cancelled → FAILED_PRECONDITION.
 */
export async function redeem(input: Input, ctx: RequestContext): Promise<Booking> {
  const mine = providerPartners(ctx.user.roles);
  if (mine.length === 0) throw new AppError('PERMISSION_DENIED', '只有服务提供方可以核销预约');
  const bookingId = readBookingCode(input.code);
  if (!bookingId) throw new AppError('INVALID_ARGUMENT', '预约码无效，请让居民打开“我的预约”重新出示');
  const booking = await getBooking(bookingId);
  if (!booking) throw new AppError('INVALID_ARGUMENT', '预约码无效，请让居民打开“我的预约”重新出示');
  const refusal = (doc: BookingDoc): AppError | null => {
    if (!mine.includes(doc.partnerId)) return new AppError('PERMISSION_DENIED', '这不是你们单位的服务预约，不能核销');
    if (doc.itemId !== input.itemId) return new AppError('NOT_FOUND', `这是“${doc.itemName}”的预约码，不是本服务的`);
    if (doc.status === 'completed') return new AppError('CONFLICT', '这个预约码已经核销过了');
    if (doc.status === 'cancelled') return new AppError('FAILED_PRECONDITION', '这个预约已取消，不能核销');
    if (ctx.now.getTime() > doc.endAt.getTime() + REDEEM_GRACE_MS) return new AppError('FAILED_PRECONDITION', '这个预约码已过期：预约的时段已经结束');
    return null;
  };
  const refused = refusal(booking);
  if (refused) throw refused;
  const done = await redeemBooking({ id: booking._id, itemId: input.itemId, partnerId: booking.partnerId, endedAfter: new Date(ctx.now.getTime() - REDEEM_GRACE_MS), by: ctx.openid, now: ctx.now });
  if (done) return toBooking({ ...booking, status: 'completed', redeemedAt: ctx.now });
  // Another scan (or a cancellation) got there first: tell which.
  const now = await getBooking(booking._id);
  const again = now ? refusal(now) : null;
  throw again ?? new AppError('CONFLICT', '这个预约码已经核销过了');
}
