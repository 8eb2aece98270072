/** What the 群众评优 and 三评 pages need from function `council`. Writes take an idempotency key. */
import { ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';
import { Campaign, CampaignDetail, CampaignPage, NewCampaign, ThreeRatings } from './types';

type CampaignVoted = ActionOutput<'council', 'campaignVote'>;

export function campaigns(communityId: string, year?: number, cursor?: string): Promise<Result<CampaignPage>> {
  return callApi('council', 'campaigns', { communityId, ...(year ? { year } : {}), ...(cursor ? { cursor } : {}) });
}

/** One campaign, with whether my household voted (never for whom). */
export function campaign(campaignId: string): Promise<Result<CampaignDetail>> {
  return callApi('council', 'campaign', { campaignId });
}

export function campaignVote(campaignId: string, choices: number[], idempotencyKey: string): Promise<Result<CampaignVoted>> {
  return callApi('council', 'campaignVote', { campaignId, choices }, { idempotencyKey });
}

export function openCampaign(input: NewCampaign, idempotencyKey: string): Promise<Result<Campaign>> {
  return callApi('council', 'openCampaign', input, { idempotencyKey });
}

export function closeCampaign(campaignId: string, idempotencyKey: string): Promise<Result<Campaign>> {
  return callApi('council', 'closeCampaign', { campaignId }, { idempotencyKey });
}

/** 三评: providers' ratings, members' stars and the year's 群众评优. */
export function threeRatings(communityId: string, year: number): Promise<Result<ThreeRatings>> {
  return callApi('council', 'threeRatings', { communityId, year });
}
