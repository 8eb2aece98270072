import * as z from '../zod';
import { activityFieldsSchema, activitySchema, answersSchema, seriesSchema, signupSchema, signupStatusSchema } from '../activities';
import { geoPointSchema, idSchema, isoDateSchema, openidSchema, pageInput, pageOf } from '../common';
import { reasonSchema } from '../people';

const summarySchema = z.object({
  id: idSchema,
  title: z.string(),
  series: seriesSchema,
  placeText: z.string(),
  startAt: isoDateSchema,
  endAt: isoDateSchema,
  capacity: z.number(),
  seatsLeft: z.number(),
  approval: z.enum(['auto', 'committee']),
  /** The list marks 即将截止 from it. */
  signupClosesAt: isoDateSchema,
  /** Signups waiting for approval: in the committee's list only. */
  waiting: z.optional(z.number()),
  status: z.enum(['published', 'cancelled']),
  cover: z.nullable(z.string()),
});

const rosterEntrySchema = z.object({
  signup: signupSchema,
  displayName: z.string(),
  phone: z.nullable(z.string()),
  building: z.nullable(z.string()),
  /** Their room in that building (from the same user document). */
  room: z.nullable(z.string()),
  answers: z.object({ companions: z.number(), note: z.nullable(z.string()) }),
});

/** The scanned token plus, when the activity asks for it, where the scanner is (sent after consent). */
const scanInput = z.strictObject({ activityId: idSchema, token: z.string().check(z.minLength(10), z.maxLength(200)), location: z.optional(geoPointSchema) });

/** Function `activity`: publishing, signing up, approving, waitlists, check-in and volunteer hours. */
export const activityContract = {
  create: { input: z.strictObject({ communityId: idSchema, fields: activityFieldsSchema }), output: activitySchema },
  update: { input: z.strictObject({ activityId: idSchema, fields: z.partial(activityFieldsSchema) }), output: activitySchema },
  cancelActivity: { input: z.strictObject({ activityId: idSchema, reason: reasonSchema }), output: activitySchema },
  review: {
    input: z
      .strictObject({
        activityId: idSchema,
        signupIds: z.array(idSchema).check(z.minLength(1), z.maxLength(100)),
        decision: z.enum(['approve', 'reject']),
        reason: z.optional(reasonSchema),
      })
      .check(z.refine((v) => v.decision === 'approve' || v.reason !== undefined, '拒绝时请写明理由')),
    output: z.object({
      results: z.array(z.object({ signupId: idSchema, status: signupStatusSchema, message: z.nullable(z.string()) })),
      confirmed: z.number(),
      seatsLeft: z.number(),
    }),
  },
  roster: {
    input: z.strictObject({
      activityId: idSchema,
      shiftId: z.optional(idSchema),
      status: z.optional(signupStatusSchema),
      format: z.optional(z.enum(['json', 'csv'])),
      unmask: z.optional(z.boolean()),
      ...pageInput,
    }),
    output: z.object({
      items: z.array(rosterEntrySchema),
      nextCursor: z.nullable(z.string()),
      /** The CSV export's file in cloud storage, and a link to it that works for 10 minutes (the file itself stays private). */
      csvFileId: z.nullable(z.string()),
      csvUrl: z.nullable(z.string()),
    }),
  },
  checkinCode: {
    input: z.strictObject({ activityId: idSchema, shiftId: z.optional(idSchema) }),
    output: z.object({ token: z.string(), expiresAt: isoDateSchema, refreshInSeconds: z.number() }),
  },
  list: {
    /** With `communityId`, as its committee: every activity of that community (cancelled ones too) that ended less than 30 days ago. */
    input: z.strictObject({ series: z.optional(seriesSchema), communityId: z.optional(idSchema), ...pageInput }),
    output: pageOf(summarySchema),
  },
  get: { input: z.strictObject({ activityId: idSchema }), output: z.object({ activity: activitySchema, mySignups: z.array(signupSchema) }) },
  signup: {
    input: z.strictObject({ activityId: idSchema, shiftId: z.optional(idSchema), answers: answersSchema }),
    output: signupSchema,
  },
  cancel: { input: z.strictObject({ signupId: idSchema }), output: signupSchema },
  mine: {
    input: z.strictObject({ status: z.optional(signupStatusSchema), ...pageInput }),
    output: pageOf(z.object({ signup: signupSchema, activity: summarySchema, nextStep: z.string() })),
  },
  checkin: { input: scanInput, output: signupSchema },
  checkout: { input: scanInput, output: signupSchema },
  hours: {
    input: z.strictObject({ year: z.optional(z.number().check(z.int(), z.minimum(2020), z.maximum(2100))) }),
    output: z.object({
      year: z.number(),
      hours: z.number(),
      points: z.number(),
      byMonth: z.array(z.object({ month: z.string(), hours: z.number(), points: z.number() })),
    }),
  },
  ranking: {
    input: z.strictObject({ communityId: idSchema, year: z.number().check(z.int(), z.minimum(2020), z.maximum(2100)), ...pageInput }),
    output: pageOf(z.object({ rank: z.number(), openid: openidSchema, displayName: z.string(), hours: z.number(), points: z.number() })),
  },
} as const;

export type ActivitySummary = z.infer<typeof summarySchema>;
export type RosterEntry = z.infer<typeof rosterEntrySchema>;
