import * as z from './zod';
import { shanghaiMinute } from './shanghai-time';

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai: how instants are written into subscription messages. */
export { shanghaiMinute };

/**
 * Subscription messages, the pure part: which notices exist, how the template configuration
 * (config/subscription-templates.json) is shaped, what each notice says, and how a value is fitted
 * to WeChat's rules for its field type. No SDK here: the sending lives in server/notifications.ts.
 */

export const ACTIVITY_NOTICE_KINDS = ['signupApproved', 'signupRejected', 'promoted', 'activityCancelled', 'activityReminder'] as const;
/** Bookings of the service menu: confirmed, reminded before the slot, cancelled by the provider. */
export const BOOKING_NOTICE_KINDS = ['bookingConfirmed', 'bookingReminder', 'bookingCancelled'] as const;
/**
 * Residents' demands: accepted (立案) and resolved (please confirm) to the reporter, escalated to the
 * new level's people, an overdue warning to the handler at 75% of a deadline, closed to the me-toos.
 */
export const DEMAND_NOTICE_KINDS = ['demandAccepted', 'demandResolved', 'demandEscalated', 'demandOverdue', 'demandClosed'] as const;
export const NOTICE_KINDS = [...ACTIVITY_NOTICE_KINDS, ...BOOKING_NOTICE_KINDS, ...DEMAND_NOTICE_KINDS] as const;
export const noticeKindSchema = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof noticeKindSchema>;
export type ActivityNoticeKind = (typeof ACTIVITY_NOTICE_KINDS)[number];
export type BookingNoticeKind = (typeof BOOKING_NOTICE_KINDS)[number];
export type DemandNoticeKind = (typeof DEMAND_NOTICE_KINDS)[number];

/** A user's answer to wx.requestSubscribeMessage for one template. */
export const consentResultSchema = z.enum(['accept', 'reject', 'ban', 'filter']);
export type ConsentResult = z.infer<typeof consentResultSchema>;

/** wx.requestSubscribeMessage takes at most 3 templates a call, so a report carries at most 3. */
export const MAX_CONSENTS_PER_REPORT = 3;

/**
 * What a message can say, by meaning; the configuration maps each to a template key. `time` is an
 * instant, the rest are texts. `activity`, `service` and `demand` all name what the notice is about.
 */
export const NOTICE_VALUE_NAMES = ['activity', 'service', 'demand', 'time', 'place', 'result', 'reason', 'note'] as const;
export const noticeValueNameSchema = z.enum(NOTICE_VALUE_NAMES);
export type NoticeValueName = z.infer<typeof noticeValueNameSchema>;

/** The WeChat field types our values can fill: texts go to thing/phrase, the instant to time/date. */
export const templateFieldTypeSchema = z.enum(['thing', 'phrase', 'time', 'date']);
export type TemplateFieldType = z.infer<typeof templateFieldTypeSchema>;
const INSTANT_TYPES: readonly TemplateFieldType[] = ['time', 'date'];

const templateFieldSchema = z.strictObject({
  /** The key in the template's `data`, e.g. `thing1`: WeChat names keys by type and position. */
  key: z.string().check(z.regex(/^[a-z_]+\d{1,2}$/, '模板字段名应形如 thing1')),
  type: templateFieldTypeSchema,
});

const templateSchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '模板 ID 格式不正确')),
    title: z.string().check(z.minLength(1), z.maxLength(40)),
    fields: z.partialRecord(noticeValueNameSchema, templateFieldSchema),
  })
  .check(
    z.refine((t) => Object.keys(t.fields).length > 0, '模板至少要有一个字段'),
    z.refine((t) => Object.values(t.fields).every((f) => f !== undefined && f.key.replace(/\d+$/, '') === f.type), '模板字段名要与类型一致（如 thing1 是 thing）'),
    z.refine((t) => new Set(Object.values(t.fields).map((f) => f?.key)).size === Object.keys(t.fields).length, '模板字段名不能重复'),
    z.refine(
      (t) => Object.entries(t.fields).every(([name, f]) => f !== undefined && (name === 'time') === INSTANT_TYPES.includes(f.type)),
      '时间只能放进 time/date 字段，文字只能放进 thing/phrase 字段',
    ),
  );
export type SubscriptionTemplate = z.infer<typeof templateSchema>;

/**
 * config/subscription-templates.json: one template per notice kind. Ids must differ because WeChat
 * counts one-time consents per template id while we count them per kind: one kind, one template.
 */
export const subscriptionTemplatesSchema = z
  .strictObject({
    $comment: z.optional(z.string()),
    signupApproved: templateSchema,
    signupRejected: templateSchema,
    promoted: templateSchema,
    activityCancelled: templateSchema,
    activityReminder: templateSchema,
    bookingConfirmed: templateSchema,
    bookingReminder: templateSchema,
    bookingCancelled: templateSchema,
    demandAccepted: templateSchema,
    demandResolved: templateSchema,
    demandEscalated: templateSchema,
    demandOverdue: templateSchema,
    demandClosed: templateSchema,
  })
  .check(z.refine((c) => new Set(NOTICE_KINDS.map((k) => c[k].id)).size === NOTICE_KINDS.length, '每种通知要用不同的模板 ID'));
export type SubscriptionTemplates = z.infer<typeof subscriptionTemplatesSchema>;

/** Something that happened to someone's signup, as the activity use-cases report it. */
export interface ActivityNotice {
  kind: NoticeKind;
  openid: string;
  activity: { id: string; title: string; startAt: Date; placeText: string };
  /** Why: a rejection's or a cancellation's reason. */
  reason?: string;
}

/** Something that happened to someone's booking of a service slot, as the service use-cases report it. */
export interface BookingNotice {
  kind: BookingNoticeKind;
  openid: string;
  booking: { id: string; title: string; startAt: Date; placeText: string };
  /** Why: the provider's reason for cancelling. */
  reason?: string;
}

/**
 * Something that happened to a demand, for one person: `title` is its category (with "等 N 件" when a
 * timer run tells one person of several), `at` its new deadline (or when it happened), `placeText`
 * its building, `result` the state or level in a few Chinese characters.
 */
export interface DemandNotice {
  kind: DemandNoticeKind;
  openid: string;
  demand: { id: string; title: string; at: Date; placeText: string; result: string };
  reason?: string;
}

export type Notice = ActivityNotice | BookingNotice | DemandNotice;

/** What a notice is about: its activity, its booked service or its demand, as the same few facts. */
export function noticeSubject(notice: Notice): { id: string; title: string; startAt: Date; placeText: string } {
  if ('demand' in notice) return { id: notice.demand.id, title: notice.demand.title, startAt: notice.demand.at, placeText: notice.demand.placeText };
  return 'activity' in notice ? notice.activity : notice.booking;
}

const RESULTS: Record<NoticeKind, string> = {
  signupApproved: '报名成功',
  signupRejected: '未通过',
  promoted: '候补成功',
  activityCancelled: '已取消',
  activityReminder: '即将开始',
  bookingConfirmed: '预约成功',
  bookingReminder: '即将开始',
  bookingCancelled: '已取消',
  demandAccepted: '已立案',
  demandResolved: '请确认',
  demandEscalated: '已升级',
  demandOverdue: '即将超期',
  demandClosed: '已办结',
};
const NOTES: Record<NoticeKind, string> = {
  signupApproved: '请准时参加',
  signupRejected: '欢迎报名其他活动',
  promoted: '已为你保留名额，请准时参加',
  activityCancelled: '给你带来不便，敬请谅解',
  activityReminder: '活动1小时内开始，请准时到场',
  bookingConfirmed: '请凭预约码按时到服务点',
  bookingReminder: '服务1小时内开始，请带好预约码',
  bookingCancelled: '给你带来不便，敬请谅解',
  demandAccepted: '我们会按期办理，请留意进展',
  demandResolved: '请在3天内确认是否解决并评价',
  demandEscalated: '请尽快受理办理',
  demandOverdue: '办理期限将到，请抓紧办理',
  demandClosed: '感谢你的关注',
};

/** Every value a notice can fill, by meaning; the template picks the ones it shows. */
export function noticeValues(notice: Notice): Record<NoticeValueName, string | Date> {
  const subject = noticeSubject(notice);
  return {
    activity: subject.title,
    service: subject.title,
    demand: subject.title,
    time: subject.startAt,
    place: subject.placeText,
    result: 'demand' in notice ? notice.demand.result : RESULTS[notice.kind],
    reason: notice.reason ?? '未说明原因',
    note: NOTES[notice.kind],
  };
}

/** `thing` takes at most 20 characters, `phrase` at most 5 Chinese characters (WeChat's limits). */
export const THING_MAX = 20;
export const PHRASE_MAX = 5;
/**
 * One value fitted to its field type, so WeChat never answers 47003: line breaks and other control
 * characters (refused in every type) become spaces; a `thing` longer than 20 characters is cut with
 * an ellipsis; a `phrase` keeps only its first 5 Chinese characters (an ellipsis is not Chinese);
 * an instant is written `YYYY-MM-DD HH:mm` in Shanghai time; an empty text becomes 无.
 */
export function fitValue(type: TemplateFieldType, value: string | Date): string {
  if (value instanceof Date) return shanghaiMinute(value);
  // The configuration's schema puts only the instant into time/date fields; a text here is a bug.
  if (type === 'time' || type === 'date') throw new Error(`a text cannot fill a ${type} field`);
  const clean = value.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  if (type === 'phrase') return [...clean.replace(/\P{Script=Han}/gu, '')].slice(0, PHRASE_MAX).join('') || '无';
  const chars = [...clean];
  if (chars.length === 0) return '无';
  return chars.length <= THING_MAX ? clean : `${chars.slice(0, THING_MAX - 1).join('')}…`;
}

/** The `data` of subscribeMessage.send for a notice: each configured field, fitted. */
export function templateData(template: SubscriptionTemplate, notice: Notice): Record<string, { value: string }> {
  const values = noticeValues(notice);
  const data: Record<string, { value: string }> = {};
  for (const name of NOTICE_VALUE_NAMES) {
    const field = template.fields[name];
    if (field) data[field.key] = { value: fitValue(field.type, values[name]) };
  }
  return data;
}
