import { z } from 'zod/mini';
import { serviceContract } from '../../../../domain/contract/service';
import { AppError } from '../../../../domain/result';
import { Booking } from '../../../../domain/services';
import { RequestContext } from '../../../../server/kit/router';
import { SCENE, checkText } from '../../../../server/moderation';
import { BookingDoc, BookingFacts, getBooking, knownBooking, rateBooking } from '../../../../server/repositories/bookings';
import { addItemRating } from '../../../../server/repositories/service-items';
import { toBooking } from '../views';

type Input = z.infer<typeof serviceContract.rate.input>;

/**
 * After a completed (redeemed) booking its resident rates the service 1–5 stars, once, with an
 * optional comment checked by WeChat's content security like a comment on a post (scene 2): risky is
 * refused, a check that fails refuses too (fail closed), and a comment sent for review is kept but
 * shown to nobody else. Two requests when this instance has shown the booking redeemed (the
 * provider's scan, or my bookings after it; otherwise it is read first, to tell refusals apart):
 *
 * - ONE conditional write puts the rating on the booking only if it is this person's, completed and
 *   not rated yet, so of any number of taps exactly one counts (what the instance remembers of the
 *   booking is its fixed facts and redemption, nothing of the person: the write decides whose it is);
 * - then the item's running sum moves with `_.inc`, and the rating joins the item's latest. The
 *   provider's figures are its items' summed where they are read, so nothing else moves. A call that
 *   dies between the two leaves the item one rating short; the `recountItemRatings` timer recounts
 *   such items from their bookings.
 */
export async function rate(input: Input, ctx: RequestContext): Promise<Booking> {
  const refusal = (doc: BookingDoc | null): AppError | null => {
    if (!doc || doc.openid !== ctx.openid) return new AppError('NOT_FOUND', '没有找到你的这个预约');
    if (doc.status !== 'completed') return new AppError('FAILED_PRECONDITION', '服务完成（核销）后才能评价');
    if (doc.rating) return new AppError('CONFLICT', '你已经评价过这次服务了');
    return null;
  };
  const readAndCheck = async (): Promise<BookingFacts & { redeemedAt: Date | null }> => {
    const doc = await getBooking(input.bookingId);
    const refused = refusal(doc);
    if (refused || !doc) throw refused;
    return doc;
  };
  const known = knownBooking(input.bookingId);
  const booking = known?.redeemedAt ? known : await readAndCheck();
  const check = input.comment ? await checkText(ctx.openid, SCENE.comment, input.comment) : null;
  const rating = { stars: input.stars, comment: input.comment ?? null, commentVisible: check === null || check.suggest === 'pass', at: ctx.now };
  if (!(await rateBooking(booking._id, ctx.openid, rating, ctx.now))) {
    // Not theirs, or another tap rated it first: say what it is now.
    throw refusal(await getBooking(booking._id)) ?? new AppError('CONFLICT', '你已经评价过这次服务了');
  }
  await addItemRating(booking.itemId, input.stars, ctx.now);
  // The write found it completed and the caller's: never cancelled.
  return toBooking({ ...booking, status: 'completed', cancelledBy: null, reason: null, rating });
}
