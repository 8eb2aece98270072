import { z } from 'zod/mini';
import { Partner, partnerSchema } from '../../domain/units';
import { database } from '../kit/cloud';
import { dataOf, parseDocs } from './docs';
import type { Lookup } from './docs';

/**
 * The only module that touches `partners`: co-building units (共建单位). A unit's rating (企业服务评级)
 * is its service items' figures summed where it is read (service-items.ts); the `ratingSum` and
 * `ratingCount` older units still carry are no longer kept.
 */
export const PARTNERS = 'partners';

const partnerDocSchema = z.object({
  _id: z.string(),
  name: z.string(),
  kind: partnerSchema.shape.kind,
  communityId: z.string(),
  createdAt: z.date(),
});
export type PartnerDoc = z.infer<typeof partnerDocSchema>;

const partners = () => database().collection(PARTNERS);

export const toPartner = (doc: PartnerDoc): Partner => ({ id: doc._id, name: doc.name, kind: doc.kind, communityId: doc.communityId });

/** Partners read by another repository's aggregation (a lookup), checked like any read. */
export function parsePartnerDocs(raw: unknown[]): PartnerDoc[] {
  return parseDocs(partnerDocSchema, PARTNERS, raw);
}

export async function getPartner(id: string): Promise<PartnerDoc | null> {
  return parseDocs(partnerDocSchema, PARTNERS, dataOf(await partners().where({ _id: id }).get()))[0] ?? null;
}

export async function partnersOfCommunity(communityId: string): Promise<PartnerDoc[]> {
  return parseDocs(partnerDocSchema, PARTNERS, dataOf(await partners().where({ communityId }).limit(100).get()));
}

/** For another repository's aggregation (a lookup): the same as `partnersOfCommunity`, read with `parsePartnerDocs`. */
export function partnersLookup(communityId: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: PARTNERS, pipeline: [{ $match: { communityId } }, { $limit: 100 }], as };
}

export async function insertPartner(doc: PartnerDoc): Promise<void> {
  await partners().add({ data: doc });
}

/** A lookup of one co-building unit, for a read with a user (a provider's role names it). */
export function partnerLookup(id: string, as: string): Lookup {
  return { from: PARTNERS, pipeline: [{ $match: { _id: id } }, { $limit: 1 }], as };
}
