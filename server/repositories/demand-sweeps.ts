import { z } from 'zod/mini';
import { StatKey } from '../../domain/demands/stats';
import { database } from '../kit/cloud';
import { DEMANDS, DemandDoc, DemandPatch, TimelineDoc, demandDocSchema, demands } from './demands';
import { changedCount, dataOf, parseDocs, setWhole } from './docs';

/**
 * The `demands` repository's second half: what the timer reads and changes many at a time. A page
 * of due demands is read by the due-time indexes with only the fields a sweep needs, and alike
 * demands are changed by one conditional update, each marked with the run that changed it.
 */

/** What the escalation sweep reads of an overdue demand: enough to group, change and tell, not its timeline. */
export const OVERDUE_FIELDS = ['_id', 'communityId', 'gridId', 'gridName', 'buildingName', 'categoryName', 'level', 'state', 'dueKind', 'deadlineClass', 'dueAt', 'handler'] as const;
const overdueDocSchema = z.pick(demandDocSchema, Object.fromEntries(OVERDUE_FIELDS.map((f) => [f, true])) as Record<(typeof OVERDUE_FIELDS)[number], true>);
export type OverdueDoc = z.infer<typeof overdueDocSchema>;

/** One page of demands whose deadline passed by `now`, earliest first, by the due-time index; only OVERDUE_FIELDS. */
export async function overdueDemands(now: Date, limit: number): Promise<OverdueDoc[]> {
  const _ = database().command;
  const fields = Object.fromEntries(OVERDUE_FIELDS.map((f) => [f, true]));
  const res = await demands()
    .where({ clock: 'deadline', dueAt: _.lte(now) })
    .field(fields)
    .orderBy('dueAt', 'asc')
    .limit(limit)
    .get();
  return parseDocs(overdueDocSchema, DEMANDS, dataOf(res));
}

/** One page of demands whose handler is due a warning (75% of the deadline) by `now`; only OVERDUE_FIELDS. */
export async function demandsToWarn(now: Date, limit: number): Promise<OverdueDoc[]> {
  const _ = database().command;
  const fields = Object.fromEntries(OVERDUE_FIELDS.map((f) => [f, true]));
  const res = await demands()
    .where({ clock: 'deadline', warnAt: _.lte(now) })
    .field(fields)
    .orderBy('warnAt', 'asc')
    .limit(limit)
    .get();
  return parseDocs(overdueDocSchema, DEMANDS, dataOf(res));
}

/** Marks many demands of one level warned (one update): those still due a warning at `now`. Answers how many. */
export async function warnGroup(ids: readonly string[], level: string, now: Date, entry: TimelineDoc, runId: string): Promise<number> {
  const _ = database().command;
  const res: unknown = await demands()
    .where({ _id: _.in([...ids]), clock: 'deadline', level, warnAt: _.lte(now) })
    .update({ data: { warnAt: null, lastSweep: runId, version: _.inc(1), timeline: _.push([entry]) } });
  return changedCount(res, 'updated');
}

/** One change the timer makes to many overdue demands alike (see escalateOverdue). */
export interface GroupChange {
  /** What the demands were when read: any that moved since (another run, a handler) is left alone. */
  expect: Pick<DemandDoc, 'level' | 'state' | 'dueKind'>;
  set: DemandPatch;
  push: { misses: DemandDoc['misses']; timeline: TimelineDoc[]; deadlines: DemandDoc['deadlines'] };
  stats: { set: Partial<Record<StatKey, number>>; inc: Partial<Record<StatKey, number>> };
  runId: string;
}

/**
 * Applies one change to many overdue demands in a single conditional update: only those still at
 * the level, state and clock they were read with and still overdue at `now`. Answers how many.
 */
export async function changeOverdueGroup(ids: readonly string[], now: Date, change: GroupChange): Promise<number> {
  const _ = database().command;
  const stats: Record<string, unknown> = { ...change.stats.set };
  for (const [k, n] of Object.entries(change.stats.inc)) stats[k] = _.inc(n);
  const res: unknown = await demands()
    .where({ _id: _.in([...ids]), clock: 'deadline', ...change.expect, dueAt: _.lte(now) })
    .update({
      data: {
        ...setWhole(change.set),
        lastSweep: change.runId,
        version: _.inc(1),
        stats,
        misses: _.push(change.push.misses),
        timeline: _.push(change.push.timeline),
        ...(change.push.deadlines.length ? { deadlines: _.push(change.push.deadlines) } : {}),
      },
    });
  return changedCount(res, 'updated');
}

/** Which of `ids` the run `runId` changed (read only when a group update changed fewer than it tried). */
export async function sweptBy(ids: readonly string[], runId: string): Promise<OverdueDoc[]> {
  const _ = database().command;
  const fields = Object.fromEntries(OVERDUE_FIELDS.map((f) => [f, true]));
  const res = await demands()
    .where({ _id: _.in([...ids]), lastSweep: runId })
    .field(fields)
    .limit(ids.length)
    .get();
  return parseDocs(overdueDocSchema, DEMANDS, dataOf(res));
}
