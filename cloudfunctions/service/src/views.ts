import { SERIES_NAMES } from '../../../domain/activities';
import { Booking, ServiceItem, ServicePoint, Slot } from '../../../domain/services';
import { mintBookingCode } from '../../../server/booking-code';
import { BookingFacts, BookingState } from '../../../server/repositories/bookings';
import { PartnerDoc } from '../../../server/repositories/partners';
import { RatingFigures, ServiceItemDoc } from '../../../server/repositories/service-items';
import { ServicePointDoc } from '../../../server/repositories/service-points';
import { ServiceSlotDoc } from '../../../server/repositories/service-slots';

/** A running sum and count as an average to one decimal (null before the first rating). */
export function ratingOf(sum: number | undefined, count: number | undefined): { average: number | null; count: number } {
  const n = count ?? 0;
  return { average: n > 0 ? Math.round(((sum ?? 0) / n) * 10) / 10 : null, count: n };
}

export function toPoint(doc: ServicePointDoc): ServicePoint {
  return { id: doc._id, communityId: doc.communityId, name: doc.name, address: doc.address, openingHours: doc.openingHours, location: doc.location };
}

export function toItem(doc: ServiceItemDoc, partner: PartnerDoc | undefined, partnerRating: RatingFigures, point: ServicePointDoc | undefined): ServiceItem {
  return {
    id: doc._id,
    communityId: doc.communityId,
    name: doc.name,
    description: doc.description,
    series: doc.series,
    seriesName: SERIES_NAMES[doc.series],
    provider: { id: doc.partnerId, name: partner?.name ?? '', rating: ratingOf(partnerRating.sum, partnerRating.count) },
    servicePoint: point ? { id: point._id, name: point.name, address: point.address } : null,
    durationMinutes: doc.durationMinutes,
    eligibility: doc.eligibility,
    cancelCutoffHours: doc.cancelCutoffHours,
    schedule: doc.schedule,
    rating: ratingOf(doc.ratingSum, doc.ratingCount),
  };
}

export function toSlot(doc: ServiceSlotDoc): Slot {
  return {
    id: doc._id,
    itemId: doc.itemId,
    startAt: doc.startAt.toISOString(),
    endAt: doc.endAt.toISOString(),
    capacity: doc.capacity,
    booked: doc.booked,
    seatsLeft: doc.status === 'open' ? Math.max(0, doc.seatsLeft) : 0,
    status: doc.status,
  };
}

/** A booking as its owner (or the provider redeeming it) sees it; the code only while it is live. */
export function toBooking(doc: BookingFacts & BookingState): Booking {
  return {
    id: doc._id,
    itemId: doc.itemId,
    itemName: doc.itemName,
    slotId: doc.slotId,
    startAt: doc.startAt.toISOString(),
    endAt: doc.endAt.toISOString(),
    placeText: doc.placeText,
    status: doc.status,
    cancelledBy: doc.cancelledBy,
    reason: doc.reason,
    code: doc.status === 'booked' ? mintBookingCode(doc._id) : null,
    cancelUntil: doc.cancelUntil.toISOString(),
    redeemedAt: doc.redeemedAt ? doc.redeemedAt.toISOString() : null,
    rating: doc.rating ? { stars: doc.rating.stars, comment: doc.rating.comment, commentVisible: doc.rating.commentVisible } : null,
  };
}
