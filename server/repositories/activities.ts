import { z } from 'zod/mini';
import { audienceSchema, seriesSchema, signupFormSchema } from '../../domain/activities';
import { database } from '../kit/cloud';
import { Tx, readOrMissing } from '../kit/transaction';
import { TimePosition, dataOf, parseDocs, storedPointSchema } from './docs';

/** The only module that touches `activities`. Seat counters live on the activity (and each shift). */
export const ACTIVITIES = 'activities';

const shiftDocSchema = z.object({
  id: z.string(),
  role: z.string(),
  startAt: z.date(),
  endAt: z.date(),
  capacity: z.number(),
  hours: z.number(),
  /** Seats taken by confirmed signups. */
  confirmed: z.number(),
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
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ActivityDoc = z.infer<typeof activityDocSchema>;
export type ShiftDoc = z.infer<typeof shiftDocSchema>;

const activities = () => database().collection(ACTIVITIES);

export async function getActivity(id: string): Promise<ActivityDoc | null> {
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(await activities().where({ _id: id }).get()))[0] ?? null;
}

export async function getActivityInTransaction(tx: Tx, id: string): Promise<ActivityDoc | null> {
  const data = dataOf(await readOrMissing(tx.collection(ACTIVITIES).doc(id).get()));
  return data ? parseDocs(activityDocSchema, ACTIVITIES, [data])[0] : null;
}

export async function getActivities(ids: string[]): Promise<ActivityDoc[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(await activities().where({ _id: database().command.in(unique) }).limit(unique.length).get()));
}

export async function insertActivity(doc: ActivityDoc): Promise<void> {
  await activities().add({ data: doc });
}

/** Replaces changed fields whole (objects and arrays included) so nested values never merge. */
export async function updateActivity(id: string, patch: Partial<Omit<ActivityDoc, '_id'>>): Promise<void> {
  const _ = database().command;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) data[key] = value !== null && typeof value === 'object' && !(value instanceof Date) ? _.set(value) : value;
  await activities().doc(id).update({ data });
}

/** Adds `seats` (negative to free) to the confirmed count of the activity or one of its shifts, inside a transaction. */
export async function addConfirmedInTransaction(tx: Tx, activity: ActivityDoc, shiftId: string | null, seats: number, now: Date): Promise<void> {
  const _ = database().command;
  const index = shiftId ? activity.shifts.findIndex((s) => s.id === shiftId) : -1;
  const field = index >= 0 ? `shifts.${index}.confirmed` : 'confirmed';
  await tx.collection(ACTIVITIES).doc(activity._id).update({ data: { [field]: _.inc(seats), updatedAt: now } });
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
  const audiences: Record<string, unknown>[] = [{ 'audience.kind': 'public' }];
  if (viewer.communityId) {
    audiences.push({ communityId: viewer.communityId, 'audience.kind': 'community' });
    if (viewer.gridId) audiences.push({ communityId: viewer.communityId, 'audience.kind': 'grids', 'audience.ids': viewer.gridId });
    if (viewer.buildingId) audiences.push({ communityId: viewer.communityId, 'audience.kind': 'buildings', 'audience.ids': viewer.buildingId });
  }
  const conditions: unknown[] = [{ status: 'published', endAt: _.gt(filter.now) }, _.or(audiences)];
  if (filter.series) conditions.push({ series: filter.series });
  if (filter.after) {
    conditions.push(_.or([{ startAt: _.gt(filter.after.time) }, { startAt: filter.after.time, _id: _.gt(filter.after.id) }]));
  }
  const res = await activities().where(_.and(conditions)).orderBy('startAt', 'asc').orderBy('_id', 'asc').limit(filter.limit).get();
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(res));
}

/** Published activities starting in [from, to): for reminders. */
export async function activitiesStartingBetween(from: Date, to: Date): Promise<ActivityDoc[]> {
  const _ = database().command;
  const res = await activities().where({ status: 'published', startAt: _.and(_.gte(from), _.lt(to)) }).limit(1000).get();
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(res));
}

/** Published activities that ended in [from, to): for closing open check-ins. */
export async function activitiesEndingBetween(from: Date, to: Date): Promise<ActivityDoc[]> {
  const _ = database().command;
  const res = await activities().where({ status: 'published', endAt: _.and(_.gte(from), _.lt(to)) }).limit(1000).get();
  return parseDocs(activityDocSchema, ACTIVITIES, dataOf(res));
}
