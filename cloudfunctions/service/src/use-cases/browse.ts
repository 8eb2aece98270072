import { z } from 'zod/mini';
import { serviceContract } from '../../../../domain/contract/service';
import { MAX_PAGE } from '../../../../domain/common';
import { AppError } from '../../../../domain/result';
import { Booking, ServiceItem, ServicePoint, Slot } from '../../../../domain/services';
import { distanceMetres } from '../../../../domain/attendance';
import { RequestContext } from '../../../../server/kit/router';
import { bookingsOfPerson } from '../../../../server/repositories/bookings';
import { decodeCursor, decodePositionCursor, encodeCursor, encodePositionCursor } from '../../../../server/repositories/docs';
import { readItems } from '../../../../server/repositories/service-items';
import { servicePointsNear } from '../../../../server/repositories/service-points';
import { toBooking, toItem, toPoint, toSlot } from '../views';

type CatalogueInput = z.infer<typeof serviceContract.catalogue.input>;
type ItemInput = z.infer<typeof serviceContract.item.input>;
type NearbyInput = z.infer<typeof serviceContract.nearby.input>;
type SlotsInput = z.infer<typeof serviceContract.slots.input>;
type MineInput = z.infer<typeof serviceContract.mine.input>;

/** The 15-minute service circle: about 1 km on foot. */
export const DEFAULT_RADIUS_METRES = 1000;

/**
 * The service menu of a community (mine unless another is named): its items with their provider,
 * the provider's rating (企业服务评级) and the item's own, 20 a page in a stable order; one request.
 */
export async function catalogue(input: CatalogueInput, ctx: RequestContext): Promise<{ items: ServiceItem[]; nextCursor: string | null }> {
  const communityId = input.communityId ?? ctx.user.communityId;
  if (!communityId) throw new AppError('FAILED_PRECONDITION', '请先绑定楼组，或选择一个居民区');
  const limit = input.limit ?? MAX_PAGE;
  const where: Record<string, unknown> = { communityId, status: 'active' };
  if (input.series) where.series = input.series;
  const after = decodeCursor(input.cursor);
  if (after) where._id = { $gt: after };
  const found = await readItems(where, { limit });
  const items = found.map((f) => toItem(f.item, f.partner, f.partnerRating, f.point));
  return { items, nextCursor: found.length === limit ? encodeCursor(found[found.length - 1].item._id) : null };
}

/** One active item of any community's menu (menus are public, like the catalogue), with its provider's rating; one request. */
export async function item(input: ItemInput, _ctx: RequestContext): Promise<ServiceItem> {
  const [found] = await readItems({ _id: input.itemId, status: 'active' }, { limit: 1 });
  if (!found) throw new AppError('NOT_FOUND', '没有找到这项服务');
  return toItem(found.item, found.partner, found.partnerRating, found.point);
}

/** Service points within walking distance of a location (default 1 km), nearest first, with the distance in metres. */
export async function nearby(input: NearbyInput, _ctx: RequestContext): Promise<{ items: { point: ServicePoint; distanceMetres: number }[] }> {
  const docs = await servicePointsNear(input.location, input.radiusMetres ?? DEFAULT_RADIUS_METRES, input.limit ?? MAX_PAGE);
  return { items: docs.map((d) => ({ point: toPoint(d), distanceMetres: Math.round(distanceMetres(input.location, d.location)) })) };
}

/** An item's upcoming slots, soonest first, with the places left; one request (the item and its slots together). */
export async function slots(input: SlotsInput, ctx: RequestContext): Promise<{ items: Slot[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  // Ids sort like start times for one item (`<itemId>-<YYYYMMDD>-<HHmm>`), so the id is the cursor.
  const match: Record<string, unknown> = { itemId: input.itemId, startAt: { $gt: ctx.now } };
  const after = decodeCursor(input.cursor);
  if (after) match._id = { $gt: after };
  const [found] = await readItems({ _id: input.itemId, status: 'active' }, { limit: 1, slots: { match, sort: { _id: 1 }, limit } });
  if (!found) throw new AppError('NOT_FOUND', '没有找到这项服务');
  const docs = found.slots;
  return { items: docs.map(toSlot), nextCursor: docs.length === limit ? encodeCursor(docs[docs.length - 1]._id) : null };
}

/** My bookings, newest first, each live one with its code for the QR. */
export async function mine(input: MineInput, ctx: RequestContext): Promise<{ items: Booking[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  const docs = await bookingsOfPerson(ctx.openid, { status: input.status, after: decodePositionCursor(input.cursor), limit });
  const last = docs[docs.length - 1];
  return { items: docs.map(toBooking), nextCursor: docs.length === limit && last ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null };
}
