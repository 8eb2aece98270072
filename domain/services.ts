import * as z from './zod';
import { geoPointSchema, idSchema, isoDateSchema, text } from './common';
import { seriesSchema } from './activities';
import { shanghaiClock, shanghaiDaysLater, shanghaiYear } from './shanghai-time';

/**
 * The service menu (服务菜单): service points of the 15-minute service circle, service items offered
 * there by co-building units in the five 友邻 series (SERIES in activities.ts), dated slots with
 * capacity generated from weekly templates, bookings with a signed code, redemption (核销) and ratings.
 */

/** Who may book an item: anyone, residents aged 60 or more by their stated birth year, or residents of some grids. */
export const eligibilitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everyone') }),
  z.strictObject({ kind: z.literal('elderly') }),
  z.strictObject({ kind: z.literal('grids'), ids: z.array(idSchema).check(z.minLength(1), z.maxLength(50)) }),
]);
export type Eligibility = z.infer<typeof eligibilitySchema>;

/** The age (in Shanghai calendar years) from which `elderly` items may be booked. */
export const ELDERLY_AGE = 60;

export const servicePointFieldsSchema = z.strictObject({
  name: text(2, 30, '服务点名称'),
  address: text(2, 60, '地址'),
  openingHours: text(1, 40, '开放时间'),
  location: geoPointSchema,
});
export type ServicePointFields = z.infer<typeof servicePointFieldsSchema>;

export const serviceItemFieldsSchema = z.strictObject({
  name: text(2, 30, '服务名称'),
  description: text(0, 500, '服务介绍'),
  series: seriesSchema,
  partnerId: idSchema,
  servicePointId: idSchema,
  durationMinutes: z.number().check(z.int('时长应为整数分钟'), z.minimum(5, '时长至少 5 分钟'), z.maximum(480, '时长不能超过 8 小时')),
  eligibility: eligibilitySchema,
  /** Bookings may be cancelled until this many hours before the slot starts. */
  cancelCutoffHours: z.number().check(z.int('取消截止应为整数小时'), z.minimum(0), z.maximum(168)),
});
export type ServiceItemFields = z.infer<typeof serviceItemFieldsSchema>;

/** A weekly slot template: weekday (1 Monday … 7 Sunday), start time in Shanghai, places. */
export const slotTemplateSchema = z.strictObject({
  weekday: z.number().check(z.int(), z.minimum(1), z.maximum(7)),
  startTime: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '开始时间应形如 09:30')),
  capacity: z.number().check(z.int('名额应为整数'), z.minimum(1, '名额至少 1 个'), z.maximum(500, '名额不能超过 500')),
});
export type SlotTemplate = z.infer<typeof slotTemplateSchema>;

export const providerRatingSchema = z.object({ average: z.nullable(z.number()), count: z.number() });

export const servicePointSchema = z.object({
  id: idSchema,
  communityId: idSchema,
  name: z.string(),
  address: z.string(),
  openingHours: z.string(),
  location: geoPointSchema,
});
export type ServicePoint = z.infer<typeof servicePointSchema>;

export const serviceItemSchema = z.object({
  id: idSchema,
  communityId: idSchema,
  name: z.string(),
  description: z.string(),
  series: seriesSchema,
  seriesName: z.string(),
  provider: z.object({ id: idSchema, name: z.string(), rating: providerRatingSchema }),
  servicePoint: z.nullable(z.object({ id: idSchema, name: z.string(), address: z.string() })),
  durationMinutes: z.number(),
  eligibility: eligibilitySchema,
  cancelCutoffHours: z.number(),
  schedule: z.array(z.object({ weekday: z.number(), startTime: z.string(), capacity: z.number() })),
  rating: providerRatingSchema,
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const slotSchema = z.object({
  id: idSchema,
  itemId: idSchema,
  startAt: isoDateSchema,
  endAt: isoDateSchema,
  capacity: z.number(),
  booked: z.number(),
  seatsLeft: z.number(),
  status: z.enum(['open', 'cancelled']),
});
export type Slot = z.infer<typeof slotSchema>;

export const bookingStatusSchema = z.enum(['booked', 'cancelled', 'completed']);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const bookingSchema = z.object({
  id: idSchema,
  itemId: idSchema,
  itemName: z.string(),
  slotId: idSchema,
  startAt: isoDateSchema,
  endAt: isoDateSchema,
  placeText: z.string(),
  status: bookingStatusSchema,
  /** Who cancelled: the resident, or the provider (with the reason). */
  cancelledBy: z.nullable(z.enum(['resident', 'provider'])),
  reason: z.nullable(z.string()),
  /** The signed booking code the provider scans (shown as QR); null once the booking is no longer live. */
  code: z.nullable(z.string()),
  /** Until when the resident may still cancel. */
  cancelUntil: isoDateSchema,
  redeemedAt: z.nullable(isoDateSchema),
  rating: z.nullable(z.object({ stars: z.number(), comment: z.nullable(z.string()), commentVisible: z.boolean() })),
});
export type Booking = z.infer<typeof bookingSchema>;

export { shanghaiYear };

/** Whether a stated birth year makes someone ELDERLY_AGE or older this (Shanghai) year. */
export function isElderly(birthYear: number | null, now: Date): boolean {
  return birthYear !== null && shanghaiYear(now) - birthYear >= ELDERLY_AGE;
}

/** Why someone may not book an item with this eligibility, or null when they may. */
export function eligibilityProblem(eligibility: Eligibility, communityId: string, person: { communityId: string | null; gridId: string | null; birthYear: number | null }, now: Date): string | null {
  if (eligibility.kind === 'everyone') return null;
  if (person.communityId !== communityId) return '这项服务只面向本居民区的居民，请先绑定楼组';
  if (eligibility.kind === 'elderly') return isElderly(person.birthYear, now) ? null : `这项服务面向 ${ELDERLY_AGE} 岁以上的居民，请在“我的”中填写出生年份`;
  return person.gridId !== null && eligibility.ids.includes(person.gridId) ? null : '这项服务只面向部分网格的居民';
}

/**
 * The start instants of a weekly template in the `weeks` weeks from `now` (Shanghai calendar),
 * later than `now`. The week of `now` counts as the first.
 */
export function slotStarts(template: SlotTemplate, now: Date, weeks: number): Date[] {
  const [hh, mm] = template.startTime.split(':').map(Number);
  const today = shanghaiClock(now);
  const weekday = today.weekday === 0 ? 7 : today.weekday;
  const starts: Date[] = [];
  for (let day = 0; day < weeks * 7; day++) {
    if (((weekday - 1 + day) % 7) + 1 !== template.weekday) continue;
    const at = new Date(shanghaiDaysLater(today.midnight, day) + (hh * 60 + mm) * 60_000);
    if (at > now) starts.push(at);
  }
  return starts;
}

/** `20261103-0930`: a slot's start in Shanghai, as part of its deterministic id. */
export function slotStamp(startAt: Date): string {
  const c = shanghaiClock(startAt);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${c.year}${two(c.month)}${two(c.day)}-${two(c.hour)}${two(c.minute)}`;
}
