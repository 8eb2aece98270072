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
});
export type Unit = z.infer<typeof unitSchema>;

/**
 * Whom residents call about a unit: a community's 居委会 duty phone, a grid's worker on the grid's
 * work phone. A role's phone, never a person's private number.
 */
export const unitContactSchema = z.object({ name: z.string(), phone: z.string() });
export type UnitContact = z.infer<typeof unitContactSchema>;

/** A co-building unit (共建单位): a hospital, school or company that offers services in a community. */
export const partnerSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(['hospital', 'school', 'company', 'organisation']),
  communityId: idSchema,
});
export type Partner = z.infer<typeof partnerSchema>;
