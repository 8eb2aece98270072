import { z } from 'zod/mini';
import { taskKindSchema, taskStateSchema } from '../../domain/members/model';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Join, Lookup, aggregateRows, dataOf, docById, parseDocs, setWhole, updatedOne } from './docs';
import { ClaimDoc, MEMBER_CLAIMS, claimDocSchema, liveClaimKey } from './member-claims';

/**
 * The only module that touches `member_tasks`: wishes, governance tasks and dated rota shifts.
 * `placesLeft` is the capacity counter a claim takes in ONE conditional update (as activity seats
 * are taken), so concurrent claims never take more places than there are.
 */
export const MEMBER_TASKS = 'member_tasks';

/** The wish's resident: kept on the task, shown only to them, the committee and the claiming member. */
const wisherSchema = z.object({
  openid: z.string(),
  displayName: z.string(),
  buildingId: z.nullable(z.string()),
  buildingName: z.nullable(z.string()),
  room: z.nullable(z.string()),
  /** Who posted it: the resident, or their building leader for them. */
  postedBy: z.string(),
});

/** A place taken for the claim `id`, at `at`, whose claim is being written. */
export const holdSchema = z.object({ id: z.string(), at: z.date() });
export type Hold = z.infer<typeof holdSchema>;

export const taskDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  kind: taskKindSchema,
  state: taskStateSchema,
  title: z.string(),
  note: z.string(),
  place: z.nullable(z.string()),
  places: z.number(),
  placesLeft: z.number(),
  startAt: z.nullable(z.date()),
  endAt: z.nullable(z.date()),
  claimBy: z.nullable(z.date()),
  hours: z.nullable(z.number()),
  demandId: z.nullable(z.string()),
  rotaId: z.nullable(z.string()),
  wisher: z.nullable(wisherSchema),
  reason: z.nullable(z.string()),
  /** Places taken by claims not written yet (see member-places.ts); absent on tasks never claimed. */
  holds: z.optional(z.record(z.string(), holdSchema)),
  /** How many entries `holds` has: what the reconciler looks for. */
  held: z.optional(z.number()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TaskDoc = z.infer<typeof taskDocSchema>;

export const tasks = () => database().collection(MEMBER_TASKS);
const parse = (res: unknown) => parseDocs(taskDocSchema, MEMBER_TASKS, dataOf(res));

export const getTask = (id: string) => docById(MEMBER_TASKS, taskDocSchema, id);

export async function insertTask(doc: TaskDoc): Promise<void> {
  await tasks().add({ data: doc });
}

/** Inserts a task unless one with its id exists (a rota's occurrence generated twice); true when inserted. */
export async function insertTaskOnce(doc: TaskDoc): Promise<boolean> {
  try {
    await tasks().add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** Changes a task only in the state it was read in; false when it has moved on. */
export async function changeTask(id: string, from: TaskDoc['state'], patch: Partial<Omit<TaskDoc, '_id'>>): Promise<boolean> {
  return updatedOne(
    await tasks()
      .where({ _id: id, state: from })
      .update({ data: setWhole(patch) }),
  );
}

/** Open tasks of a community by kind, soonest deadline first, after `afterId` (cursor on _id within the page order). */
export async function openTasks(communityId: string, kind: TaskDoc['kind'] | null, now: Date, afterId: string | null, limit: number): Promise<TaskDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId, state: 'open', claimBy: _.gt(now) };
  if (kind) where.kind = kind;
  if (afterId) where._id = _.gt(afterId);
  return parse(await tasks().where(where).orderBy('_id', 'asc').limit(limit).get());
}

/** A community's wishes in a state, oldest first, after `afterId`: the committee's wishes to vet. */
export async function wishesInState(communityId: string, state: TaskDoc['state'], afterId: string | null, limit: number): Promise<TaskDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId, state, kind: 'wish' };
  if (afterId) where._id = _.gt(afterId);
  return parse(await tasks().where(where).orderBy('_id', 'asc').limit(limit).get());
}

/** The wishes a resident asked, or posted for a neighbour, newest first, after `afterId`. */
export async function wishesOf(openid: string, afterId: string | null, limit: number): Promise<TaskDoc[]> {
  const _ = database().command;
  const mine = _.or([{ 'wisher.openid': openid }, { 'wisher.postedBy': openid }]);
  const where = afterId ? _.and([mine, { kind: 'wish', _id: _.lt(afterId) }]) : _.and([mine, { kind: 'wish' }]);
  return parse(await tasks().where(where).orderBy('_id', 'desc').limit(limit).get());
}

/**
 * Wishes of the community published and not claimed yet, how many and the oldest's time, as a
 * lookup of another collection's aggregation (read with `waitingWishesOf`).
 */
export function waitingWishesLookup(communityId: string, as: string): Lookup {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  const match = { communityId, kind: 'wish', state: 'open', placesLeft: 1 };
  return { from: MEMBER_TASKS, pipeline: [{ $match: match }, { $group: { _id: null, count: { $sum: 1 }, oldest: { $min: '$createdAt' } } }], as };
}
const waitingSchema = z.object({ count: z.number(), oldest: z.date() });
export function waitingWishesOf(raw: unknown[]): { count: number; oldest: Date | null } {
  const [row] = parseDocs(waitingSchema, MEMBER_TASKS, raw);
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
}

/** For a claim's aggregation: its task when it is a wish still open (not yet marked fulfilled), only its id. */
export function openWishLookup(as: string): Lookup {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  const match = { $expr: { $eq: ['$_id', '$$taskId'] }, kind: 'wish', state: 'open' };
  return { from: MEMBER_TASKS, let: { taskId: '$taskId' }, pipeline: [{ $match: match }, { $limit: 1 }, { $project: { _id: 1 } }], as };
}

/** For a claim's aggregation: the claim's task (read with `parseTaskDocs`). */
export const claimedTaskJoin = (): Join => ({ from: MEMBER_TASKS, localField: 'taskId', foreignField: '_id' });
export const parseTaskDocs = (raw: unknown[]): TaskDoc[] => parseDocs(taskDocSchema, MEMBER_TASKS, raw);

/**
 * A task (without its holds) with the member's live claim on it, if any, in one request: what a claim
 * decides on (the task's fields it copies, and a double tap's first claim). Null when there is no such task.
 */
export async function taskWithLiveClaimOf(id: string, openid: string): Promise<{ task: TaskDoc; live: ClaimDoc | null } | null> {
  const res: unknown = await tasks()
    .aggregate()
    .match({ _id: id })
    .project({ holds: 0 })
    .lookup({ from: MEMBER_CLAIMS, pipeline: [{ $match: { liveKey: liveClaimKey(id, openid) } }, { $limit: 1 }], as: 'live' })
    .end();
  const [row] = aggregateRows(res);
  if (!row) return null;
  const { live, ...doc } = row;
  return { task: parseDocs(taskDocSchema, MEMBER_TASKS, [doc])[0], live: parseDocs(claimDocSchema, MEMBER_CLAIMS, Array.isArray(live) ? live : [])[0] ?? null };
}

/**
 * A task with its verified claims (who served it: at most 50), in one request: the task joined to
 * `member_claims`. Null when there is no such task.
 */
export async function taskWithVerifiedClaims(id: string): Promise<{ task: TaskDoc; verified: ClaimDoc[] } | null> {
  const res: unknown = await tasks()
    .aggregate()
    .match({ _id: id })
    .lookup({ from: MEMBER_CLAIMS, pipeline: [{ $match: { taskId: id, state: 'verified' } }, { $limit: 50 }], as: 'verified' })
    .end();
  const row = (typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list[0] : undefined) as Record<string, unknown> | undefined;
  if (!row) return null;
  const { verified, ...doc } = row as { verified?: unknown[] };
  return { task: parseDocs(taskDocSchema, MEMBER_TASKS, [doc])[0], verified: parseDocs(claimDocSchema, MEMBER_CLAIMS, verified ?? []) };
}
