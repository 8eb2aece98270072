import { CONFIRM_WITHIN_MS, DeadlineClass, WorkCalendar, addSpan, deadlineFor, shanghaiMidnight, warningAt, DEADLINE_RULES } from './deadlines';
import { DemandState } from './model';

/**
 * Which clock runs on a demand in a state, from `start`: a deadline (accept while submitted,
 * resolve while accepted or in progress) with its 75% warning, the reporter's 3 days to confirm,
 * a parked demand's review day, or none. `dueAt` always has a value (the timer's index never loses
 * a key): with no clock running it is `start`, and `clock: 'idle'` keeps it out of every sweep.
 */
export interface ClockFields {
  clock: 'deadline' | 'confirm' | 'review' | 'idle';
  dueKind: 'accept' | 'resolve' | null;
  clockStart: Date;
  dueAt: Date;
  warnAt: Date | null;
}

export function clockFor(state: DemandState, cls: DeadlineClass, start: Date, calendar: WorkCalendar, reviewOn?: string): ClockFields {
  if (state === 'submitted' || state === 'accepted' || state === 'in_progress') {
    const dueKind = state === 'submitted' ? 'accept' : 'resolve';
    const dueAt = deadlineFor(cls, dueKind, start, calendar);
    return { clock: 'deadline', dueKind, clockStart: start, dueAt, warnAt: warningAt(start, dueAt) };
  }
  if (state === 'resolved') return { clock: 'confirm', dueKind: null, clockStart: start, dueAt: new Date(start.getTime() + CONFIRM_WITHIN_MS), warnAt: null };
  if (state === 'parked' && reviewOn) return { clock: 'review', dueKind: null, clockStart: start, dueAt: shanghaiMidnight(reviewOn), warnAt: null };
  return { clock: 'idle', dueKind: null, clockStart: start, dueAt: start, warnAt: null };
}

/** The complex class's one extension: the resolve deadline moves on by its span; the warning follows. */
export function extendedClock(current: ClockFields, cls: DeadlineClass, calendar: WorkCalendar): ClockFields {
  const span = DEADLINE_RULES[cls].extension;
  if (!span || current.clock !== 'deadline') return current;
  const dueAt = addSpan(current.dueAt, span, calendar);
  return { ...current, dueAt, warnAt: warningAt(current.clockStart, dueAt) };
}
