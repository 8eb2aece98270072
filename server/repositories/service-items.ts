import { z } from 'zod/mini';
import { seriesSchema } from '../../domain/activities';
import { eligibilitySchema } from '../../domain/services';
import { database } from '../kit/cloud';
import { aggregateRows, dataOf, parseDocs, updatedOne, updateWhere } from './docs';
import { PARTNERS, PartnerDoc, parsePartnerDocs } from './partners';
import { SERVICE_POINTS, ServicePointDoc, parsePointDocs } from './service-points';
import { SERVICE_SLOTS, ServiceSlotDoc, parseSlotDocs } from './service-slots';

/**
 * The only module that touches `service_items`: the service menu. Each item keeps a running
 * `ratingSum` / `ratingCount` of its residents' ratings, moved with `_.inc` after the rating is
 * written on its booking (the service's timer recounts an item whose rating call died between the
 * two). A provider's figures (企业服务评级) are its items' summed where they are read: an item's
 * provider never changes and archived items stay, so nothing else has to move with a rating.
 */
export const SERVICE_ITEMS = 'service_items';

const templateDocSchema = z.object({ weekday: z.number(), startTime: z.string(), capacity: z.number() });

export const serviceItemDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  name: z.string(),
  description: z.string(),
  series: seriesSchema,
  partnerId: z.string(),
  servicePointId: z.string(),
  durationMinutes: z.number(),
  eligibility: eligibilitySchema,
  cancelCutoffHours: z.number(),
  /** Weekly slot templates (Shanghai weekday and time). */
  schedule: z.array(templateDocSchema),
  ratingSum: z.number(),
  ratingCount: z.number(),
  /** The latest ratings added to the sum (at most RECENT_RATINGS): what the recount tells apart from a call still between its writes. */
  recentRatings: z.optional(z.array(z.object({ at: z.date(), stars: z.number() }))),
  /** When the service's timer last recounted the item's ratings (absent before the first): the least recent go first. */
  ratingsCheckedAt: z.optional(z.date()),
  status: z.enum(['active', 'archived']),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ServiceItemDoc = z.infer<typeof serviceItemDocSchema>;

const items = () => database().collection(SERVICE_ITEMS);

export async function insertServiceItem(doc: ServiceItemDoc): Promise<void> {
  await items().add({ data: doc });
}

/** A running sum of stars and how many ratings. */
export interface RatingFigures {
  sum: number;
  count: number;
}

/** An item with its provider, the provider's figures (all its items') and its point, as the menu shows it. */
export interface ItemReading {
  item: ServiceItemDoc;
  partner: PartnerDoc | undefined;
  partnerRating: RatingFigures;
  point: ServicePointDoc | undefined;
}

const figuresSchema = z.object({ ratingSum: z.number(), ratingCount: z.number() });

/** Items' figures summed: a provider's, from its items (read with `partnerItemsJoin` or in `readItems`). */
export function summed(raw: unknown[]): RatingFigures {
  return parseDocs(figuresSchema, SERVICE_ITEMS, raw).reduce((a, f) => ({ sum: a.sum + f.ratingSum, count: a.count + f.ratingCount }), { sum: 0, count: 0 });
}

/** Some of each item's slots, joined to the reading: those matching, in this order, at most so many. */
interface SlotsJoin {
  match: Record<string, unknown>;
  sort?: Record<string, 1 | -1>;
  limit: number;
  idsOnly?: boolean;
}

/**
 * Items (by `where`, in id order) with their provider and point, and optionally some of their slots,
 * in ONE aggregation: what a screen of the service menu shows costs one request.
 */
export async function readItems(where: Record<string, unknown>, opts: { limit: number; slots?: SlotsJoin }): Promise<(ItemReading & { slots: ServiceSlotDoc[]; slotIds: string[] })[]> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  let query = items()
    .aggregate()
    .match(where)
    .sort({ _id: 1 })
    .limit(opts.limit)
    .lookup({ from: PARTNERS, localField: 'partnerId', foreignField: '_id', as: 'partners' })
    .lookup({ from: SERVICE_POINTS, localField: 'servicePointId', foreignField: '_id', as: 'points' })
    // The provider's items (a unit offers a few), for its figures.
    .lookup({ from: SERVICE_ITEMS, localField: 'partnerId', foreignField: 'partnerId', as: 'partnerItems' });
  const join = opts.slots;
  if (join) {
    const stages: Record<string, unknown>[] = [{ $match: join.match }];
    if (join.sort) stages.push({ $sort: join.sort });
    stages.push({ $limit: join.limit });
    if (join.idsOnly) stages.push({ $project: { _id: 1 } });
    query = query.lookup({ from: SERVICE_SLOTS, pipeline: stages, as: 'slots' });
  }
  return aggregateRows(await query.end()).map(({ partners, points, slots, partnerItems, ...doc }) => {
    const joined = Array.isArray(slots) ? (slots as { _id?: unknown }[]) : [];
    return {
      item: parseDocs(serviceItemDocSchema, SERVICE_ITEMS, [doc])[0],
      partner: parsePartnerDocs(Array.isArray(partners) ? partners : [])[0],
      partnerRating: summed(Array.isArray(partnerItems) ? partnerItems : []),
      point: parsePointDocs(Array.isArray(points) ? points : [])[0],
      // With ids only (what a generation must not make twice), there is nothing more to check.
      slots: join?.idsOnly ? [] : parseSlotDocs(joined),
      slotIds: joined.map((d) => String(d._id)),
    };
  });
}

export async function setServiceItemSchedule(id: string, schedule: ServiceItemDoc['schedule'], now: Date): Promise<void> {
  await items()
    .doc(id)
    .update({ data: { schedule: database().command.set(schedule), updatedAt: now } });
}

/** How many of its latest ratings an item keeps beside its sum. */
export const RECENT_RATINGS = 50;

/**
 * One more rating of `stars` given at `at` for the item, after it was written on its booking: the
 * sum moves, and the rating joins the item's latest (the oldest beyond RECENT_RATINGS go).
 */
export async function addItemRating(id: string, stars: number, at: Date): Promise<void> {
  const _ = database().command;
  await items()
    .doc(id)
    .update({ data: { ratingSum: _.inc(stars), ratingCount: _.inc(1), recentRatings: _.push({ each: [{ at, stars }], slice: -RECENT_RATINGS }) } });
}

/** An item's running figures and the latest ratings in them. */
export interface FiguresRead extends RatingFigures {
  recent: { at: Date; stars: number }[];
}

/** Items' running figures as they are now, by id: what a recount compares with and conditions on. */
export async function itemRatingFigures(ids: string[]): Promise<Map<string, FiguresRead>> {
  const _ = database().command;
  if (ids.length === 0) return new Map();
  const res = await items()
    .where({ _id: _.in(ids) })
    .field({ _id: true, ratingSum: true, ratingCount: true, recentRatings: true })
    .limit(ids.length)
    .get();
  const rows = parseDocs(z.object({ _id: z.string(), ...figuresSchema.shape, recentRatings: serviceItemDocSchema.shape.recentRatings }), SERVICE_ITEMS, dataOf(res));
  return new Map(rows.map((r) => [r._id, { sum: r.ratingSum, count: r.ratingCount, recent: r.recentRatings ?? [] }]));
}

/** Sets an item's figures to those counted, only if they have not moved since `seen`: a rating in between wins. */
export async function correctItemRating(id: string, seen: RatingFigures, counted: RatingFigures): Promise<boolean> {
  return updatedOne(
    await items()
      .where({ _id: id, ratingSum: seen.sum, ratingCount: seen.count })
      .update({ data: { ratingSum: counted.sum, ratingCount: counted.count } }),
  );
}

/** Items whose ratings were recounted now go to the back of the recount's queue: one request. */
export async function markRatingsChecked(ids: string[], now: Date): Promise<void> {
  const _ = database().command;
  if (ids.length > 0) await updateWhere(SERVICE_ITEMS, { _id: _.in(ids) }, { ratingsCheckedAt: now });
}

/** For a bookings aggregation grouped by item (a lookup): each item, for when its ratings were last recounted. */
export const ratingsCheckedJoin = (as: string) => ({ from: SERVICE_ITEMS, localField: '_id', foreignField: '_id', as });

/** For another collection's aggregation (a lookup): a provider's items, whose figures `summed` adds up. */
export function partnerItemsJoin(partnerId: string): { from: string; pipeline: Record<string, unknown>[] } {
  return { from: SERVICE_ITEMS, pipeline: [{ $match: { partnerId } }, { $project: { ratingSum: 1, ratingCount: 1 } }, { $limit: 1000 }] };
}

/** For another repository's aggregation (a lookup): each provider's figures from its items in the community. */
export function partnerRatingsLookup(communityId: string, as: string): Record<string, unknown> {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  const group = { _id: '$partnerId', sum: { $sum: '$ratingSum' }, count: { $sum: '$ratingCount' } };
  return { from: SERVICE_ITEMS, pipeline: [{ $match: { communityId } }, { $group: group }, { $limit: 1000 }], as };
}

/** What a `partnerRatingsLookup` found, by provider. */
export function partnerRatingsOf(raw: unknown[]): Map<string, RatingFigures> {
  const rows = parseDocs(z.object({ _id: z.string(), sum: z.number(), count: z.number() }), SERVICE_ITEMS, raw);
  return new Map(rows.map((r) => [r._id, { sum: r.sum, count: r.count }]));
}

/** An account's end: what the person created names their pseudonym instead. */
export async function pseudonymiseCreatorOfItems(openid: string, pseudonym: string): Promise<number> {
  return updateWhere(SERVICE_ITEMS, { createdBy: openid }, { createdBy: pseudonym });
}
