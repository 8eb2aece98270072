import { levelAbove } from '../../../domain/demands/access';
import { clockFor } from '../../../domain/demands/clock';
import { Level } from '../../../domain/demands/model';
import { StatKey } from '../../../domain/demands/stats';
import { CALENDAR } from '../../../server/holidays';
import { GroupChange, OverdueDoc } from '../../../server/repositories/demand-sweeps';
import { DemandDoc, DemandPatch } from '../../../server/repositories/demands';
import { systemEntry } from './moves';

/**
 * A demand rising one level (grid → community → street): the new level gets a fresh deadline for
 * the step the demand is at (accept while submitted, resolve after).
 */
export function risePatch(doc: DemandDoc, now: Date): DemandPatch {
  const to = levelAbove(doc.level);
  if (!to) return {};
  return { level: to, ...clockFor(doc.state, doc.deadlineClass, now, CALENDAR) };
}

const MISS_STAT: Record<Level, StatKey> = { grid: 'missGrid', community: 'missCommunity', street: 'missStreet' };

/** Overdue demands alike in these are changed alike by the timer (one update for all of them). */
export const groupKey = (d: OverdueDoc) => `${d.level}|${d.state}|${d.dueKind}|${d.deadlineClass}`;

/**
 * The timer's change for overdue demands of one group: the miss is recorded against the level that
 * missed it and the demand rises, its new level's deadline starting now. At the street there is no
 * level above: the miss is recorded once and the clock stops (it stays overdue on every list). The
 * figures change by what a miss changes (statsOf would give the same): one more miss at the level,
 * and a missed resolve deadline makes the demand due and never on time.
 */
export function overdueChange(sample: OverdueDoc, now: Date, runId: string): GroupChange {
  const missed = sample.dueKind ?? 'accept';
  const to = levelAbove(sample.level);
  const expect = { level: sample.level, state: sample.state, dueKind: sample.dueKind };
  const misses = [{ level: sample.level, deadline: missed, at: now }];
  const stats = { set: missed === 'resolve' ? { resolveDue: 1, resolvedOnTime: 0 } : {}, inc: { [MISS_STAT[sample.level]]: 1 } };
  if (!to) {
    const entry = systemEntry(now, sample, 'escalate', { missed, note: '街道办理超期' });
    return { expect, set: { clock: 'idle', dueKind: null, warnAt: null, updatedAt: now }, push: { misses, timeline: [entry], deadlines: [] }, stats, runId };
  }
  const clock = clockFor(sample.state, sample.deadlineClass, now, CALENDAR);
  const deadlines = clock.clock === 'deadline' && clock.dueKind ? [{ level: to, kind: clock.dueKind, dueAt: clock.dueAt }] : [];
  const entry = systemEntry(now, sample, 'escalate', { missed, toLevel: to });
  return { expect, set: { level: to, ...clock, updatedAt: now }, push: { misses, timeline: [entry], deadlines }, stats, runId };
}
