import { z } from 'zod/mini';
import { seriesSchema } from '../../domain/activities';
import { eligibilitySchema } from '../../domain/services';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { dataOf, parseDocs, updateWhere } from './docs';

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
const parse = (res: unknown) => parseDocs(serviceItemDocSchema, SERVICE_ITEMS, dataOf(res));

export async function insertServiceItem(doc: ServiceItemDoc): Promise<void> {
  await items().add({ data: doc });
}

export async function getServiceItem(id: string): Promise<ServiceItemDoc | null> {
  return parse(await items().where({ _id: id }).get())[0] ?? null;
}

/** Active items of a community, by id (creation order), from after `afterId`. */
export async function serviceItemsOf(communityId: string, filter: { series?: string; afterId: string | null; limit: number }): Promise<ServiceItemDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId, status: 'active' };
  if (filter.series) where.series = filter.series;
  if (filter.afterId) where._id = _.gt(filter.afterId);
  return parse(await items().where(where).orderBy('_id', 'asc').limit(filter.limit).get());
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
