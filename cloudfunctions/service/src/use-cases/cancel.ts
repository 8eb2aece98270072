import { z } from 'zod/mini';
import { serviceContract } from '../../../../domain/contract/service';
import { canManageCommunity, committeeCommunities, isAdmin, providerPartners } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { Booking, Slot } from '../../../../domain/services';
import { RequestContext } from '../../../../server/kit/router';
import { notifyBookings } from '../../../../server/notifications';
import { cancelBookingsOfSlot, cancelOwnBooking, getBooking, knownBooking } from '../../../../server/repositories/bookings';
import { cancelSlotIf, giveBackSlotPlace, slotWithLiveBookings } from '../../../../server/repositories/service-slots';
import { toBooking, toSlot } from '../views';

type CancelInput = z.infer<typeof serviceContract.cancel.input>;
type CancelSlotInput = z.infer<typeof serviceContract.cancelSlot.input>;

/**
 * The resident cancels their booking until the item's cut-off (so many hours before the slot). The
 * write first: ONE conditional write ends the booking only if it is theirs, still live and before
 * the cut-off (and marks when, which leads the `reconcileSlots` timer to its slot should the call die
 * before the next write); then its place goes back to the slot. Two requests when this instance has
 * shown the booking (my bookings lists it; booking it does too): it remembers the booking's fixed
 * facts (slot, times, names; nothing of the person), and the write proved the rest of the answer.
 * Otherwise the booking is read after the write, for its slot. A refused write reads the booking to
 * say why; cancelling a cancelled booking answers it again.
 */
export async function cancelBooking(input: CancelInput, ctx: RequestContext): Promise<Booking> {
  const known = knownBooking(input.bookingId);
  if (await cancelOwnBooking(input.bookingId, ctx.openid, ctx.now)) {
    const facts = known ?? (await getBooking(input.bookingId));
    if (!facts) throw new AppError('NOT_FOUND', '没有找到你的这个预约');
    await giveBackSlotPlace(facts.slotId, ctx.now);
    // The write found it live and the caller's: never redeemed, rated or cancelled before.
    return toBooking({ ...facts, status: 'cancelled', cancelledBy: 'resident', reason: null, redeemedAt: null, rating: null });
  }
  // Not theirs, ended, or past its cut-off: read it as it is now to say which.
  const now = await getBooking(input.bookingId);
  if (!now || now.openid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到你的这个预约');
  if (now.status === 'completed') throw new AppError('FAILED_PRECONDITION', '服务已经完成，不能取消');
  if (now.status === 'booked') {
    const hours = Math.round((now.startAt.getTime() - now.cancelUntil.getTime()) / 3600_000);
    throw new AppError('FAILED_PRECONDITION', hours > 0 ? `服务开始前 ${hours} 小时内不能取消预约` : '服务已经开始，不能取消预约');
  }
  return toBooking(now);
}

/**
 * The provider (of the item's co-building unit) or the committee cancels a slot, with a reason:
 * nobody can book it any more, every live booking is cancelled and its resident is told. Two
 * requests when nobody had booked: ONE conditional update closes the slot only if it is open, not
 * over and the caller's to cancel; then the slot and its live bookings are read together (none can
 * start after the slot closed). Each live booking adds its own cancel and its message.
 */
export async function cancelSlot(input: CancelSlotInput, ctx: RequestContext): Promise<{ slot: Slot; cancelledBookings: number }> {
  const by = { partnerIds: providerPartners(ctx.user.roles), communityIds: isAdmin(ctx.user.roles) ? ('any' as const) : committeeCommunities(ctx.user.roles) };
  const closed = await cancelSlotIf(input.slotId, by, input.reason, ctx.now);
  const found = await slotWithLiveBookings(input.slotId);
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个时段');
  const { slot, live } = found;
  if (!closed) {
    if (!providerPartners(ctx.user.roles).includes(slot.partnerId) && !canManageCommunity(ctx.user.roles, slot.communityId)) {
      throw new AppError('PERMISSION_DENIED', '只有这项服务的提供方或本居民区的居委会可以取消时段');
    }
    if (slot.status === 'cancelled') return { slot: toSlot(slot), cancelledBookings: 0 };
    throw new AppError('FAILED_PRECONDITION', '这个时段已经结束，不能取消');
  }
  await cancelBookingsOfSlot(live, input.reason, ctx.now);
  await notifyBookings(
    live.map((b) => ({ kind: 'bookingCancelled' as const, openid: b.openid, booking: { id: b._id, title: b.itemName, startAt: b.startAt, placeText: b.placeText }, reason: input.reason })),
    ctx.now,
  );
  return { slot: toSlot(slot), cancelledBookings: live.length };
}
