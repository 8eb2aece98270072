import { levelAbove } from '../../../domain/demands/access';
import { clockFor } from '../../../domain/demands/clock';
import { CALENDAR } from '../../../server/holidays';
import { DemandDoc, DemandPatch, TimelineDoc } from '../../../server/repositories/demands';
import { systemEntry } from './moves';

/**
 * A demand rising one level (grid → community → street): the new level gets a fresh deadline for
 * the step the demand is at (accept while submitted, resolve after). When the timer raises it, the
 * missed deadline is recorded against the level that missed it; at the street there is no level
 * above, so the miss is recorded once and the clock stops there (it stays overdue on every list).
 */
export function risePatch(doc: DemandDoc, now: Date): DemandPatch {
  const to = levelAbove(doc.level);
  if (!to) return {};
  return { level: to, ...clockFor(doc.state, doc.deadlineClass, now, CALENDAR) };
}

/** The timer's change for a demand whose deadline passed at its level, with its timeline entry. */
export function overduePatch(doc: DemandDoc, now: Date): { patch: DemandPatch; entry: TimelineDoc } {
  const missed = doc.dueKind ?? 'accept';
  const misses = [...doc.misses, { level: doc.level, deadline: missed, dueAt: doc.dueAt, at: now }];
  const to = levelAbove(doc.level);
  if (!to) {
    return {
      patch: { misses, clock: 'idle', warnAt: null, updatedAt: now },
      entry: systemEntry(now, doc, 'escalate', { missed, note: '街道办理超期' }),
    };
  }
  return { patch: { misses, ...risePatch(doc, now), updatedAt: now }, entry: systemEntry(now, doc, 'escalate', { missed, toLevel: to }) };
}
