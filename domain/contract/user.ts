import * as z from '../zod';
import { MAX_PAGE, fileIdSchema, idSchema, isoDateSchema, openidSchema, pageInput, pageOf, phoneSchema } from '../common';
import {
  bindingSchema,
  birthYearSchema,
  displayNameSchema,
  WITHDRAWAL_EFFECTS,
  memberSchema,
  personalExportSchema,
  profileSchema,
  realNameSchema,
  reasonSchema,
  roleSchema,
  roomSchema,
} from '../people';
import { MAX_CONSENTS_PER_REPORT, consentResultSchema, noticeKindSchema } from '../notifications';

/** Function `user`: who I am, my building, and the committee's work on members and roles. */
export const userContract = {
  me: { input: z.strictObject({}), output: profileSchema },
  updateProfile: {
    input: z
      .strictObject({
        displayName: z.optional(displayNameSchema),
        avatar: z.optional(z.nullable(fileIdSchema)),
        realName: z.optional(z.nullable(realNameSchema)),
        phone: z.optional(z.nullable(phoneSchema)),
        birthYear: z.optional(z.nullable(birthYearSchema)),
        elderMode: z.optional(z.boolean()),
        /** The privacy notice version the user just accepted. */
        acceptPrivacy: z.optional(z.string().check(z.maxLength(20))),
      })
      .check(z.refine((v) => Object.keys(v).length > 0, '没有要修改的内容')),
    output: profileSchema,
  },
  requestBinding: {
    input: z.strictObject({ buildingId: idSchema, room: roomSchema }),
    output: bindingSchema,
  },
  reviewBinding: {
    input: z
      .strictObject({ bindingId: idSchema, decision: z.enum(['approve', 'reject']), reason: z.optional(reasonSchema) })
      .check(z.refine((v) => v.decision === 'approve' || v.reason !== undefined, '拒绝时请写明理由')),
    output: bindingSchema,
  },
  pendingBindings: {
    input: z.strictObject({ communityId: idSchema, ...pageInput }),
    output: pageOf(bindingSchema),
  },
  assignRole: {
    input: z.strictObject({ openid: openidSchema, role: roleSchema }),
    output: z.object({ openid: openidSchema, roles: z.array(roleSchema) }),
  },
  revokeRole: {
    input: z.strictObject({ openid: openidSchema, role: roleSchema }),
    output: z.object({ openid: openidSchema, roles: z.array(roleSchema) }),
  },
  listMembers: {
    input: z.strictObject({
      communityId: idSchema,
      gridId: z.optional(idSchema),
      buildingId: z.optional(idSchema),
      /** Show full phone numbers; every such listing is written to the audit log. */
      unmask: z.optional(z.boolean()),
      ...pageInput,
    }),
    output: pageOf(memberSchema),
  },
  /** The user's answers to wx.requestSubscribeMessage on the signup tap (at most 3 templates a call). */
  recordConsents: {
    input: z.strictObject({
      results: z
        .partialRecord(noticeKindSchema, consentResultSchema)
        .check(z.refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= MAX_CONSENTS_PER_REPORT, `一次记录 1 到 ${MAX_CONSENTS_PER_REPORT} 个订阅结果`)),
    }),
    output: z.object({ accepted: z.array(noticeKindSchema) }),
  },
  /** Everything the product holds about me (PIPL right of access and copy), as sections; a file when large. */
  exportMine: {
    input: z.strictObject({ file: z.optional(z.boolean()) }),
    output: personalExportSchema,
  },
  /** Withdraws the privacy consent: real name, phone and birth year are erased; the account stays. */
  withdrawConsent: {
    input: z.strictObject({}),
    output: z.object({ profile: profileSchema, stopped: z.array(z.string()) }),
  },
  /**
   * Deletes my account: refused everywhere from now on, and by `erasedBy` my personal data erased,
   * my posts and comments anonymised or removed, live signups and bookings released.
   */
  deleteAccount: {
    input: z.strictObject({
      confirm: z.literal(true, '请确认注销账号'),
      posts: z.enum(['anonymise', 'remove']),
    }),
    output: z.object({ deleted: z.literal(true), erasedBy: isoDateSchema }),
  },
} as const;

export { MAX_PAGE, WITHDRAWAL_EFFECTS };
