import * as z from './zod';
import { fileIdSchema, geoPointSchema, idSchema, isoDateSchema, openidSchema, text } from './common';
import { placeRefSchema } from './people';

/** The five 友邻 series every activity and service belongs to. */
export const SERIES = ['party', 'community', 'wellness', 'culture', 'civility'] as const;
export const seriesSchema = z.enum(SERIES);
export type Series = z.infer<typeof seriesSchema>;
export const SERIES_NAMES: Record<Series, string> = {
  party: '党群友邻',
  community: '社区友邻',
  wellness: '康养友邻',
  culture: '文化友邻',
  civility: '文明友邻',
};

/** Who may sign up: the whole community, some grids, some buildings, or anyone (public). */
export const audienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('public') }),
  z.strictObject({ kind: z.literal('community') }),
  z.strictObject({ kind: z.literal('grids'), ids: z.array(idSchema).check(z.minLength(1), z.maxLength(50)) }),
  z.strictObject({ kind: z.literal('buildings'), ids: z.array(idSchema).check(z.minLength(1), z.maxLength(200)) }),
]);
export type Audience = z.infer<typeof audienceSchema>;

const fieldRule = z.enum(['off', 'optional', 'required']);
/** The signup form: phone, companions (up to a number), and a free-text note. */
export const signupFormSchema = z.strictObject({
  phone: fieldRule,
  companionsMax: z.number().check(z.int(), z.minimum(0), z.maximum(10)),
  note: fieldRule,
  noteLabel: z.optional(text(1, 20, '备注标题')),
});
export type SignupForm = z.infer<typeof signupFormSchema>;

export const shiftInputSchema = z.strictObject({
  role: text(1, 20, '岗位'),
  startAt: isoDateSchema,
  endAt: isoDateSchema,
  capacity: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
  /** Hours credited for a full shift; actual hours are clamped to this. */
  hours: z.number().check(z.minimum(0.5), z.maximum(24)),
});
export const shiftSchema = z.object({
  id: idSchema,
  role: z.string(),
  startAt: isoDateSchema,
  endAt: isoDateSchema,
  capacity: z.number(),
  hours: z.number(),
  confirmed: z.number(),
});
export type Shift = z.infer<typeof shiftSchema>;

export const placeSchema = z.strictObject({
  text: text(1, 60, '地点'),
  location: z.optional(geoPointSchema),
  servicePointId: z.optional(idSchema),
});

export const activityFieldsSchema = z.strictObject({
  title: text(2, 30, '活动名称'),
  description: text(0, 2000, '活动介绍'),
  series: seriesSchema,
  place: placeSchema,
  startAt: isoDateSchema,
  endAt: isoDateSchema,
  signupOpensAt: isoDateSchema,
  signupClosesAt: isoDateSchema,
  capacity: z.number().check(z.int('名额应为整数'), z.minimum(1, '名额至少 1 个'), z.maximum(5000, '名额不能超过 5000')),
  approval: z.enum(['auto', 'committee']),
  audience: audienceSchema,
  form: signupFormSchema,
  shifts: z.array(shiftInputSchema).check(z.maxLength(20)),
  cover: z.optional(fileIdSchema),
  /** Points per credited hour (1 unless the activity says otherwise). */
  pointsPerHour: z.optional(z.number().check(z.minimum(0), z.maximum(10))),
  /** When set with a location, check-in requires being within this many metres (default 500). */
  checkinRadiusMetres: z.optional(z.number().check(z.int(), z.minimum(50), z.maximum(5000))),
});
export type ActivityFields = z.infer<typeof activityFieldsSchema>;

export const SIGNUP_STATUSES = ['pending', 'confirmed', 'waitlisted', 'rejected', 'cancelled'] as const;
export const signupStatusSchema = z.enum(SIGNUP_STATUSES);
export type SignupStatus = z.infer<typeof signupStatusSchema>;
export const SIGNUP_STATUS_NAMES: Record<SignupStatus, string> = {
  pending: '待审核',
  confirmed: '已报名',
  waitlisted: '候补中',
  rejected: '未通过',
  cancelled: '已取消',
};

export const answersSchema = z.strictObject({
  phone: z.optional(z.string().check(z.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号'))),
  companions: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10))),
  note: z.optional(text(1, 200, '备注')),
});
export type Answers = z.infer<typeof answersSchema>;

export const signupSchema = z.object({
  id: idSchema,
  activityId: idSchema,
  shiftId: z.nullable(idSchema),
  openid: openidSchema,
  status: signupStatusSchema,
  /** 1 for the person plus their companions. */
  seats: z.number(),
  /** Place in the waitlist (1 = next to be promoted), when waitlisted. */
  waitlistPosition: z.nullable(z.number()),
  reason: z.nullable(z.string()),
  createdAt: isoDateSchema,
  checkinAt: z.nullable(isoDateSchema),
  checkoutAt: z.nullable(isoDateSchema),
  hours: z.nullable(z.number()),
});
export type Signup = z.infer<typeof signupSchema>;

export const activitySchema = z.object({
  id: idSchema,
  communityId: idSchema,
  title: z.string(),
  description: z.string(),
  series: seriesSchema,
  place: z.object({ text: z.string(), location: z.optional(geoPointSchema), servicePointId: z.optional(idSchema) }),
  startAt: isoDateSchema,
  endAt: isoDateSchema,
  signupOpensAt: isoDateSchema,
  signupClosesAt: isoDateSchema,
  capacity: z.number(),
  approval: z.enum(['auto', 'committee']),
  audience: audienceSchema,
  form: signupFormSchema,
  shifts: z.array(shiftSchema),
  cover: z.nullable(fileIdSchema),
  pointsPerHour: z.number(),
  checkinRadiusMetres: z.nullable(z.number()),
  status: z.enum(['published', 'cancelled']),
  confirmed: z.number(),
  seatsLeft: z.number(),
  community: z.nullable(placeRefSchema),
  /** Who runs it and how to reach them: the community's 居委会 and its duty phone (never a person's own number). */
  organiser: z.nullable(z.object({ name: z.string(), phone: z.nullable(z.string()) })),
  /** A council meeting (听证会, 协调会, 评议会): the topic it deliberates. */
  councilTopicId: z.optional(idSchema),
});
export type Activity = z.infer<typeof activitySchema>;
