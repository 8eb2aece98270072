import { SHANGHAI_OFFSET_MS, shanghaiDay } from '../shanghai-time';
import { ClaimState, PointsSettings, TaskKind } from './model';

/** The pure rules of claims, hours and shifts; the function and the model test share them. */

/** No member is credited more than this many hours on one Shanghai calendar day. */
export const DAY_CAP_HOURS = 8;
const SHANGHAI_MS = SHANGHAI_OFFSET_MS;

/** `YYYY-MM-DD` of an instant in Asia/Shanghai. */
export const shanghaiDate = shanghaiDay;

/** The instant of `HH:MM` on a Shanghai calendar day. */
export function shanghaiInstant(date: string, clock: string): Date {
  return new Date(new Date(`${date}T${clock}:00Z`).getTime() - SHANGHAI_MS);
}

/** 1 = Monday … 7 = Sunday, of a Shanghai calendar day. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Shanghai days from `from` (inclusive) for `days` days whose weekday is one of `weekdays`. */
export function rotaDates(from: Date, days: number, weekdays: readonly number[]): string[] {
  const start = shanghaiDate(from);
  const out: string[] = [];
  for (let i = 0; i < days; i++) {
    const date = new Date(new Date(`${start}T00:00:00Z`).getTime() + i * 86_400_000).toISOString().slice(0, 10);
    if (weekdays.includes(weekdayOf(date))) out.push(date);
  }
  return out;
}

/** A shift occurrence's id: the same for the same rota and day, so generating twice makes it once. */
export function shiftOccurrenceId(rotaId: string, date: string): string {
  return `${rotaId.slice(0, 40)}-${date.replace(/-/g, '')}`;
}

/** Hours of a stay, clamped to the shift's window, in quarter hours rounded down. */
export function stayHours(checkinAt: Date, checkoutAt: Date, window: { startAt: Date | null; endAt: Date | null }): number {
  const from = Math.max(checkinAt.getTime(), window.startAt?.getTime() ?? -Infinity);
  const to = Math.min(checkoutAt.getTime(), window.endAt?.getTime() ?? Infinity);
  return Math.max(0, Math.floor(((to - from) / 3600_000) * 4) / 4);
}

/** What the day's cap leaves of `hours` when `already` hours were credited that day. */
export function cappedHours(hours: number, already: number): number {
  return Math.max(0, Math.min(hours, DAY_CAP_HOURS - already));
}

export function pointsFor(kind: TaskKind, hours: number, settings: PointsSettings): number {
  const bonus = kind === 'event' ? 0 : settings.byKind[kind];
  return Math.round((hours * settings.perHour + (hours > 0 ? bonus : 0)) * 100) / 100;
}

/** Claims still holding a place. */
export const LIVE_CLAIM_STATES: readonly ClaimState[] = ['claimed', 'checkedIn', 'submitted'];
export const isLiveClaim = (s: ClaimState) => LIVE_CLAIM_STATES.includes(s);

/** The moves of a claim and the states each may start from. */
export const CLAIM_MOVES = {
  cancel: ['claimed'],
  checkin: ['claimed'],
  checkout: ['checkedIn'],
  submitProof: ['claimed'],
  verify: ['submitted'],
  rejectProof: ['submitted'],
} as const satisfies Record<string, readonly ClaimState[]>;
export type ClaimMove = keyof typeof CLAIM_MOVES;
export const mayMove = (move: ClaimMove, from: ClaimState) => (CLAIM_MOVES[move] as readonly ClaimState[]).includes(from);

/** Where a claim goes by a move. */
export const CLAIM_NEXT: Record<ClaimMove, ClaimState> = {
  cancel: 'cancelled',
  checkin: 'checkedIn',
  checkout: 'submitted',
  submitProof: 'submitted',
  verify: 'verified',
  rejectProof: 'rejected',
};

/** ★1–★5 from a score out of 100. */
export function starsOf(score: number): number {
  if (score >= 90) return 5;
  if (score >= 80) return 4;
  if (score >= 70) return 3;
  if (score >= 60) return 2;
  return 1;
}

/** Verified hours in a year that earn the full activity part of the score (about an hour a week). */
export const FULL_ACTIVITY_HOURS = 48;
/** Days a year's stars are posted for objections before they are final. */
export const OBJECTION_DAYS = 5;

/**
 * 岗位评星: a score out of 100 from verified activity (40%: hours against FULL_ACTIVITY_HOURS),
 * residents' ratings (30%: the average of 1–5 as a share of 5; a member nobody rated gets the middle,
 * 3 of 5, so being unrated is neither punished nor rewarded), peers (10%) and the party
 * organisation (20%), each of those two out of 100.
 */
export function yearScore(parts: { hours: number; rating: number | null; peer: number; party: number }): number {
  const activity = Math.min(1, parts.hours / FULL_ACTIVITY_HOURS) * 100;
  const residents = ((parts.rating ?? 3) / 5) * 100;
  const score = activity * 0.4 + residents * 0.3 + parts.peer * 0.1 + parts.party * 0.2;
  return Math.round(score * 10) / 10;
}
