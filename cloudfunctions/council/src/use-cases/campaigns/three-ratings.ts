import { z } from 'zod/mini';
import { councilContract } from '../../../../../domain/contract/council';
import { ThreeRatings } from '../../../../../domain/council-campaigns';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { campaignsLookup, parseCampaignDocs } from '../../../../../server/repositories/council-campaigns';
import { parseStarDocs, postedStarsLookups, starCountsOf } from '../../../../../server/repositories/member-stars';
import { parsePartnerDocs, partnersLookup } from '../../../../../server/repositories/partners';
import { partnerRatingsLookup, partnerRatingsOf } from '../../../../../server/repositories/service-items';
import { unitWith } from '../../../../../server/repositories/units';

type Input = z.infer<typeof councilContract.threeRatings.input>;

/** At most this many lines of each rating on the page. */
const LINES = 20;

/**
 * 三评 on one page for a community's year: 企业服务评级 (the residents' ratings of the co-building
 * units' services, kept by `service`), 党员岗位评星 (the members' stars as posted, kept by `member`;
 * named only to the committee, as there) and 群众评优 (this function's closed campaigns, with counts).
 */
export async function threeRatings(input: Input, ctx: RequestContext): Promise<ThreeRatings> {
  const manager = canManageCommunity(ctx.user.roles, input.communityId);
  // The community with its partners, its members' posted stars and its campaigns: one aggregation.
  const read = await unitWith(input.communityId, {
    partners: partnersLookup(input.communityId, 'partners'),
    partnerRatings: partnerRatingsLookup(input.communityId, 'partnerRatings'),
    ...postedStarsLookups(input.communityId, input.year, manager ? LINES : 0, { counts: 'starCounts', named: 'named' }),
    campaigns: campaignsLookup(input.communityId, input.year, LINES, 'campaigns'),
  });
  if (!read || read.unit.kind !== 'community') throw new AppError('NOT_FOUND', '没有找到这个居民区');
  const partners = parsePartnerDocs(read.joined.partners);
  // A unit's figures are its service items' summed (kept by `service`).
  const figures = partnerRatingsOf(read.joined.partnerRatings);
  const campaigns = parseCampaignDocs(read.joined.campaigns);
  const providers = partners
    .map((p) => {
      const { sum, count } = figures.get(p._id) ?? { sum: 0, count: 0 };
      return { id: p._id, name: p.name, average: count > 0 ? Math.round((sum / count) * 10) / 10 : null, count };
    })
    .sort((a, b) => (b.average ?? -1) - (a.average ?? -1) || b.count - a.count)
    .slice(0, LINES);
  const counts = starCountsOf(read.joined.starCounts);
  const named = manager ? parseStarDocs(read.joined.named ?? []).map((s) => ({ displayName: s.displayName, stars: s.stars, final: s.state === 'final' })) : null;
  const closed = campaigns
    .filter((c) => (c.status === 'posted' || c.status === 'objected' || c.status === 'final') && c.result)
    .map((c) => ({
      id: c._id,
      title: c.title,
      status: c.status as 'posted' | 'objected' | 'final',
      ballots: c.result?.ballots ?? 0,
      ranking: c.nominees.map((n, i) => ({ name: n.name, votes: c.result?.tally[i] ?? 0 })).sort((a, b) => b.votes - a.votes),
    }));
  return { communityId: input.communityId, year: input.year, providers, members: { counts, named }, campaigns: closed };
}
