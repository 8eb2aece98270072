import { z } from 'zod/mini';
import { MAX_PAGE } from '../../../../../domain/common';
import { councilContract } from '../../../../../domain/contract/council';
import { householdKey } from '../../../../../domain/council';
import { Campaign } from '../../../../../domain/council-campaigns';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { campaignsOf, getCampaign } from '../../../../../server/repositories/council-campaigns';
import { countVoted, countVotedOf, isMarked, rollId } from '../../../../../server/repositories/council-roll';
import { decodePositionCursor, encodePositionCursor } from '../../../../../server/repositories/docs';
import { toCampaign } from '../../views-campaigns';

type ListInput = z.infer<typeof councilContract.campaigns.input>;

/** A community's 群众评优 campaigns (of a year), newest first, 20 a page: public, with turnout while open. */
export async function campaigns(input: ListInput): Promise<{ items: Campaign[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  const docs = await campaignsOf(input.communityId, input.year, decodePositionCursor(input.cursor), limit + 1);
  const page = docs.slice(0, limit);
  const turnout = await countVotedOf(page.filter((d) => d.status === 'open').map((d) => d._id));
  const items = page.map((d) => toCampaign(d, turnout.get(d._id) ?? 0));
  const last = page[page.length - 1];
  return { items, nextCursor: docs.length > limit ? encodePositionCursor({ time: last.opensAt, id: last._id }) : null };
}

/** One campaign, with whether the caller's household has voted (never how). */
export async function campaign(input: { campaignId: string }, ctx: RequestContext): Promise<{ campaign: Campaign; myHouseholdVoted: boolean }> {
  const doc = await getCampaign(input.campaignId);
  if (!doc || doc.status === 'opening') throw new AppError('NOT_FOUND', '没有找到这次评优');
  const { buildingId, room } = ctx.user;
  const household = ctx.user.communityId === doc.communityId && buildingId && room ? householdKey(buildingId, room) : null;
  const [voted, turnout] = await Promise.all([household ? isMarked(rollId(doc._id, household)) : false, doc.status === 'open' ? countVoted(doc._id) : 0]);
  return { campaign: toCampaign(doc, turnout), myHouseholdVoted: voted };
}
