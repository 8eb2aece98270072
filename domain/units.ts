import * as z from './zod';
import { geoPointSchema, idSchema, text } from './common';

/** The neighbourhood tree: street (街道) → community (居民区) → grid (微网格) → building (楼组). */
export const UNIT_KINDS = ['street', 'community', 'grid', 'building'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;
export const UNIT_KIND_NAMES: Record<UnitKind, string> = { street: '街道', community: '居民区', grid: '微网格', building: '楼组' };

/** What each kind hangs under. */
export const PARENT_KIND: Record<UnitKind, UnitKind | null> = { street: null, community: 'street', grid: 'community', building: 'grid' };

export const unitNameSchema = text(1, 40, '名称');

export const unitSchema = z.object({
  id: idSchema,
  kind: unitKindSchema,
  name: z.string(),
  parentId: z.nullable(idSchema),
  /** The community a grid or building belongs to (itself for a community; null for a street). */
  communityId: z.nullable(idSchema),
  location: z.optional(geoPointSchema),
  archived: z.boolean(),
  /** Whom residents call about it (a community or a grid), when set. */
  contact: z.optional(z.object({ name: z.string(), phone: z.string() })),
});
export type Unit = z.infer<typeof unitSchema>;

/**
 * Whom residents call about a unit: a community's 居委会 duty phone, a grid's worker on the grid's
 * work phone. A role's phone, never a person's private number.
 */
export const unitContactSchema = z.object({ name: z.string(), phone: z.string() });
export type UnitContact = z.infer<typeof unitContactSchema>;

/** The kinds residents call: the 居委会 of a community, the worker of a grid (a building has its 楼组长 as a person). */
export const CONTACT_KINDS: readonly UnitKind[] = ['community', 'grid'];

/** A landline (021-59990000, 02159990000) or a mobile: the numbers a 居委会 or a grid is reached on. */
export const contactPhoneSchema = z.string().check(z.regex(/^(0\d{2,3}-?\d{7,8}|1[3-9]\d{9})$/, '请填写正确的电话，如 021-59990000 或 11 位手机号'));

/** What the committee sets: who answers (值班电话, the grid worker's name) and on which number. */
export const unitContactInputSchema = z.strictObject({ name: text(2, 20, '联系人'), phone: contactPhoneSchema });

/** A co-building unit (共建单位): a hospital, school or company that offers services in a community. */
export const partnerSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(['hospital', 'school', 'company', 'organisation']),
  communityId: idSchema,
});
export type Partner = z.infer<typeof partnerSchema>;
