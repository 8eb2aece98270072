import { z } from 'zod/mini';
import { deadlineClassSchema } from '../../domain/demands/deadlines';
import { channelSchema, demandKindSchema, demandStateSchema, levelSchema, satisfactionSchema, timelineActionSchema } from '../../domain/demands/model';
import { STAT_KEYS, StatKey, statsOf } from '../../domain/demands/stats';
import { database } from '../kit/cloud';
import type { PendingNotice } from './demand-outbox';
import { TimePosition, aggregateRows, dataOf, docById, docsByIds, parseDocs, setWhole, storedPointSchema, updatedOne } from './docs';

/**
 * The only module that touches `demands`: residents' demands with their whole timeline, the clock
 * the timer sweeps (`clock` + `dueAt`, never removed: a demand with no deadline running keeps its
 * keys with `clock: 'idle'`), and the per-demand figures the dashboard sums (`stats`).
 */
export const DEMANDS = 'demands';

const timelineDocSchema = z.object({
  at: z.date(),
  action: timelineActionSchema,
  actorKind: z.enum(['system', 'reporter', 'handler']),
  actor: z.nullable(z.string()),
  actorName: z.nullable(z.string()),
  level: levelSchema,
  toLevel: z.nullable(levelSchema),
  note: z.nullable(z.string()),
  photos: z.array(z.string()),
  missed: z.nullable(z.enum(['accept', 'resolve'])),
});
export type TimelineDoc = z.infer<typeof timelineDocSchema>;

const statsDocSchema = z.object({
  ...(Object.fromEntries(STAT_KEYS.map((k) => [k, z.number()])) as Record<StatKey, z.ZodMiniNumber>),
  closeDays: z.nullable(z.number()),
});

/** Which job of the timer watches a demand: its deadline, the reporter's 3 days to confirm, a parked review, or none. */
export const clockSchema = z.enum(['deadline', 'confirm', 'review', 'idle']);

export const demandDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  buildingId: z.nullable(z.string()),
  buildingName: z.nullable(z.string()),
  kind: demandKindSchema,
  categoryId: z.string(),
  categoryName: z.string(),
  deadlineClass: deadlineClassSchema,
  text: z.string(),
  photos: z.array(z.string()),
  location: z.nullable(storedPointSchema),
  urgent: z.boolean(),
  anonymous: z.boolean(),
  channel: channelSchema,
  reporter: z.string(),
  reporterName: z.string(),
  enteredBy: z.nullable(z.string()),
  enteredByName: z.nullable(z.string()),
  /** Everyone whose 我的诉求 lists it: the reporter, who entered it, the me-toos. */
  followers: z.array(z.string()),
  state: demandStateSchema,
  level: levelSchema,
  open: z.boolean(),
  handler: z.nullable(z.string()),
  handlerName: z.nullable(z.string()),
  clock: clockSchema,
  dueKind: z.nullable(z.enum(['accept', 'resolve'])),
  clockStart: z.date(),
  dueAt: z.date(),
  /** When the handler is warned (75% of the deadline); null once warned or when no deadline runs. */
  warnAt: z.nullable(z.date()),
  /** Deadlines missed, each against the level that missed it (which deadline: see `deadlines`). */
  misses: z.array(z.object({ level: levelSchema, deadline: z.enum(['accept', 'resolve']), at: z.date() })),
  /**
   * Every deadline that ran, in order: appended whenever a clock starts or moves, so a miss's
   * deadline is known without writing it per demand (the sweep raises many demands in one update).
   */
  deadlines: z.array(z.object({ level: levelSchema, kind: z.enum(['accept', 'resolve']), dueAt: z.date() })),
  /** The timer run that last raised it: how a run tells, after one update of many, which were its own. */
  lastSweep: z.nullable(z.string()),
  outbox: z.optional(z.array(z.unknown())), // messages of moves waiting for the timer: demand-outbox.ts parses them
  outboxAt: z.optional(z.nullable(z.date())),
  reopenedAt: z.array(levelSchema),
  extended: z.boolean(),
  parked: z.nullable(z.object({ reason: z.string(), reviewOn: z.string() })),
  rejectedReason: z.nullable(z.string()),
  duplicateOf: z.nullable(z.string()),
  rating: z.nullable(z.object({ solved: z.boolean(), satisfaction: satisfactionSchema, comment: z.nullable(z.string()) })),
  closedHow: z.nullable(z.enum(['confirmed', 'unrated'])),
  meToo: z.array(z.string()),
  meTooCount: z.number(),
  timeline: z.array(timelineDocSchema),
  stats: statsDocSchema,
  createdAt: z.date(),
  acceptedAt: z.nullable(z.date()),
  resolvedAt: z.nullable(z.date()),
  closedAt: z.nullable(z.date()),
  updatedAt: z.date(),
  /** Bumped by every write: a change lands only on the version it was worked out from. */
  version: z.number(),
});
export type DemandDoc = z.infer<typeof demandDocSchema>;
export type DemandPatch = Partial<Omit<DemandDoc, '_id' | 'timeline' | 'stats' | 'version'>>;

/** The collection, for this module, demand-sweeps.ts (the timer's many-at-once changes) and demand-people.ts (a person's export and erasure), which share it. */
export const demands = () => database().collection(DEMANDS);
const parse = (res: unknown) => parseDocs(demandDocSchema, DEMANDS, dataOf(res));

export const getDemand = (id: string): Promise<DemandDoc | null> => docById(DEMANDS, demandDocSchema, id);
/** The demands of `ids` that exist, in one request. */
export const getDemands = (ids: readonly string[]): Promise<DemandDoc[]> => docsByIds(DEMANDS, demandDocSchema, ids);

/** For another repository's aggregation (a lookup): a demand by id, if there is one, read with `parseDemandDocs`. */
export function demandLookup(id: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: DEMANDS, pipeline: [{ $match: { _id: id } }], as };
}

export const parseDemandDocs = (raw: unknown[]): DemandDoc[] => parseDocs(demandDocSchema, DEMANDS, raw);

/** A new demand, its figures worked out from its first timeline entry. */
export async function insertDemand(doc: Omit<DemandDoc, 'stats' | 'version' | 'deadlines' | 'lastSweep'>): Promise<DemandDoc> {
  const deadlines = doc.clock === 'deadline' && doc.dueKind ? [{ level: doc.level, kind: doc.dueKind, dueAt: doc.dueAt }] : [];
  const full: DemandDoc = { ...doc, deadlines, lastSweep: null, stats: statsOf(doc), version: 1 };
  await demands().add({ data: full });
  return full;
}

/**
 * Applies a change worked out from `doc` (new fields, timeline entries appended) only if nobody
 * changed the demand since it was read: the new version, or null when someone else came first.
 */
export async function changeDemand(doc: DemandDoc, patch: DemandPatch, entries: TimelineDoc[], notice?: PendingNotice): Promise<DemandDoc | null> {
  const _ = database().command;
  const next = { ...doc, ...patch, timeline: [...doc.timeline, ...entries], version: doc.version + 1 };
  const started = patch.clock === 'deadline' && next.dueKind && patch.dueAt && patch.dueAt.getTime() !== doc.dueAt.getTime();
  const deadline = started ? [{ level: next.level, kind: next.dueKind!, dueAt: next.dueAt }] : [];
  next.deadlines = [...doc.deadlines, ...deadline];
  next.stats = statsOf(next);
  const data = {
    ...setWhole({ ...patch, stats: next.stats }),
    version: _.inc(1),
    ...(entries.length ? { timeline: _.push(entries) } : {}),
    ...(deadline.length ? { deadlines: _.push(deadline) } : {}),
    // A message the move sends goes in the same write (demand-outbox.ts); the timer sends it.
    ...(notice ? { outbox: _.push([notice]), outboxAt: next.updatedAt } : {}),
  };
  const res: unknown = await demands().where({ _id: doc._id, version: doc.version }).update({ data });
  return updatedOne(res) ? next : null;
}

/** Adds followers (我也遇到), an entry each, in one conditional update; false when one is already there or it closed. */
export async function addMeToo(id: string, openids: readonly string[], entry: TimelineDoc): Promise<boolean> {
  const _ = database().command;
  const res: unknown = await demands()
    .where({ _id: id, open: true, followers: _.nin([...openids]) })
    .update({ data: { meToo: _.push([...openids]), followers: _.push([...openids]), meTooCount: _.inc(openids.length), timeline: _.push(openids.map(() => entry)), version: _.inc(1) } });
  return updatedOne(res);
}

const afterPosition = (field: string, after: TimePosition | null, ascending: boolean) => {
  const _ = database().command;
  if (!after) return [];
  const beyond = ascending ? _.gt : _.lt;
  return [_.or([{ [field]: beyond(after.time) }, { [field]: after.time, _id: beyond(after.id) }])];
};

/** 我的诉求: what someone follows, newest first. */
export async function demandsFollowedBy(openid: string, open: boolean | undefined, after: TimePosition | null, limit: number): Promise<DemandDoc[]> {
  const _ = database().command;
  const base: Record<string, unknown> = { followers: openid, ...(open === undefined ? {} : { open }) };
  const res = await demands()
    .where(_.and([base, ...afterPosition('createdAt', after, false)]))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  return parse(res);
}

/** A handler's inbox: open demands at a level of a grid, a community or the street, earliest deadline first. */
export async function inboxOf(scope: { gridId?: string; communityId?: string }, level: string, after: TimePosition | null, limit: number): Promise<DemandDoc[]> {
  const _ = database().command;
  const base = { ...scope, open: true, level };
  const res = await demands()
    .where(_.and([base, ...afterPosition('dueAt', after, true)]))
    .orderBy('dueAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return parse(res);
}

/** The ledger of a building or a grid, newest first; only the fields a ledger line shows. */
export async function ledgerOf(scope: { buildingId: string } | { gridId: string }, after: TimePosition | null, limit: number): Promise<DemandDoc[]> {
  const _ = database().command;
  const res = await demands()
    .where(_.and([{ ...scope }, ...afterPosition('createdAt', after, false)]))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  return parse(res);
}

/** Open demands of a category in a community, newest first, for 我也遇到 (a community holds a few of each open). */
export async function openOfCategory(communityId: string, categoryId: string, limit: number): Promise<DemandDoc[]> {
  return parse(await demands().where({ communityId, categoryId, open: true }).orderBy('createdAt', 'desc').limit(limit).get());
}

/** One page of demands whose `clock` came due by `now` (a deadline, a confirmation), earliest first. */
export async function dueDemands(clock: 'deadline' | 'confirm', now: Date, limit: number): Promise<DemandDoc[]> {
  const _ = database().command;
  const due = demands().where({ clock, dueAt: _.lte(now) });
  return parse(await due.orderBy('dueAt', 'asc').limit(limit).get());
}

/** The demands a dashboard counts: reported in [from, to) in a community, or in every community. */
const periodMatch = (communityId: string | null, from: Date, to: Date) => {
  const _ = database().command;
  return { ...(communityId ? { communityId } : {}), createdAt: _.and([_.gte(from), _.lt(to)]) };
};

const groupRowSchema = z.object({
  _id: z.object({ communityId: z.string(), gridId: z.string(), categoryId: z.string() }),
  gridName: z.string(),
  categoryName: z.string(),
  closeDays: z.array(z.nullable(z.number())),
  ...(Object.fromEntries(STAT_KEYS.map((k) => [k, z.number()])) as Record<StatKey, z.ZodMiniNumber>),
  overdue: z.number(),
});
export type StatsGroup = z.infer<typeof groupRowSchema>;

/** A demand is overdue when a level missed its deadline: the overdue list and each group's `overdue` count. */
const MISSES = ['stats.missGrid', 'stats.missCommunity', 'stats.missStreet'] as const;

/**
 * The period's figures summed by the database per community, grid and category, with how many are
 * open and `overdue` (one aggregation: the demands never come into the function); a street has tens
 * of grids times tens of categories.
 */
export async function statsByGridAndCategory(communityId: string | null, from: Date, to: Date): Promise<StatsGroup[]> {
  const $ = database().command.aggregate;
  const sums = Object.fromEntries(STAT_KEYS.map((k) => [k, $.sum(`$stats.${k}`)]));
  const res: unknown = await demands()
    .aggregate()
    .match(periodMatch(communityId, from, to))
    .group({
      _id: { communityId: '$communityId', gridId: '$gridId', categoryId: '$categoryId' },
      gridName: $.first('$gridName'),
      categoryName: $.first('$categoryName'),
      closeDays: $.push('$stats.closeDays'),
      ...sums,
      overdue: $.sum($.cond([$.and([$.eq(['$open', true]), $.or(MISSES.map((m) => $.gt([`$${m}`, 0])))]), 1, 0])),
    })
    .limit(5000)
    .end();
  return parseDocs(groupRowSchema, DEMANDS, aggregateRows(res));
}

/** Open demands of the period that missed a deadline, most overdue first (how many: the groups' `overdue`). */
export async function overdueOpen(communityId: string | null, from: Date, to: Date, limit: number): Promise<DemandDoc[]> {
  const _ = database().command;
  const condition = _.and([{ ...periodMatch(communityId, from, to), open: true }, _.or(MISSES.map((m) => ({ [m]: _.gt(0) })))]);
  return parse(await demands().where(condition).orderBy('dueAt', 'asc').limit(limit).get());
}

/** What the CSV export reads of a demand: no text, photos, timeline or names. */
const CSV_FIELDS = [
  '_id',
  'kind',
  'categoryName',
  'deadlineClass',
  'gridName',
  'buildingName',
  'state',
  'level',
  'createdAt',
  'acceptedAt',
  'resolvedAt',
  'closedAt',
  'misses',
  'reopenedAt',
  'rating',
  'closedHow',
  'meTooCount',
] as const;
const csvDocSchema = z.pick(demandDocSchema, Object.fromEntries(CSV_FIELDS.map((f) => [f, true])) as Record<(typeof CSV_FIELDS)[number], true>);
export type CsvDoc = z.infer<typeof csvDocSchema>;

/** Every demand of the period for the CSV export, a page at a time by id, only CSV_FIELDS. */
export async function periodPage(communityId: string | null, from: Date, to: Date, afterId: string | null, limit: number): Promise<CsvDoc[]> {
  const _ = database().command;
  const where = { ...periodMatch(communityId, from, to), ...(afterId ? { _id: _.gt(afterId) } : {}) };
  const fields = Object.fromEntries(CSV_FIELDS.map((f) => [f, true]));
  return parseDocs(csvDocSchema, DEMANDS, dataOf(await demands().where(where).field(fields).orderBy('_id', 'asc').limit(limit).get()));
}
