import { z } from 'zod/mini';
import { MAX_PAGE } from '../../../../../domain/common';
import { councilContract } from '../../../../../domain/contract/council';
import { householdKey } from '../../../../../domain/council';
import { Campaign } from '../../../../../domain/council-campaigns';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { campaignReading, campaignsWithTurnout } from '../../../../../server/repositories/council-campaigns';
import { rollId } from '../../../../../server/repositories/council-roll';
import { decodePositionCursor, encodePositionCursor } from '../../../../../server/repositories/docs';
import { toCampaign } from '../../views-campaigns';

type ListInput = z.infer<typeof councilContract.campaigns.input>;

/** A community's 群众评优 campaigns (of a year), newest first, 20 a page: public, with turnout while open. */
export async function campaigns(input: ListInput): Promise<{ items: Campaign[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  const rows = await campaignsWithTurnout(input.communityId, input.year, decodePositionCursor(input.cursor), limit + 1);
  const page = rows.slice(0, limit);
  const items = page.map((r) => toCampaign(r.campaign, r.campaign.status === 'open' ? r.turnout : 0));
  const last = page[page.length - 1]?.campaign;
  return { items, nextCursor: rows.length > limit ? encodePositionCursor({ time: last.opensAt, id: last._id }) : null };
}

/** One campaign, with whether the caller's household has voted (never how). */
export async function campaign(input: { campaignId: string }, ctx: RequestContext): Promise<{ campaign: Campaign; myHouseholdVoted: boolean }> {
  const { buildingId, room } = ctx.user;
  const household = buildingId && room ? householdKey(buildingId, room) : null;
  const reading = await campaignReading(input.campaignId, household ? rollId(input.campaignId, household) : null);
  const doc = reading?.campaign;
  if (!reading || !doc || doc.status === 'opening') throw new AppError('NOT_FOUND', '没有找到这次评优');
  // The roll is of the campaign's community: a household elsewhere is on none of its entries.
  const voted = ctx.user.communityId === doc.communityId && reading.voted;
  return { campaign: toCampaign(doc, doc.status === 'open' ? reading.turnout : 0), myHouseholdVoted: voted };
}
