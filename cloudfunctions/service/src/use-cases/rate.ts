import { z } from 'zod/mini';
import { serviceContract } from '../../../../domain/contract/service';
import { AppError } from '../../../../domain/result';
import { Booking } from '../../../../domain/services';
import { inTransaction } from '../../../../server/kit/transaction';
import { RequestContext } from '../../../../server/kit/router';
import { SCENE, checkText } from '../../../../server/moderation';
import { BookingDoc, getBooking, getBookingInTransaction, setRatingInTransaction } from '../../../../server/repositories/bookings';
import { addPartnerRatingInTransaction } from '../../../../server/repositories/partners';
import { addItemRatingInTransaction } from '../../../../server/repositories/service-items';
import { toBooking } from '../views';

type Input = z.infer<typeof serviceContract.rate.input>;

/**
 * After a completed (redeemed) booking its resident rates the service 1–5 stars, once, with an
 * optional comment checked by WeChat's content security like a comment on a post (scene 2): risky is
 * refused, a check that fails refuses too (fail closed), and a comment sent for review is kept but
 * shown to nobody else. The rating and both running sums (the provider's, for 企业服务评级, and the
 * item's) change in one transaction, so a rating is counted exactly once.
 */
export async function rate(input: Input, ctx: RequestContext): Promise<Booking> {
  const booking = await getBooking(input.bookingId);
  const refusal = (doc: BookingDoc | null): AppError | null => {
    if (!doc || doc.openid !== ctx.openid) return new AppError('NOT_FOUND', '没有找到你的这个预约');
    if (doc.status !== 'completed') return new AppError('FAILED_PRECONDITION', '服务完成（核销）后才能评价');
    if (doc.rating) return new AppError('CONFLICT', '你已经评价过这次服务了');
    return null;
  };
  const refused = refusal(booking);
  if (refused || !booking) throw refused;
  const check = input.comment ? await checkText(ctx.openid, SCENE.comment, input.comment) : null;
  const rating = { stars: input.stars, comment: input.comment ?? null, commentVisible: check === null || check.suggest === 'pass', at: ctx.now };
  const rated = await inTransaction(async (tx) => {
    const doc = await getBookingInTransaction(tx, booking._id);
    const again = refusal(doc);
    if (again || !doc) throw again;
    await setRatingInTransaction(tx, doc._id, rating, ctx.now);
    await addPartnerRatingInTransaction(tx, doc.partnerId, input.stars);
    await addItemRatingInTransaction(tx, doc.itemId, input.stars);
    return { ...doc, rating, updatedAt: ctx.now };
  });
  return toBooking(rated);
}
