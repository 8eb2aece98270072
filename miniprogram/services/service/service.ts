/** What pages need from function `service`, typed by the contract. */
import { ActionInput, ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';

export type CataloguePage = ActionOutput<'service', 'catalogue'>;
export type ServiceItem = CataloguePage['items'][number];
export type Series = NonNullable<ActionInput<'service', 'catalogue'>['series']>;
export type SlotPage = ActionOutput<'service', 'slots'>;
export type Slot = SlotPage['items'][number];
export type Booking = ActionOutput<'service', 'book'>;
export type BookingPage = ActionOutput<'service', 'mine'>;
export type Location = ActionInput<'service', 'nearby'>['location'];
export type NearbyPoint = ActionOutput<'service', 'nearby'>['items'][number];

/** The service menu of my community (one series, or all), with each provider's rating; 20 a page. */
export function getCatalogue(options: { series?: Series; cursor?: string } = {}): Promise<Result<CataloguePage>> {
  const data: ActionInput<'service', 'catalogue'> = {};
  if (options.series) data.series = options.series;
  if (options.cursor) data.cursor = options.cursor;
  return callApi('service', 'catalogue', data);
}

/** One item of the menu, as the catalogue lists it. */
export function getItem(itemId: string): Promise<Result<ServiceItem>> {
  return callApi('service', 'item', { itemId });
}

/** An item's upcoming slots, soonest first, with the places left; 20 a page. */
export function getSlots(itemId: string, cursor?: string): Promise<Result<SlotPage>> {
  return callApi('service', 'slots', cursor ? { itemId, cursor } : { itemId });
}

/** Books a place; the same key on a retry gets the first call's booking. */
export function bookSlot(slotId: string, idempotencyKey: string): Promise<Result<Booking>> {
  return callApi('service', 'book', { slotId }, { idempotencyKey });
}

export function cancelBooking(bookingId: string): Promise<Result<Booking>> {
  return callApi('service', 'cancel', { bookingId });
}

/** My bookings, newest first, each live one with its code for the QR; 20 a page. */
export function myBookings(cursor?: string): Promise<Result<BookingPage>> {
  return callApi('service', 'mine', cursor ? { cursor } : {});
}

/** Stars (1–5) and an optional comment, once, after the service was completed. */
export function rateBooking(bookingId: string, stars: number, comment?: string): Promise<Result<Booking>> {
  return callApi('service', 'rate', comment ? { bookingId, stars, comment } : { bookingId, stars });
}

/** Service points within `radiusMetres` (50–5000; the server's default is 1 km) of where I am, nearest first, with the distance. */
export function nearbyPoints(location: Location, radiusMetres?: number): Promise<Result<ActionOutput<'service', 'nearby'>>> {
  return callApi('service', 'nearby', radiusMetres ? { location, radiusMetres } : { location });
}
