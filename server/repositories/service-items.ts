import { z } from 'zod/mini';
import { seriesSchema } from '../../domain/activities';
import { eligibilitySchema } from '../../domain/services';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { aggregateRows, parseDocs, updateWhere } from './docs';
import { PARTNERS, PartnerDoc, parsePartnerDocs } from './partners';
import { SERVICE_POINTS, ServicePointDoc, parsePointDocs } from './service-points';
import { SERVICE_SLOTS, ServiceSlotDoc, parseSlotDocs } from './service-slots';

/**
 * The only module that touches `service_items`: the service menu. Each item keeps a running
 * `ratingSum` / `ratingCount` of its residents' ratings, moved with `_.inc` in the rating's transaction.
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

/** An item with its provider and its point, as the menu shows it. */
export interface ItemReading {
  item: ServiceItemDoc;
  partner: PartnerDoc | undefined;
  point: ServicePointDoc | undefined;
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
    .lookup({ from: SERVICE_POINTS, localField: 'servicePointId', foreignField: '_id', as: 'points' });
  const join = opts.slots;
  if (join) {
    const stages: Record<string, unknown>[] = [{ $match: join.match }];
    if (join.sort) stages.push({ $sort: join.sort });
    stages.push({ $limit: join.limit });
    if (join.idsOnly) stages.push({ $project: { _id: 1 } });
    query = query.lookup({ from: SERVICE_SLOTS, pipeline: stages, as: 'slots' });
  }
  return aggregateRows(await query.end()).map(({ partners, points, slots, ...doc }) => {
    const joined = Array.isArray(slots) ? (slots as { _id?: unknown }[]) : [];
    return {
      item: parseDocs(serviceItemDocSchema, SERVICE_ITEMS, [doc])[0],
      partner: parsePartnerDocs(Array.isArray(partners) ? partners : [])[0],
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

/** Inside the rating's transaction: one more rating of `stars` for the item. */
export async function addItemRatingInTransaction(tx: Tx, id: string, stars: number): Promise<void> {
  const _ = database().command;
  await tx
    .collection(SERVICE_ITEMS)
    .doc(id)
    .update({ data: { ratingSum: _.inc(stars), ratingCount: _.inc(1) } });
}

/** An account's end: what the person created names their pseudonym instead. */
export async function pseudonymiseCreatorOfItems(openid: string, pseudonym: string): Promise<number> {
  return updateWhere(SERVICE_ITEMS, { createdBy: openid }, { createdBy: pseudonym });
}
