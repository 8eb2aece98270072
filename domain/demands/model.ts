import * as z from '../zod';
import { fileIdSchema, geoPointSchema, idSchema, isoDateSchema, openidSchema, text } from '../common';
import { placeRefSchema } from '../people';
import { deadlineClassSchema } from './deadlines';

/**
 * Residents' demands (诉求): what a resident, a mobile grid worker, a building leader or the
 * committee reports, handled by a level (grid → community → street) on a deadline, escalated when
 * late, closed only by the reporter's word. The shapes every side shares.
 */

/** need: a request (服务代办 too); hazard: 隐患; dispute: 矛盾; suggestion: 民意征集. */
export const DEMAND_KINDS = ['need', 'hazard', 'dispute', 'suggestion'] as const;
export const demandKindSchema = z.enum(DEMAND_KINDS);
export type DemandKind = z.infer<typeof demandKindSchema>;
export const DEMAND_KIND_NAMES: Record<DemandKind, string> = { need: '需求', hazard: '隐患', dispute: '矛盾纠纷', suggestion: '意见建议' };

/** The level that handles a demand now. Urgent ones start at the community. */
export const LEVELS = ['grid', 'community', 'street'] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;
export const LEVEL_NAMES: Record<Level, string> = { grid: '网格', community: '居委会', street: '街道' };

/**
 * submitted → accepted (立案) → in_progress (assigned) → resolved → closed; or rejected, or
 * duplicate (merged into another); parked (挂账) while it waits for outside work.
 */
export const DEMAND_STATES = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate', 'parked'] as const;
export const demandStateSchema = z.enum(DEMAND_STATES);
export type DemandState = z.infer<typeof demandStateSchema>;
export const DEMAND_STATE_NAMES: Record<DemandState, string> = {
  submitted: '待受理',
  accepted: '已立案',
  in_progress: '办理中',
  resolved: '待确认',
  closed: '已办结',
  rejected: '不予受理',
  duplicate: '已合并',
  parked: '挂账',
};
/** States a demand can still move on from. */
export const OPEN_STATES: readonly DemandState[] = ['submitted', 'accepted', 'in_progress', 'resolved', 'parked'];
export const isOpenState = (s: DemandState) => OPEN_STATES.includes(s);

/** How the committee heard of it: in the app (default), a phone call, a visit. */
export const channelSchema = z.enum(['app', 'phone', 'visit']);
export type Channel = z.infer<typeof channelSchema>;

export const satisfactionSchema = z.enum(['satisfied', 'basic', 'unsatisfied']);
export type Satisfaction = z.infer<typeof satisfactionSchema>;
export const SATISFACTION_NAMES: Record<Satisfaction, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/** `text` is a place's name elsewhere, so a wrong type gets its own words here. */
export const demandTextSchema = z.string({ error: '诉求内容应为文字' }).check(
  z.trim(),
  z.refine((s) => [...s].length >= 1, '请写下你要反映的内容'),
  z.refine((s) => [...s].length <= 1000, '内容不能超过 1000 个字'),
);
export const demandNoteSchema = text(1, 500, '说明');
export const demandPhotosSchema = z.array(fileIdSchema).check(z.maxLength(9, '最多 9 张照片'));
export const categoryNameSchema = text(1, 20, '类别名称');

/**
 * Photos are the caller's own uploads: the page puts them at `demand/<their openid>/…` (cloudPathFor
 * with DEMAND_PHOTO_FOLDER), and the function refuses a fileID anywhere else.
 */
export const demandPhotoFolder = (openid: string) => `demand/${openid}`;
export function isOwnDemandPhoto(fileId: string, openid: string): boolean {
  const path = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)?.[1];
  return !!path && path.startsWith(`${demandPhotoFolder(openid)}/`) && !path.includes('..');
}

/** A community's category of demands, with its kind and deadline class. */
export const categorySchema = z.object({
  id: idSchema,
  communityId: idSchema,
  name: z.string(),
  kind: demandKindSchema,
  deadlineClass: deadlineClassSchema,
  archived: z.boolean(),
});
export type Category = z.infer<typeof categorySchema>;

/** What happened at a step, in the timeline. */
export const TIMELINE_ACTIONS = [
  'report',
  'accept',
  'reject',
  'merge',
  'assign',
  'update',
  'resolve',
  'confirm',
  'reopen',
  'escalate',
  'transfer',
  'extend',
  'park',
  'unpark',
  'warn',
  'autoClose',
  'meToo',
  /** The committee turned a 意见建议 into a council topic (议题); the note names it. */
  'topic',
] as const;
export const timelineActionSchema = z.enum(TIMELINE_ACTIONS);
export type TimelineAction = z.infer<typeof timelineActionSchema>;

/** Who acted, as a viewer may see them: the system (timer), the reporter, or a named handler. */
export const actorSchema = z.object({
  kind: z.enum(['system', 'reporter', 'handler']),
  /** Null when this viewer may not see who (a dispute's people, or anyone to the ledger). */
  displayName: z.nullable(z.string()),
  openid: z.nullable(openidSchema),
});

export const timelineEntrySchema = z.object({
  at: isoDateSchema,
  action: timelineActionSchema,
  actor: actorSchema,
  /** The level the demand was at when this happened (for an escalation: the level that missed or passed it on). */
  level: levelSchema,
  toLevel: z.nullable(levelSchema),
  note: z.nullable(z.string()),
  photos: z.array(z.string()),
  /** An escalation by the timer: which deadline the level missed. */
  missed: z.nullable(z.enum(['accept', 'resolve'])),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** A deadline a level missed: counted against that level on the dashboard. */
export const missSchema = z.object({ level: levelSchema, deadline: z.enum(['accept', 'resolve']), dueAt: isoDateSchema, at: isoDateSchema });

export const ratingSchema = z.object({ solved: z.boolean(), satisfaction: satisfactionSchema, comment: z.nullable(z.string()) });

/** Actions a viewer may take on a demand right now (pages show exactly these buttons). */
export const DEMAND_MOVES = ['accept', 'reject', 'merge', 'assign', 'update', 'resolve', 'confirm', 'reopen', 'escalate', 'transfer', 'extend', 'park', 'unpark', 'meToo'] as const;
export const demandMoveSchema = z.enum(DEMAND_MOVES);
export type DemandMove = z.infer<typeof demandMoveSchema>;

/** A demand as one viewer sees it; what they may not see is null or empty (see domain/demands/access.ts). */
export const demandSchema = z.object({
  id: idSchema,
  communityId: idSchema,
  kind: demandKindSchema,
  category: z.object({ id: idSchema, name: z.string() }),
  deadlineClass: deadlineClassSchema,
  /** Null for viewers a dispute's text is hidden from. */
  text: z.nullable(z.string()),
  photos: z.array(z.string()),
  building: z.nullable(placeRefSchema),
  grid: placeRefSchema,
  location: z.nullable(geoPointSchema),
  urgent: z.boolean(),
  /** Hidden from neighbours (me-toos, the ledger): never from the handlers. */
  anonymous: z.boolean(),
  channel: channelSchema,
  state: demandStateSchema,
  level: levelSchema,
  /** The resident it is for (the reporter, or who they acted for); null when hidden from this viewer. */
  reporter: z.nullable(z.object({ openid: openidSchema, displayName: z.string(), phone: z.nullable(z.string()) })),
  /** The building leader or committee member who entered it for the resident, if any. */
  enteredBy: z.nullable(z.object({ openid: openidSchema, displayName: z.string() })),
  handler: z.nullable(z.object({ openid: openidSchema, displayName: z.string() })),
  /** The deadline running now (accept or resolve at the current level), null when none runs. */
  dueAt: z.nullable(isoDateSchema),
  dueKind: z.nullable(z.enum(['accept', 'resolve', 'confirm', 'review'])),
  overdue: z.boolean(),
  misses: z.array(missSchema),
  reopenedAt: z.array(levelSchema),
  extended: z.boolean(),
  parked: z.nullable(z.object({ reason: z.string(), reviewOn: z.string() })),
  rejectedReason: z.nullable(z.string()),
  duplicateOf: z.nullable(idSchema),
  rating: z.nullable(ratingSchema),
  closedHow: z.nullable(z.enum(['confirmed', 'unrated'])),
  meTooCount: z.number(),
  /** This viewer said 我也遇到. */
  meToo: z.boolean(),
  /** This viewer reported it, or it was reported for them, or they entered it. */
  mine: z.boolean(),
  createdAt: isoDateSchema,
  acceptedAt: z.nullable(isoDateSchema),
  resolvedAt: z.nullable(isoDateSchema),
  closedAt: z.nullable(isoDateSchema),
  /** The whole timeline on `get`; empty in lists. */
  timeline: z.array(timelineEntrySchema),
  can: z.array(demandMoveSchema),
});
export type Demand = z.infer<typeof demandSchema>;

/** One line of the public ledger (台账): no text, no names. "每一件都有着落". */
export const ledgerLineSchema = z.object({
  id: idSchema,
  kind: demandKindSchema,
  category: z.string(),
  building: z.nullable(z.string()),
  grid: z.string(),
  state: demandStateSchema,
  level: levelSchema,
  createdAt: isoDateSchema,
  acceptedAt: z.nullable(isoDateSchema),
  resolvedAt: z.nullable(isoDateSchema),
  closedAt: z.nullable(isoDateSchema),
  /** Null while it is still running on time; false once any deadline was missed. */
  onTime: z.nullable(z.boolean()),
  parked: z.nullable(z.object({ reason: z.string(), reviewOn: z.string() })),
  meTooCount: z.number(),
});
export type LedgerLine = z.infer<typeof ledgerLineSchema>;

/** An open demand offered as 我也遇到 on submit: no text, no names. */
export const similarSchema = z.object({
  id: idSchema,
  category: z.string(),
  building: z.nullable(z.string()),
  distanceMetres: z.nullable(z.number()),
  state: demandStateSchema,
  createdAt: isoDateSchema,
  meTooCount: z.number(),
  meToo: z.boolean(),
});
export type Similar = z.infer<typeof similarSchema>;
