import { z } from 'zod/mini';
import { communityContract } from '../../../../domain/contract/community';
import { canManageCommunity } from '../../../../domain/permissions';
import { RequestContext } from '../../../../server/kit/router';
import { PARTNERS, parsePartnerDocs, toPartner } from '../../../../server/repositories/partners';
import { UNITS, parseUnitDocs, toUnit, unitWith, unitsOfKinds } from '../../../../server/repositories/units';

type Input = z.infer<typeof communityContract.tree.input>;

/**
 * The tree anyone may read: without a community, the streets and communities to choose from; with
 * one, its grids, buildings and co-building units. Archived units only for those who manage it.
 * One request either way: the kinds in one query, or the community with its units, its street and
 * its partners joined in one aggregation.
 */
export async function tree(input: Input, ctx: RequestContext) {
  if (!input.communityId) {
    const all = (await unitsOfKinds(['street', 'community'])).filter((u) => !u.archived);
    // Streets first, as the picker lists them.
    const units = [...all.filter((u) => u.kind === 'street'), ...all.filter((u) => u.kind === 'community')];
    return { units: units.map(toUnit), partners: [] };
  }
  const showArchived = input.includeArchived === true && canManageCommunity(ctx.user.roles, input.communityId);
  const found = await unitWith(input.communityId, {
    own: { from: UNITS, pipeline: [{ $match: { communityId: input.communityId } }, { $limit: 1000 }] },
    street: { from: UNITS, localField: 'parentId', foreignField: '_id' },
    partners: { from: PARTNERS, pipeline: [{ $match: { communityId: input.communityId } }, { $limit: 100 }] },
  });
  if (!found || found.unit.kind !== 'community') return { units: [], partners: [] };
  const units = [...parseUnitDocs(found.joined.street), ...parseUnitDocs(found.joined.own)].filter((u) => showArchived || !u.archived);
  return { units: units.map(toUnit), partners: parsePartnerDocs(found.joined.partners).map(toPartner) };
}
