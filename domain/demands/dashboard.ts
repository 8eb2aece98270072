import * as z from '../zod';
import { idSchema, isoDateSchema } from '../common';
import { placeRefSchema } from '../people';
import { calendarDaySchema } from './deadlines';
import { demandKindSchema, demandStateSchema, levelSchema } from './model';

/**
 * The committee's and the street's figures, the shapes. Every rate comes with its numerator and
 * denominator (null when nothing is in the denominator), so a page can say "12/15" beside "80%".
 *
 * - 响应率 response: answered (accepted, rejected or merged) before the first accept deadline ÷ all reported.
 * - 按期办结率 onTime: resolved with no resolve deadline missed ÷ all due (resolved, or a resolve deadline missed).
 * - 解决率 solved: the reporter said solved ÷ rated.   - 满意率 satisfied: "satisfied" ÷ rated (unrated never counts).
 * - reopen: reopened at least once ÷ resolved at least once.
 * Merged duplicates count in the demand they were merged into, not on their own.
 */
export const rateSchema = z.object({ numerator: z.number(), denominator: z.number(), rate: z.nullable(z.number()) });
export type Rate = z.infer<typeof rateSchema>;

export const figuresSchema = z.object({
  reported: z.number(),
  open: z.number(),
  closed: z.number(),
  rejected: z.number(),
  parked: z.number(),
  unrated: z.number(),
  response: rateSchema,
  onTime: rateSchema,
  solved: rateSchema,
  satisfied: rateSchema,
  basicallySatisfied: z.number(),
  reopen: rateSchema,
  /** Calendar days from report to close, the median over closed demands (null when none closed). */
  medianDaysToClose: z.nullable(z.number()),
  /** Deadlines missed, counted against the level that missed them. */
  misses: z.object({ grid: z.number(), community: z.number(), street: z.number() }),
});
export type Figures = z.infer<typeof figuresSchema>;

export const overdueLineSchema = z.object({
  id: idSchema,
  kind: demandKindSchema,
  category: z.string(),
  communityId: idSchema,
  grid: z.string(),
  building: z.nullable(z.string()),
  state: demandStateSchema,
  level: levelSchema,
  dueAt: z.nullable(isoDateSchema),
  /** The levels that missed a deadline on it, in order. */
  missedBy: z.array(levelSchema),
});
export type OverdueLine = z.infer<typeof overdueLineSchema>;

export const dashboardInputShape = {
  /** A community (its committee, or an admin); absent: the whole street (admin only). */
  communityId: z.optional(idSchema),
  /** Demands reported from this Shanghai day to that one, both included. */
  from: calendarDaySchema,
  to: calendarDaySchema,
};

export const dashboardSchema = z.object({
  communityId: z.nullable(idSchema),
  from: z.string(),
  to: z.string(),
  totals: figuresSchema,
  byCategory: z.array(z.object({ category: z.object({ id: idSchema, name: z.string() }), figures: figuresSchema })),
  byGrid: z.array(z.object({ grid: placeRefSchema, figures: figuresSchema })),
  /** Demands still open that missed a deadline, most overdue first (at most 20; `overdueCount` says how many in all). */
  overdue: z.array(overdueLineSchema),
  overdueCount: z.number(),
  /** With `format: 'csv'`: one row per demand (no text, no names), a private file and a 10-minute link. */
  csvFileId: z.nullable(z.string()),
  csvUrl: z.nullable(z.string()),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
