import fc from 'fast-check';
import holidays from '../../config/holidays.json';
import { DeadlineClass, deadlineFor, holidayCalendarSchema, warningAt, workCalendar } from '../../domain/demands/deadlines';
import { DemandState, Level, Satisfaction } from '../../domain/demands/model';

/**
 * The reference model of demands for demand-model.test.ts: the state machine written out plainly,
 * with its own reading of the rules (who acts when, deadlines per level, escalation by the timer,
 * the 75% warning, closing unrated after 3 days) and its own count of the rates from its timelines.
 */
export const CALENDAR = workCalendar(holidayCalendarSchema.parse(holidays));
const LEVELS: Level[] = ['grid', 'community', 'street'];
const DAY = 86_400_000;

export interface Clock {
  kind: 'accept' | 'resolve' | 'confirm' | 'review' | 'idle';
  start: number;
  due: number;
  warnAt: number | null;
}
export interface MDemand {
  id: string;
  reporter: string;
  grid: 1 | 2;
  cls: DeadlineClass;
  state: DemandState;
  level: Level;
  handler: boolean;
  reopenedAt: Level[];
  misses: { level: Level; deadline: 'accept' | 'resolve' }[];
  clock: Clock;
  timeline: string[];
  rating: { solved: boolean; satisfaction: Satisfaction } | null;
  closedHow: 'confirmed' | 'unrated' | null;
  createdAt: number;
  closedAt: number | null;
}

export type Command =
  | { kind: 'report'; category: 'light' | 'policy' | 'fireExit'; urgent: boolean; grid: 1 | 2 }
  | { kind: 'accept' | 'reject' | 'assign' | 'update' | 'resolve' | 'reopen' | 'escalate' | 'transfer' | 'park' | 'unpark'; pick: number }
  | { kind: 'confirm'; pick: number; solved: boolean; satisfaction: Satisfaction }
  | { kind: 'time'; minutes: number }
  /** The next natural step for the demand's state (or, with `alt`, the other one): see `advanced`. */
  | { kind: 'advance'; pick: number; alt: boolean; solved: boolean; satisfaction: Satisfaction };

export const CATEGORY_CLASS: Record<'light' | 'policy' | 'fireExit', DeadlineClass> = { light: 'general', policy: 'consult', fireExit: 'urgent' };

/** Steps of time never land on a whole hour from an action: 17 minutes past, over spans of hours to days. */
const TIME_STEPS = [17, 2 * 60 + 17, 9 * 60 + 17, 24 * 60 + 17, 2 * 24 * 60 + 17, 6 * 24 * 60 + 17];

/** Mostly the newest demand (0), so lifecycles run to their end; sometimes an older one. */
const pick = fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(4) });
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('report' as const),
      category: fc.constantFrom('light' as const, 'policy' as const, 'fireExit' as const),
      urgent: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
      grid: fc.constantFrom(1 as const, 2 as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('time' as const), minutes: fc.constantFrom(...TIME_STEPS) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('accept' as const, 'assign' as const, 'resolve' as const), pick }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constantFrom('reject' as const, 'update' as const, 'reopen' as const, 'escalate' as const, 'transfer' as const, 'park' as const, 'unpark' as const), pick }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('confirm' as const), pick, solved: fc.boolean(), satisfaction: fc.constantFrom('satisfied' as const, 'basic' as const, 'unsatisfied' as const) }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      pick,
      alt: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      solved: fc.boolean(),
      satisfaction: fc.constantFrom('satisfied' as const, 'basic' as const, 'unsatisfied' as const),
    }),
  },
);

/** What `advance` means for a demand now: accept (or reject), assign (or park), resolve (or update), confirm (or reopen), unpark. */
export function advanced(c: Extract<Command, { kind: 'advance' }>, d: MDemand): Command {
  const { pick, solved, satisfaction } = c;
  switch (d.state) {
    case 'submitted':
      return { kind: c.alt ? 'reject' : 'accept', pick };
    case 'accepted':
      return { kind: c.alt ? 'park' : 'assign', pick };
    case 'in_progress':
      return { kind: c.alt ? 'update' : 'resolve', pick };
    case 'resolved':
      return c.alt ? { kind: 'reopen', pick } : { kind: 'confirm', pick, solved, satisfaction };
    case 'parked':
      return { kind: 'unpark', pick };
    default:
      return { kind: 'update', pick };
  }
}
export const scenarioArb = fc.array(commandArb, { minLength: 3, maxLength: 9 }).map((cs) => [{ kind: 'report', category: 'light', urgent: false, grid: 1 } as Command, ...cs]);

/** A fresh clock for a state from `start`, as the model reads the deadline rules. */
export function clockOf(state: DemandState, cls: DeadlineClass, start: number): Clock {
  if (state === 'submitted' || state === 'accepted' || state === 'in_progress') {
    const kind = state === 'submitted' ? 'accept' : 'resolve';
    const due = deadlineFor(cls, kind, new Date(start), CALENDAR).getTime();
    return { kind, start, due, warnAt: warningAt(new Date(start), new Date(due)).getTime() };
  }
  if (state === 'resolved') return { kind: 'confirm', start, due: start + 3 * DAY, warnAt: null };
  if (state === 'parked') return { kind: 'review', start, due: Date.parse('2099-01-01T00:00:00+08:00'), warnAt: null };
  return { kind: 'idle', start, due: start, warnAt: null };
}

export const above = (level: Level): Level | null => LEVELS[LEVELS.indexOf(level) + 1] ?? null;
const WORKING: DemandState[] = ['accepted', 'in_progress'];
const BEFORE_DONE: DemandState[] = ['submitted', 'accepted', 'in_progress'];

/** Whether a move can be made now (the right person is always the one asking in the test). */
export function allowed(kind: Command['kind'], d: MDemand): boolean {
  switch (kind) {
    case 'accept':
    case 'reject':
      return d.state === 'submitted';
    case 'assign':
      return WORKING.includes(d.state);
    case 'update':
      return [...WORKING, 'parked'].includes(d.state);
    case 'resolve':
      return d.state === 'in_progress';
    case 'confirm':
      return d.state === 'resolved';
    case 'reopen':
      return d.state === 'resolved' && !d.reopenedAt.includes(d.level);
    case 'escalate':
      return d.level !== 'street' && BEFORE_DONE.includes(d.state);
    case 'transfer':
      return d.level === 'grid' && BEFORE_DONE.includes(d.state);
    case 'park':
      return WORKING.includes(d.state);
    case 'unpark':
      return d.state === 'parked';
    default:
      return true;
  }
}

/** The model's change for a move made at `at` (the time the function recorded). */
export function apply(c: Command, d: MDemand, at: number): void {
  const set = (state: DemandState, fresh = true) => {
    d.state = state;
    if (fresh) d.clock = clockOf(state, d.cls, at);
  };
  d.timeline.push(c.kind);
  switch (c.kind) {
    case 'accept':
      return set('accepted');
    case 'reject':
      return set('rejected');
    case 'assign':
      d.handler = true;
      return set('in_progress', false);
    case 'update':
      return;
    case 'resolve':
      return set('resolved');
    case 'confirm':
      d.rating = { solved: c.solved, satisfaction: c.satisfaction };
      d.closedHow = 'confirmed';
      d.closedAt = at;
      return set('closed');
    case 'reopen':
      d.reopenedAt.push(d.level);
      return set('in_progress');
    case 'escalate':
      d.level = above(d.level)!;
      return set(d.state);
    case 'transfer':
      d.grid = d.grid === 1 ? 2 : 1;
      d.handler = false;
      return set(d.state === 'in_progress' ? 'accepted' : d.state);
    case 'park':
      return set('parked');
    case 'unpark':
      return set(d.handler ? 'in_progress' : 'accepted');
    default:
      return;
  }
}

/** One run of the timer at `now` over every demand: escalate the overdue, then warn at 75%, then close the unconfirmed. */
export function timerRun(all: MDemand[], now: number): void {
  const raised = new Set<string>();
  for (const d of all) {
    if ((d.clock.kind === 'accept' || d.clock.kind === 'resolve') && d.clock.due <= now) {
      d.misses.push({ level: d.level, deadline: d.clock.kind });
      d.timeline.push('escalate');
      raised.add(d.id);
      const to = above(d.level);
      if (to) {
        d.level = to;
        d.clock = clockOf(d.state, d.cls, now);
      } else d.clock = { ...d.clock, kind: 'idle', warnAt: null };
    }
  }
  for (const d of all) {
    if (raised.has(d.id) || (d.clock.kind !== 'accept' && d.clock.kind !== 'resolve') || d.clock.warnAt === null || d.clock.warnAt > now) continue;
    d.timeline.push('warn');
    d.clock = { ...d.clock, warnAt: null };
  }
  for (const d of all) {
    if (d.clock.kind !== 'confirm' || d.clock.due > now) continue;
    d.state = 'closed';
    d.closedHow = 'unrated';
    d.closedAt = now;
    d.clock = clockOf('closed', d.cls, now);
    d.timeline.push('autoClose');
  }
}

/** The model's own count of the figures, from its demands' timelines. */
export function modelFigures(all: MDemand[]) {
  const has = (d: MDemand, a: string) => d.timeline.includes(a);
  const n = (f: (d: MDemand) => boolean) => all.filter(f).length;
  const rated = (d: MDemand) => d.closedHow === 'confirmed';
  const closeDays = all
    .filter((d) => d.state === 'closed')
    .map((d) => (d.closedAt! - d.createdAt) / DAY)
    .sort((a, b) => a - b);
  const mid = closeDays.length >> 1;
  return {
    reported: all.length,
    closed: n((d) => d.state === 'closed'),
    rejected: n((d) => d.state === 'rejected'),
    unrated: n((d) => d.closedHow === 'unrated'),
    response: [n((d) => (has(d, 'accept') || has(d, 'reject')) && !d.misses.some((m) => m.deadline === 'accept')), all.length],
    onTime: [n((d) => has(d, 'resolve') && !d.misses.some((m) => m.deadline === 'resolve')), n((d) => has(d, 'resolve') || d.misses.some((m) => m.deadline === 'resolve'))],
    solved: [n((d) => rated(d) && d.rating!.solved), n(rated)],
    satisfied: [n((d) => rated(d) && d.rating!.satisfaction === 'satisfied'), n(rated)],
    reopen: [n((d) => has(d, 'reopen')), n((d) => has(d, 'resolve'))],
    misses: { grid: count(all, 'grid'), community: count(all, 'community'), street: count(all, 'street') },
    medianDaysToClose: closeDays.length === 0 ? null : Math.round((closeDays.length % 2 ? closeDays[mid] : (closeDays[mid - 1] + closeDays[mid]) / 2) * 100) / 100,
  };
}
const count = (all: MDemand[], level: Level) => all.reduce((s, d) => s + d.misses.filter((m) => m.level === level).length, 0);
