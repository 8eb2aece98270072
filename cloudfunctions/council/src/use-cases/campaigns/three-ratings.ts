import { z } from 'zod/mini';
import { councilContract } from '../../../../../domain/contract/council';
import { ThreeRatings } from '../../../../../domain/council-campaigns';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { campaignsOf } from '../../../../../server/repositories/council-campaigns';
import { starsOf } from '../../../../../server/repositories/member-stars';
import { partnersOfCommunity } from '../../../../../server/repositories/partners';
import { getUnit } from '../../../../../server/repositories/units';

type Input = z.infer<typeof councilContract.threeRatings.input>;

/** At most this many lines of each rating on the page. */
const LINES = 20;

/**
 * 三评 on one page for a community's year: 企业服务评级 (the residents' ratings of the co-building
 * units' services, kept by `service`), 党员岗位评星 (the members' stars as posted, kept by `member`;
 * named only to the committee, as there) and 群众评优 (this function's closed campaigns, with counts).
 */
export async function threeRatings(input: Input, ctx: RequestContext): Promise<ThreeRatings> {
  const community = await getUnit(input.communityId);
  if (!community || community.kind !== 'community') throw new AppError('NOT_FOUND', '没有找到这个居民区');
  const manager = canManageCommunity(ctx.user.roles, input.communityId);
  const [partners, stars, campaigns] = await Promise.all([partnersOfCommunity(input.communityId), starsOf(input.communityId, input.year), campaignsOf(input.communityId, input.year, null, LINES)]);
  const providers = partners
    .map((p) => {
      const count = p.ratingCount ?? 0;
      return { id: p._id, name: p.name, average: count > 0 ? Math.round(((p.ratingSum ?? 0) / count) * 10) / 10 : null, count };
    })
    .sort((a, b) => (b.average ?? -1) - (a.average ?? -1) || b.count - a.count)
    .slice(0, LINES);
  const posted = stars.filter((s) => s.state === 'posted' || s.state === 'final');
  const counts = [1, 2, 3, 4, 5].map((n) => posted.filter((s) => s.stars === n).length);
  const named = manager
    ? posted
        .sort((a, b) => b.stars - a.stars || b.score - a.score)
        .slice(0, LINES)
        .map((s) => ({ displayName: s.displayName, stars: s.stars, final: s.state === 'final' }))
    : null;
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
