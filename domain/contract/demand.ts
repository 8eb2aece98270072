import * as z from '../zod';
import { geoPointSchema, idSchema, openidSchema, pageInput, pageOf } from '../common';
import { reasonSchema } from '../people';
import { dashboardInputShape, dashboardSchema } from '../demands/dashboard';
import { calendarDaySchema, deadlineClassSchema } from '../demands/deadlines';
import {
  categoryNameSchema,
  categorySchema,
  channelSchema,
  demandKindSchema,
  demandNoteSchema,
  demandPhotosSchema,
  demandSchema,
  demandTextSchema,
  ledgerLineSchema,
  satisfactionSchema,
  similarSchema,
} from '../demands/model';

const demandInput = { demandId: idSchema };
/** Where a demand is: a building of the community, or (a mobile grid worker's 随手拍) a location snapped to the nearest building. */
const placeInput = { buildingId: z.optional(idSchema), location: z.optional(geoPointSchema) };

/**
 * Function `demand`: residents' demands (诉求) reported in the grid, handled on a deadline, escalated
 * when late (grid → community → street), closed only by the reporter; the public ledger and the
 * committee's and street's figures. Every write takes an idempotency key. See domain/demands/.
 */
export const demandContract = {
  /** A community's categories (kind and deadline class), for 我要反映; archived ones only for its committee. */
  categories: {
    input: z.strictObject({ communityId: z.optional(idSchema), includeArchived: z.optional(z.boolean()) }),
    output: z.object({ items: z.array(categorySchema) }),
  },
  /** The committee adds a category or changes one (name, kind, class, archived). */
  saveCategory: {
    input: z.strictObject({
      communityId: idSchema,
      categoryId: z.optional(idSchema),
      name: categoryNameSchema,
      kind: demandKindSchema,
      deadlineClass: deadlineClassSchema,
      archived: z.optional(z.boolean()),
    }),
    output: categorySchema,
  },
  /** Open demands of the same category within 100 m or in the same building, offered as 我也遇到 before submitting. */
  similar: {
    input: z.strictObject({ categoryId: idSchema, ...placeInput }),
    output: z.object({ items: z.array(similarSchema) }),
  },
  /**
   * 我要反映. A resident's place defaults to their building. A mobile grid worker gives a location
   * and at least one photo (snapped to the nearest building of the community). A building leader or
   * committee member reporting for a resident names them in `onBehalfOf`; the committee records a
   * call or visit with `channel`. `communityId` is needed only by people acting for a community that
   * is not their home (mobile grid workers, the committee).
   */
  report: {
    input: z.strictObject({
      communityId: z.optional(idSchema),
      categoryId: idSchema,
      text: demandTextSchema,
      photos: z.optional(demandPhotosSchema),
      ...placeInput,
      urgent: z.optional(z.boolean()),
      anonymous: z.optional(z.boolean()),
      onBehalfOf: z.optional(openidSchema),
      channel: z.optional(channelSchema),
    }),
    output: demandSchema,
  },
  /** 我也遇到: follow a neighbour's open demand; told when it closes. */
  meToo: { input: z.strictObject(demandInput), output: z.object({ meToo: z.boolean(), meTooCount: z.number() }) },
  /** 我的诉求: what I reported, what was reported for me or by me, and what I said 我也遇到 to; newest first. */
  mine: {
    input: z.strictObject({ open: z.optional(z.boolean()), ...pageInput }),
    output: pageOf(demandSchema),
  },
  /** One demand with its whole timeline, as this viewer may see it. */
  get: { input: z.strictObject(demandInput), output: demandSchema },
  /**
   * 网格工作台: the open demands a handler's level holds, earliest deadline first (overdue first).
   * A grid worker names their grid; the committee their community (all its grids, or one); an admin the street.
   */
  inbox: {
    input: z.strictObject({
      scope: z.enum(['grid', 'community', 'street']),
      gridId: z.optional(idSchema),
      communityId: z.optional(idSchema),
      /** Only demands currently at this level (default: the scope's own level). */
      level: z.optional(z.enum(['grid', 'community', 'street'])),
      ...pageInput,
    }),
    output: pageOf(demandSchema),
  },
  /** 立案. */
  accept: { input: z.strictObject({ ...demandInput, note: z.optional(demandNoteSchema) }), output: demandSchema },
  reject: { input: z.strictObject({ ...demandInput, reason: reasonSchema }), output: demandSchema },
  /** Marks it a duplicate of another open demand of the community: its reporter follows that one as 我也遇到. */
  merge: { input: z.strictObject({ ...demandInput, into: idSchema, note: z.optional(demandNoteSchema) }), output: demandSchema },
  /** Gives it to a handler of its level (default: the caller) → in_progress. */
  assign: { input: z.strictObject({ ...demandInput, handlerOpenid: z.optional(openidSchema), note: z.optional(demandNoteSchema) }), output: demandSchema },
  /** A progress note (and photos) on the timeline. */
  update: { input: z.strictObject({ ...demandInput, note: demandNoteSchema, photos: z.optional(demandPhotosSchema) }), output: demandSchema },
  /** Done: the handler's note and at least one after-photo; the reporter is asked to confirm. */
  resolve: {
    input: z.strictObject({ ...demandInput, note: demandNoteSchema, photos: demandPhotosSchema.check(z.minLength(1, '请上传至少一张办理后的照片')) }),
    output: demandSchema,
  },
  /** The reporter's word: solved or not, satisfied / basically / not, a comment → closed. */
  confirm: {
    input: z.strictObject({ ...demandInput, solved: z.boolean(), satisfaction: satisfactionSchema, comment: z.optional(demandNoteSchema) }),
    output: demandSchema,
  },
  /** Not done after all: back to in_progress at the same level, once per level. */
  reopen: { input: z.strictObject({ ...demandInput, reason: reasonSchema }), output: demandSchema },
  /** Passes it up one level by hand, with a reason. */
  escalate: { input: z.strictObject({ ...demandInput, reason: reasonSchema }), output: demandSchema },
  /** Passes it to another grid of the community (it belongs there). */
  transfer: { input: z.strictObject({ ...demandInput, gridId: idSchema, reason: reasonSchema }), output: demandSchema },
  /** The committee grants a complex demand its one extension (another 15 working days), with a reason. */
  extend: { input: z.strictObject({ ...demandInput, reason: reasonSchema }), output: demandSchema },
  /** 挂账: the committee parks it while outside work is awaited, with a reason and a Shanghai day to review it. */
  park: { input: z.strictObject({ ...demandInput, reason: reasonSchema, reviewOn: calendarDaySchema }), output: demandSchema },
  /** Back to in_progress with a fresh resolve deadline. */
  unpark: { input: z.strictObject({ ...demandInput, note: demandNoteSchema }), output: demandSchema },
  /** The public ledger (台账) of a building or a grid: one line a demand, newest first; no text, no names. */
  ledger: {
    input: z
      .strictObject({ buildingId: z.optional(idSchema), gridId: z.optional(idSchema), ...pageInput })
      .check(z.refine((v) => (v.buildingId === undefined) !== (v.gridId === undefined), '请选择一个楼组或一个网格')),
    output: pageOf(ledgerLineSchema),
  },
  /** The committee's (a community) or the street's (all communities) figures for a period; CSV export. */
  dashboard: {
    input: z.strictObject({ ...dashboardInputShape, format: z.optional(z.enum(['json', 'csv'])) }),
    output: dashboardSchema,
  },
} as const;
