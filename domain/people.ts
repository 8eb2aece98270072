import * as z from './zod';
import { fileIdSchema, idSchema, isoDateSchema, openidSchema, phoneSchema, text } from './common';

/** Roles are scoped: to a community, a grid, a co-building unit, or (admin) everywhere. */
export const roleSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('volunteer'), communityId: idSchema }),
  z.strictObject({ role: z.literal('gridWorker'), communityId: idSchema, gridId: idSchema }),
  z.strictObject({ role: z.literal('committee'), communityId: idSchema }),
  z.strictObject({ role: z.literal('provider'), communityId: idSchema, partnerId: idSchema }),
  z.strictObject({ role: z.literal('admin') }),
  /** 移动网格员: a courier or rider the committee registers; reports (随手拍) anywhere in the community. */
  z.strictObject({ role: z.literal('mobileGridWorker'), communityId: idSchema }),
  /** 楼组长: reports for the residents of their building who ask them. */
  z.strictObject({ role: z.literal('buildingLeader'), communityId: idSchema, buildingId: idSchema }),
  /** 在职党员: a party member working elsewhere, reported for duty here and approved by the committee. */
  z.strictObject({ role: z.literal('partyMember'), communityId: idSchema }),
]);
export type Role = z.infer<typeof roleSchema>;
export type RoleName = Role['role'];
export const ROLE_NAMES: Record<RoleName, string> = {
  volunteer: '志愿者',
  gridWorker: '网格员',
  committee: '居委会',
  provider: '服务提供方',
  admin: '管理员',
  mobileGridWorker: '移动网格员',
  buildingLeader: '楼组长',
  partyMember: '在职党员',
};

export const displayNameSchema = text(1, 20, '昵称');
export const roomSchema = text(1, 10, '房号');
export const realNameSchema = text(1, 20, '姓名');
export const reasonSchema = text(2, 100, '理由');
export const birthYearSchema = z.number().check(z.int('出生年份应为整数'), z.minimum(1900), z.maximum(2030));

/** A user's status in their community: a visitor until a committee member approves their building. */
export const userStatusSchema = z.enum(['visitor', 'resident']);

export const placeRefSchema = z.object({ id: idSchema, name: z.string() });

export const bindingStatusSchema = z.enum(['pending', 'approved', 'rejected', 'superseded']);
export const bindingSchema = z.object({
  id: idSchema,
  openid: openidSchema,
  displayName: z.string(),
  building: placeRefSchema,
  grid: placeRefSchema,
  communityId: idSchema,
  room: z.string(),
  status: bindingStatusSchema,
  reason: z.nullable(z.string()),
  createdAt: isoDateSchema,
  reviewedAt: z.nullable(isoDateSchema),
});
export type Binding = z.infer<typeof bindingSchema>;

/** What a user sees of themselves. */
export const profileSchema = z.object({
  openid: openidSchema,
  displayName: z.string(),
  avatar: z.nullable(fileIdSchema),
  realName: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  birthYear: z.nullable(z.number()),
  elderMode: z.boolean(),
  privacy: z.nullable(z.object({ version: z.string(), acceptedAt: isoDateSchema })),
  status: userStatusSchema,
  roles: z.array(roleSchema),
  room: z.nullable(z.string()),
  building: z.nullable(placeRefSchema),
  grid: z.nullable(placeRefSchema),
  community: z.nullable(placeRefSchema),
  street: z.nullable(placeRefSchema),
  /** My latest request to join a building while it waits, or after it was rejected (with the reason). */
  latestBinding: z.nullable(bindingSchema),
  /** Whom I call: my community's 居委会 and my grid's worker (role, name, a role's phone); none for a visitor. */
  contacts: z.array(z.object({ role: z.string(), name: z.string(), phone: z.string() })),
});
export type Profile = z.infer<typeof profileSchema>;

/** What others see of a member in a committee list; the phone is masked unless unmasked on purpose. */
export const memberSchema = z.object({
  openid: openidSchema,
  displayName: z.string(),
  realName: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  room: z.nullable(z.string()),
  building: z.nullable(placeRefSchema),
  grid: z.nullable(placeRefSchema),
  roles: z.array(roleSchema),
});
export type Member = z.infer<typeof memberSchema>;

export { phoneSchema };

/** 13812341234 → 138****1234: what everyone but the user and their community's committee sees. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** The privacy notice residents accept before giving personal data; bump when its text changes. */
export const PRIVACY_VERSION = '2026-11';

/** What others see in place of someone who deleted their account. */
export const DELETED_USER_NAME = '已注销用户';

/**
 * How long after asking to delete their account everything of a person is gone (PIPL art. 47: the
 * processor deletes on request). The account is refused from the moment of the request; the function
 * `user`'s timer, every 5 minutes, erases the rest. Promised with a wide margin over what one run takes.
 */
export const ERASURE_DEADLINE_MS = 3600_000;

/**
 * What stops working once a resident withdraws the privacy consent: the product then no longer
 * holds or uses their real name, phone or birth year (PIPL art. 15: withdrawal stops the processing
 * that relied on consent; the account itself stays).
 */
export const WITHDRAWAL_EFFECTS: readonly string[] = [
  '你的姓名、手机号和出生年份会被删除，居委会名单中不再显示',
  '面向 60 岁以上居民的服务无法预约（需要出生年份）',
  '需要填写手机号的活动无法报名',
  '头像、相册、位置等需要隐私授权的功能需重新同意后才能使用',
];

/** One record in a person's export of their own data: a line to read, and the record itself. */
export const exportItemSchema = z.object({
  id: z.string(),
  at: z.nullable(isoDateSchema),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type ExportItem = z.infer<typeof exportItemSchema>;

/** One kind of data the product holds about a person, with how many records, and those shown here. */
export const exportSectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  count: z.number(),
  /** More records exist than the export reads of this kind (see `bound`). */
  truncated: z.boolean(),
  /** The records; only the first few when the whole export went to a file. */
  items: z.array(exportItemSchema),
});
export type ExportSection = z.infer<typeof exportSectionSchema>;

export const personalExportSchema = z.object({
  generatedAt: isoDateSchema,
  /** At most this many records are read of each kind. */
  bound: z.number(),
  sections: z.array(exportSectionSchema),
  /** The whole export as a private JSON file in cloud storage, with a link valid until `expiresAt`. */
  file: z.nullable(z.object({ fileID: fileIdSchema, url: z.string(), expiresAt: isoDateSchema })),
});
export type PersonalExport = z.infer<typeof personalExportSchema>;
