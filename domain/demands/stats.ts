import { Figures, Rate } from './dashboard';
import { DemandState, Level, Satisfaction } from './model';

/**
 * What one demand adds to the figures, worked out from its timeline and misses each time it changes
 * and stored with it (as 0/1), so the dashboard sums them in one aggregation. See dashboard.ts for
 * what each rate means.
 */
export interface DemandStats {
  counted: number;
  open: number;
  closed: number;
  rejected: number;
  parked: number;
  unrated: number;
  responded: number;
  respondedOnTime: number;
  resolveDue: number;
  resolvedOnTime: number;
  resolvedEver: number;
  reopened: number;
  rated: number;
  solved: number;
  satisfied: number;
  basic: number;
  missGrid: number;
  missCommunity: number;
  missStreet: number;
  /** Days from report to close, when closed. */
  closeDays: number | null;
}
export const STAT_KEYS = [
  'counted',
  'open',
  'closed',
  'rejected',
  'parked',
  'unrated',
  'responded',
  'respondedOnTime',
  'resolveDue',
  'resolvedOnTime',
  'resolvedEver',
  'reopened',
  'rated',
  'solved',
  'satisfied',
  'basic',
  'missGrid',
  'missCommunity',
  'missStreet',
] as const;
export type StatKey = (typeof STAT_KEYS)[number];

export interface StatsInput {
  state: DemandState;
  timeline: readonly { action: string }[];
  misses: readonly { level: Level; deadline: 'accept' | 'resolve' }[];
  rating: { solved: boolean; satisfaction: Satisfaction } | null;
  closedHow: 'confirmed' | 'unrated' | null;
  createdAt: Date;
  closedAt: Date | null;
}

const DAY = 86_400_000;
const bit = (b: boolean) => (b ? 1 : 0);

export function statsOf(d: StatsInput): DemandStats {
  const did = (action: string) => d.timeline.some((e) => e.action === action);
  // Merged into another demand: it counts there, never on its own.
  if (d.state === 'duplicate') return { ...Object.fromEntries(STAT_KEYS.map((k) => [k, 0])), closeDays: null } as unknown as DemandStats;
  const acceptMiss = d.misses.some((m) => m.deadline === 'accept');
  const resolveMiss = d.misses.some((m) => m.deadline === 'resolve');
  const responded = did('accept') || did('reject');
  const resolvedEver = did('resolve');
  const rated = d.closedHow === 'confirmed' && d.rating !== null;
  const missesAt = (level: Level) => d.misses.filter((m) => m.level === level).length;
  return {
    counted: 1,
    open: bit(!['closed', 'rejected'].includes(d.state)),
    closed: bit(d.state === 'closed'),
    rejected: bit(d.state === 'rejected'),
    parked: bit(d.state === 'parked'),
    unrated: bit(d.closedHow === 'unrated'),
    responded: bit(responded),
    respondedOnTime: bit(responded && !acceptMiss),
    resolveDue: bit(resolvedEver || resolveMiss),
    resolvedOnTime: bit(resolvedEver && !resolveMiss),
    resolvedEver: bit(resolvedEver),
    reopened: bit(did('reopen')),
    rated: bit(rated),
    solved: bit(rated && d.rating!.solved),
    satisfied: bit(rated && d.rating!.satisfaction === 'satisfied'),
    basic: bit(rated && d.rating!.satisfaction === 'basic'),
    missGrid: missesAt('grid'),
    missCommunity: missesAt('community'),
    missStreet: missesAt('street'),
    closeDays: d.state === 'closed' && d.closedAt ? (d.closedAt.getTime() - d.createdAt.getTime()) / DAY : null,
  };
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000 };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 100) / 100;
}

/** Summed stats (and the close days) → the figures a dashboard shows. */
export function figuresOf(sum: Record<StatKey, number>, closeDays: readonly number[]): Figures {
  return {
    reported: sum.counted,
    open: sum.open,
    closed: sum.closed,
    rejected: sum.rejected,
    parked: sum.parked,
    unrated: sum.unrated,
    response: rate(sum.respondedOnTime, sum.counted),
    onTime: rate(sum.resolvedOnTime, sum.resolveDue),
    solved: rate(sum.solved, sum.rated),
    satisfied: rate(sum.satisfied, sum.rated),
    basicallySatisfied: sum.basic,
    reopen: rate(sum.reopened, sum.resolvedEver),
    medianDaysToClose: median(closeDays),
    misses: { grid: sum.missGrid, community: sum.missCommunity, street: sum.missStreet },
  };
}

export function sumStats(all: readonly DemandStats[]): { sum: Record<StatKey, number>; closeDays: number[] } {
  const sum = Object.fromEntries(STAT_KEYS.map((k) => [k, 0])) as Record<StatKey, number>;
  const closeDays: number[] = [];
  for (const s of all) {
    for (const k of STAT_KEYS) sum[k] += s[k];
    if (s.closeDays !== null) closeDays.push(s.closeDays);
  }
  return { sum, closeDays };
}
