import { z } from 'zod/mini';
import { audienceSchema, seriesSchema, signupFormSchema } from '../../domain/activities';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { dataOf, docsByIds, docWithJoins, Lookup, parseDocs, readInTransaction, setWhole, storedPointSchema, TimePosition, updatedOne, updateWhere } from './docs';

/**
 * With `activity-seats.ts` (its seat-counter half), the only module that touches `activities`. Seat counters live on the activity (and each shift):
 * `confirmed` (seats taken by confirmed signups) and `seatsLeft` (capacity − confirmed, kept beside it
 * so that "enough seats left" is a plain comparison a conditional update can test). Both always change
 * together, in one conditional update or one transaction.
 *
 * `holders` records who holds seats: one entry per live signup key (activity, shift, person), written
 * in the same atomic step as the counters. It is what makes the signup's single conditional update
 * safe: a second take by the same person (a double tap, a retry) finds their entry and fails, and a
 * seat taken by a call that died before writing its signup is still named, so it can be given back
 * (see `takeSeats`, `giveBackSeats` and the `reconcileSeats` timer).
 */
export const ACTIVITIES = 'activities';

/** A seat holder: the signup the seats belong to, how many, since when; `shiftId` when they are a shift's. */
export const holderSchema = z.object({ id: z.string(), seats: z.number(), at: z.date(), shiftId: z.optional(z.string()) });
export type Holder = z.infer<typeof holderSchema>;

/**
 * A holder whose signup does not exist this long after the seats were taken belongs to a call that
 * died between its two writes (functions time out after 20 s): its seats may be given back.
 */
export const ORPHAN_HOLDER_MS = 60_000;

const shiftDocSchema = z.object({
  id: z.string(),
  role: z.string(),
  startAt: z.date(),
  endAt: z.date(),
  capacity: z.number(),
  hours: z.number(),
  /** Seats taken by confirmed signups. */
  confirmed: z.number(),
  /** capacity − confirmed; absent on shifts published before it was kept (filled in on first use). */
  seatsLeft: z.optional(z.number()),
});
export const activityDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  title: z.string(),
  description: z.string(),
  series: seriesSchema,
  place: z.object({ text: z.string(), location: z.optional(z.nullable(storedPointSchema)), servicePointId: z.optional(z.nullable(z.string())) }),
  startAt: z.date(),
  endAt: z.date(),
  signupOpensAt: z.date(),
  signupClosesAt: z.date(),
  capacity: z.number(),
  approval: z.enum(['auto', 'committee']),
  audience: audienceSchema,
  form: signupFormSchema,
  shifts: z.array(shiftDocSchema),
  cover: z.nullable(z.string()),
  pointsPerHour: z.number(),
  checkinRadiusMetres: z.nullable(z.number()),
  status: z.enum(['published', 'cancelled']),
  cancelReason: z.optional(z.nullable(z.string())),
  /** Seats taken by confirmed signups to the activity itself (not its shifts). */
  confirmed: z.number(),
  /** capacity − confirmed; absent on activities published before it was kept (filled in on first use). */
  seatsLeft: z.optional(z.number()),
  /** Holder key (`holderKeyOf`) → who holds seats. Left out of ordinary reads (`withoutHolders`). */
  holders: z.optional(z.record(z.string(), holderSchema)),
  /** A council meeting's activity: the topic (议题) it deliberates, for the link back. */
  councilTopicId: z.optional(z.string()),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ActivityDoc = z.infer<typeof activityDocSchema>;
export type ShiftDoc = z.infer<typeof shiftDocSchema>;

export const activities = () => database().collection(ACTIVITIES);
/** Reads that do not decide seats leave the holders (up to one per seat) in the database. */
const withoutHolders = { holders: false };

export async function getActivity(id: string): Promise<ActivityDoc | null> {
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(await activities().where({ _id: id }).field(withoutHolders).get()))[0] ?? null;
}

export async function getActivityInTransaction(tx: Tx, id: string): Promise<ActivityDoc | null> {
  return readInTransaction(tx, ACTIVITIES, id, activityDocSchema);
}

/** For another repository's aggregation (a lookup): the status (published, cancelled) of the activity a row names in `field`, read with `activityStatusOf`. */
export function activityStatusLookup(field: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: ACTIVITIES, let: { activity: `$${field}` }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$activity'] } } }, { $project: { _id: 1, status: 1 } }], as };
}

/** For another repository's aggregation: the activity (without its holders) a row names in `field`, read with `activitiesFound`. */
export function activityLookup(field: string, as: string): Lookup {
  return { from: ACTIVITIES, let: { activity: `$${field}` }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$activity'] } } }, { $project: { holders: 0 } }, { $limit: 1 }], as };
}

/** For another repository's aggregation: the activity (without its holders) of this id, if there is one, read with `activitiesFound`. */
export function activityByIdLookup(id: string, as: string): Lookup {
  return { from: ACTIVITIES, pipeline: [{ $match: { _id: id } }, { $project: { holders: 0 } }], as };
}

export function activitiesFound(rows: unknown[]): ActivityDoc[] {
  return parseDocs(activityDocSchema, ACTIVITIES, rows);
}

/** One activity (without its holders) with what a screen reads beside it, in ONE aggregation (docWithJoins). */
export async function activityWith(id: string, joins: Record<string, Lookup>): Promise<{ activity: ActivityDoc; joined: Record<string, unknown[]> } | null> {
  const found = await docWithJoins(ACTIVITIES, activityDocSchema, id, joins, { holders: 0 });
  return found ? { activity: found.doc, joined: found.joined } : null;
}

export function activityStatusOf(rows: unknown): ActivityDoc['status'] | null {
  const status: unknown = Array.isArray(rows) ? rows[0]?.status : undefined;
  return status === 'published' || status === 'cancelled' ? status : null;
}

export async function getActivities(ids: string[]): Promise<ActivityDoc[]> {
  return docsByIds(ACTIVITIES, activityDocSchema, ids, withoutHolders);
}

/** The activities of `ids` with their holders: for the seat reconciler. */
export async function activitiesWithHolders(ids: string[]): Promise<ActivityDoc[]> {
  return docsByIds(ACTIVITIES, activityDocSchema, ids);
}

export async function insertActivity(doc: ActivityDoc): Promise<void> {
  await activities().add({ data: doc });
}

/** Replaces changed fields whole (objects and arrays included) so nested values never merge. */
export async function updateActivity(id: string, patch: Partial<Omit<ActivityDoc, '_id'>>): Promise<void> {
  await activities()
    .doc(id)
    .update({ data: setWhole(patch) });
}

/**
 * Cancels a published activity, only if its community is one of `communityIds` ('any' for an admin):
 * false when it is not so (the caller reads the activity to tell which).
 */
export async function cancelActivityIf(id: string, communityIds: string[] | 'any', reason: string, now: Date): Promise<boolean> {
  const where: Record<string, unknown> = { _id: id, status: 'published' };
  if (communityIds !== 'any') where.communityId = database().command.in(communityIds);
  return updatedOne(
    await activities()
      .where(where)
      .update({ data: { status: 'cancelled', cancelReason: reason, updatedAt: now } }),
  );
}

/** The audiences that include someone living at `place` (as `audienceIncludes` decides). */
export function audienceConditions(place: { communityId: string | null; gridId: string | null; buildingId: string | null }): Record<string, unknown>[] {
  const audiences: Record<string, unknown>[] = [{ 'audience.kind': 'public' }];
  if (place.communityId) {
    audiences.push({ communityId: place.communityId, 'audience.kind': 'community' });
    if (place.gridId) audiences.push({ communityId: place.communityId, 'audience.kind': 'grids', 'audience.ids': place.gridId });
    if (place.buildingId) audiences.push({ communityId: place.communityId, 'audience.kind': 'buildings', 'audience.ids': place.buildingId });
  }
  return audiences;
}

/** Published activities whose seats changed since `since` (newest changes first), with their holders: for the seat reconciler. */
export async function activitiesChangedSince(since: Date, limit: number): Promise<ActivityDoc[]> {
  const _ = database().command;
  const res = await activities()
    .where({ status: 'published', updatedAt: _.gte(since) })
    .orderBy('updatedAt', 'desc')
    .limit(limit)
    .get();
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(res));
}

/**
 * Upcoming and running activities a person may see, soonest first: public ones, and those of their
 * community whose audience includes their grid or building. `after` continues a page.
 */
export async function visibleActivities(
  viewer: { communityId: string | null; gridId: string | null; buildingId: string | null },
  filter: { series?: string; now: Date; after: TimePosition | null; limit: number },
): Promise<ActivityDoc[]> {
  const _ = database().command;
  const conditions: unknown[] = [{ status: 'published', endAt: _.gt(filter.now) }, _.or(audienceConditions(viewer))];
  if (filter.series) conditions.push({ series: filter.series });
  if (filter.after) {
    conditions.push(_.or([{ startAt: _.gt(filter.after.time) }, { startAt: filter.after.time, _id: _.gt(filter.after.id) }]));
  }
  const res = await activities().where(_.and(conditions)).field(withoutHolders).orderBy('startAt', 'asc').orderBy('_id', 'asc').limit(filter.limit).get();
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(res));
}

/** Every activity of a community (cancelled ones too) ending after `endedAfter`, soonest first: what its committee manages. */
export async function activitiesOfCommunity(communityId: string, filter: { series?: string; endedAfter: Date; after: TimePosition | null; limit: number }): Promise<ActivityDoc[]> {
  const _ = database().command;
  const conditions: unknown[] = [{ communityId, endAt: _.gt(filter.endedAfter) }];
  if (filter.series) conditions.push({ series: filter.series });
  if (filter.after) {
    conditions.push(_.or([{ startAt: _.gt(filter.after.time) }, { startAt: filter.after.time, _id: _.gt(filter.after.id) }]));
  }
  const res = await activities().where(_.and(conditions)).field(withoutHolders).orderBy('startAt', 'asc').orderBy('_id', 'asc').limit(filter.limit).get();
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(res));
}

/** Published activities starting in [from, to): for reminders. */
export async function activitiesStartingBetween(from: Date, to: Date): Promise<ActivityDoc[]> {
  const _ = database().command;
  const res = await activities()
    .where({ status: 'published', startAt: _.and(_.gte(from), _.lt(to)) })
    .field(withoutHolders)
    .limit(1000)
    .get();
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(res));
}

/** Published activities that ended in [from, to): for closing open check-ins. */
export async function activitiesEndingBetween(from: Date, to: Date): Promise<ActivityDoc[]> {
  const _ = database().command;
  const res = await activities()
    .where({ status: 'published', endAt: _.and(_.gte(from), _.lt(to)) })
    .field(withoutHolders)
    .limit(1000)
    .get();
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(res));
}

/** An account's end: what the person created names their pseudonym instead. */
export async function pseudonymiseCreatorOfActivities(openid: string, pseudonym: string): Promise<number> {
  return updateWhere(ACTIVITIES, { createdBy: openid }, { createdBy: pseudonym });
}
