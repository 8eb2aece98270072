import { z } from 'zod/mini';
import { communityContract } from '../../../../domain/contract/community';
import { canManageCommunity } from '../../../../domain/permissions';
import { RequestContext } from '../../../../server/kit/router';
import { partnersOfCommunity, toPartner } from '../../../../server/repositories/partners';
import { UnitDoc, getUnits, toUnit, unitsOfCommunity, unitsOfKind } from '../../../../server/repositories/units';

type Input = z.infer<typeof communityContract.tree.input>;

/**
 * The tree anyone may read: without a community, the streets and communities to choose from; with
 * one, its grids, buildings and co-building units. Archived units only for those who manage it.
 */
export async function tree(input: Input, ctx: RequestContext) {
  if (!input.communityId) {
    const units = [...(await unitsOfKind('street')), ...(await unitsOfKind('community'))].filter((u) => !u.archived);
    return { units: units.map(toUnit), partners: [] };
  }
  const showArchived = input.includeArchived === true && canManageCommunity(ctx.user.roles, input.communityId);
  const own = await unitsOfCommunity(input.communityId);
  const community = own.find((u) => u._id === input.communityId && u.kind === 'community');
  const ancestors: UnitDoc[] = community?.parentId ? await getUnits([community.parentId]) : [];
  const units = [...ancestors, ...own].filter((u) => showArchived || !u.archived);
  const partners = community ? await partnersOfCommunity(input.communityId) : [];
  return { units: units.map(toUnit), partners: partners.map(toPartner) };
}
