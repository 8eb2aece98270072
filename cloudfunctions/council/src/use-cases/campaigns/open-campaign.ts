import { z } from 'zod/mini';
import { councilContract } from '../../../../../domain/contract/council';
import { DAY_MS } from '../../../../../domain/council';
import { Campaign } from '../../../../../domain/council-campaigns';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { shanghaiDay, shanghaiYear } from '../../../../../domain/shanghai-time';
import { RequestContext } from '../../../../../server/kit/router';
import { CampaignDoc, campaignDocLookup, campaignIdOf, insertCampaignOnce, markCampaignOpen, parseCampaignDocs } from '../../../../../server/repositories/council-campaigns';
import { RollDoc, idsOf, insertRoll, rollId, rollStartedLookup } from '../../../../../server/repositories/council-roll';
import { parseResidents, residentsLookup } from '../../../../../server/repositories/user-lookups';
import { unitWith } from '../../../../../server/repositories/units';
import { toCampaign } from '../../views-campaigns';
import { RESIDENTS_PAGE, residentsOf } from '../topics/scope';

type OpenInput = z.infer<typeof councilContract.openCampaign.input>;

/**
 * The committee opens this year's 群众评优 campaign with its nominees. Who may vote is frozen now:
 * one roll entry per household bound in the community (someone bound later is not on it), on the
 * same roll the topics' votes use. The campaign's id comes from community, year and title, so a
 * retried opening finishes the same roll, and a second campaign of that name this year is refused.
 *
 * One read (the community, the campaign if there is one, whether its roll is begun, the first
 * 1,000 residents), then the roll (500 entries a request) and the campaign inserted open with its
 * count. A call that dies after the roll left entries nothing reads (no campaign): harmless, the
 * retry keeps them and writes the rest.
 */
export async function openCampaign(input: OpenInput, ctx: RequestContext): Promise<Campaign> {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以发起群众评优');
  if (input.maxChoices > input.nominees.length) throw new AppError('INVALID_ARGUMENT', '每户可投的数量不能超过候选数');
  const year = shanghaiYear(ctx.now);
  const id = campaignIdOf(input.communityId, year, input.title);
  const read = await unitWith(input.communityId, {
    campaign: campaignDocLookup(id, 'campaign'),
    rolled: rollStartedLookup(id, 'rolled'),
    residents: residentsLookup({ communityId: input.communityId }, RESIDENTS_PAGE, 'residents'),
  });
  if (!read || read.unit.kind !== 'community' || read.unit.archived) throw new AppError('NOT_FOUND', '没有找到这个居民区');
  const earlier = parseCampaignDocs(read.joined.campaign ?? [])[0];
  const conflict = new AppError('CONFLICT', `${year} 年已经有同名的评优活动`);
  if (earlier && earlier.status !== 'opening') throw conflict;
  const campaign: CampaignDoc = earlier ?? {
    _id: id,
    communityId: input.communityId,
    year,
    title: input.title,
    nominees: input.nominees.map((n) => ({ name: n.name, note: n.note ?? null })),
    maxChoices: input.maxChoices,
    unit: 'household',
    opensAt: ctx.now,
    closesAt: new Date(ctx.now.getTime() + input.days * DAY_MS),
    day: shanghaiDay(ctx.now),
    status: 'open',
    eligibleHouseholds: 0,
    result: null,
    objectionsUntil: null,
    objections: 0,
    objectionAnswer: null,
    createdBy: ctx.openid,
    createdAt: ctx.now,
  };
  const households = new Map<string, RollDoc>();
  for (const r of await residentsOf(input.communityId, { kind: 'community' }, parseResidents(read.joined.residents ?? []))) {
    households.set(r.household, { _id: rollId(id, r.household), voteId: id, voterKey: r.household, household: r.household, voted: false, channel: null, enteredBy: null, castKey: null });
  }
  if (!(await insertRoll([...households.values()], earlier !== undefined || idsOf(read.joined.rolled).size > 0))) throw conflict;
  // A campaign left `opening` by an opening of the earlier kind (campaign first, then roll) opens now.
  if (earlier) await markCampaignOpen(id, households.size);
  else if (!(await insertCampaignOnce({ ...campaign, eligibleHouseholds: households.size }))) throw conflict;
  return toCampaign({ ...campaign, status: 'open', eligibleHouseholds: households.size }, 0);
}
