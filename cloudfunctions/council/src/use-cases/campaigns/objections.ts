import { z } from 'zod/mini';
import { councilContract } from '../../../../../domain/contract/council';
import { householdKey } from '../../../../../domain/council';
import { Campaign } from '../../../../../domain/council-campaigns';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { answerIfObjected, campaignReading, getCampaign, holdForObjection } from '../../../../../server/repositories/council-campaigns';
import { insertObjectionOnce, objectionIdOf, objectionsOf } from '../../../../../server/repositories/council-objections';
import { rollId } from '../../../../../server/repositories/council-roll';
import { toCampaign } from '../../views-campaigns';

type ObjectInput = z.infer<typeof councilContract.objectCampaign.input>;
type AnswerInput = z.infer<typeof councilContract.answerObjections.input>;

/**
 * A household on the campaign's roll objects to the posted result within its 5 days, with a reason
 * (once per household). The result then waits for the committee's answer instead of becoming final.
 */
export async function objectCampaign(input: ObjectInput, ctx: RequestContext): Promise<Campaign> {
  const { buildingId, room } = ctx.user;
  const mine = buildingId && room ? householdKey(buildingId, room) : null;
  const reading = await campaignReading(input.campaignId, mine ? rollId(input.campaignId, mine) : null);
  if (!reading) throw new AppError('NOT_FOUND', '没有找到这次评优');
  const { campaign } = reading;
  const household = ctx.user.communityId === campaign.communityId ? mine : null;
  if (!household || !reading.onRoll) throw new AppError('PERMISSION_DENIED', '只有这次评优名册上的居民可以提出异议');
  const open = (campaign.status === 'posted' || campaign.status === 'objected') && campaign.objectionsUntil && ctx.now < campaign.objectionsUntil;
  if (!open) throw new AppError('FAILED_PRECONDITION', '不在公示期内，不能提出异议');
  const doc = { _id: objectionIdOf(campaign._id, household), campaignId: campaign._id, communityId: campaign.communityId, openid: ctx.openid, reason: input.reason, createdAt: ctx.now };
  if (!(await insertObjectionOnce(doc))) {
    // Still posted with an objection written: a crash came between the two writes; the hold is finished now.
    if (campaign.status === 'posted') await holdForObjection(campaign._id, ['posted']);
    throw new AppError('CONFLICT', '您家已经对这次评优提出过异议');
  }
  // Held (or counted once more): the answer is the campaign as this write left it, read no more.
  if (!(await holdForObjection(campaign._id))) return toCampaign((await getCampaign(campaign._id)) ?? campaign, 0);
  return toCampaign({ ...campaign, status: 'objected', objections: campaign.objections + 1 }, 0);
}

/**
 * After the 5 days, the committee answers the objections in public, and the result becomes final.
 * The reasons it answers are read with `objections` (no names).
 */
export async function answerObjections(input: AnswerInput, ctx: RequestContext): Promise<Campaign> {
  const campaign = await getCampaign(input.campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', '没有找到这次评优');
  if (!canManageCommunity(ctx.user.roles, campaign.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以答复异议');
  if (campaign.status !== 'objected') throw new AppError('FAILED_PRECONDITION', '这次评优没有待答复的异议');
  if (campaign.objectionsUntil && ctx.now < campaign.objectionsUntil) throw new AppError('FAILED_PRECONDITION', '公示期结束后再统一答复异议');
  if (!(await answerIfObjected(campaign._id, input.answer))) throw new AppError('CONFLICT', '异议刚刚已被答复，请刷新');
  return toCampaign({ ...campaign, status: 'final', objectionAnswer: input.answer }, 0);
}

/** The committee reads a campaign's objections (reasons and days, no names), oldest first, up to 20. */
export async function objections(input: { campaignId: string }, ctx: RequestContext): Promise<{ items: { reason: string; createdAt: string }[] }> {
  const campaign = await getCampaign(input.campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', '没有找到这次评优');
  if (!canManageCommunity(ctx.user.roles, campaign.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以查看异议');
  return { items: (await objectionsOf(campaign._id, 20)).map((o) => ({ reason: o.reason, createdAt: o.createdAt.toISOString() })) };
}
