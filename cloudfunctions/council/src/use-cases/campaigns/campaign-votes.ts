import { z } from 'zod/mini';
import { councilContract } from '../../../../../domain/contract/council';
import { DAY_MS, choicesError, householdKey } from '../../../../../domain/council';
import { Campaign, OBJECTION_DAYS } from '../../../../../domain/council-campaigns';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { Budget, UNBOUNDED } from '../../../../../server/kit/timers';
import { CampaignDoc, CampaignReading, CampaignResult, campaignCounted, campaignReading, campaignsToClose, getCampaign, postIfOpen } from '../../../../../server/repositories/council-campaigns';
import { toCampaign } from '../../views-campaigns';
import { castKeyOf, record } from '../votes/ballots';
import { CLOSE_GRACE_MS } from '../votes/close';

type VoteInput = z.infer<typeof councilContract.campaignVote.input>;
type CloseInput = z.infer<typeof councilContract.closeCampaign.input>;
type PaperInput = z.infer<typeof councilContract.campaignPaperBallot.input>;

/**
 * A resident votes for their household in a 群众评优 campaign: up to K distinct nominees, once per
 * household, in the window. The same transaction as a topic's vote marks the roll and drops a
 * ballot with no voter; a household's second member gets CONFLICT, a keyed retry the first answer.
 */
export async function campaignVote(input: VoteInput, ctx: RequestContext): Promise<{ voted: true; campaign: Campaign }> {
  const reading = await campaignReading(input.campaignId);
  if (!reading) throw new AppError('NOT_FOUND', '没有找到这次评优');
  const { campaign, turnout } = reading;
  const { buildingId, room } = ctx.user;
  if (ctx.user.communityId !== campaign.communityId || !buildingId || !room) throw new AppError('PERMISSION_DENIED', '只有本居民区已绑定房屋的居民可以参加评优投票');
  openFor(reading, input.choices, ctx.now);
  const counted = await record(campaign, householdKey(buildingId, room), input.choices, { channel: 'online', enteredBy: null, castKey: castKeyOf(ctx) });
  return { voted: true, campaign: toCampaign(campaign, turnout + (counted ? 1 : 0)) };
}

/** The campaign is open now and the choices fit it; else a clear refusal before any write. */
function openFor({ campaign }: CampaignReading, choices: number[], now: Date): void {
  if (campaign.status !== 'open' || now >= campaign.closesAt) throw new AppError('FAILED_PRECONDITION', '这次评优不在投票期内');
  const problem = choicesError(choices, campaign.nominees.length, campaign.maxChoices);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem);
}

/**
 * A committee member enters a household's paper ballot: the roll entry says it came on paper and
 * who entered it; the ballot is the same as an online one. The household's online vote and its
 * paper one are the same roll entry, so whichever comes second is refused.
 */
export async function campaignPaperBallot(input: PaperInput, ctx: RequestContext): Promise<{ voted: true; campaign: Campaign }> {
  const reading = await campaignReading(input.campaignId);
  if (!reading) throw new AppError('NOT_FOUND', '没有找到这次评优');
  const { campaign, turnout } = reading;
  if (!canManageCommunity(ctx.user.roles, campaign.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以录入纸质选票');
  openFor(reading, input.choices, ctx.now);
  const household = householdKey(input.buildingId, input.room);
  await record(campaign, household, input.choices, { channel: 'paper', enteredBy: ctx.openid, castKey: null }, household);
  return { voted: true, campaign: toCampaign(campaign, turnout + 1) };
}

/**
 * The committee closes a campaign once its window (and the grace for ballots still committing) has
 * passed: the counts are posted. One read (the campaign with its ballots and roll counted by the
 * database) and the one conditional post.
 */
export async function closeCampaign(input: CloseInput, ctx: RequestContext): Promise<Campaign> {
  const read = await campaignCounted(input.campaignId);
  if (!read) throw new AppError('NOT_FOUND', '没有找到这次评优');
  const { campaign, count } = read;
  if (!canManageCommunity(ctx.user.roles, campaign.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以结束评优投票');
  if (campaign.status !== 'open' && campaign.status !== 'opening') return toCampaign(campaign, 0);
  if (campaign.status !== 'open' || ctx.now.getTime() < campaign.closesAt.getTime() + CLOSE_GRACE_MS) throw new AppError('FAILED_PRECONDITION', '投票期结束后才能计票');
  return toCampaign(await post(campaign, count, ctx.now), 0);
}

/** Posts the counted result once, for 5 days of objections. */
async function post(campaign: CampaignDoc, result: CampaignResult, now: Date): Promise<CampaignDoc> {
  const objectionsUntil = new Date(now.getTime() + OBJECTION_DAYS * DAY_MS);
  if (await postIfOpen(campaign._id, result, objectionsUntil)) return { ...campaign, status: 'posted', result, objectionsUntil };
  return (await getCampaign(campaign._id)) ?? campaign;
}

/** Timer job: posts every campaign whose window and grace have passed, each read with its count, while its budget lasts. */
export async function closeDueCampaigns(now: Date, budget: Budget = UNBOUNDED): Promise<number> {
  const due = await campaignsToClose(new Date(now.getTime() - CLOSE_GRACE_MS), 20);
  let done = 0;
  for (const { _id } of due) {
    if (budget.spent()) break;
    const read = await campaignCounted(_id);
    if (read?.campaign.status === 'open') await post(read.campaign, read.count, now);
    done++;
  }
  return done;
}
