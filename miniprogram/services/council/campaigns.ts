/** What the 群众评优 and 三评 pages need from function `council`. Writes take an idempotency key. */
import { ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';
import { Campaign, CampaignDetail, CampaignPage, CampaignPaper, NewCampaign, Objection, ThreeRatings } from './types';

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

/** The committee enters a household's paper ballot (recorded as paper; the ballot holds no voter). */
export function campaignPaperBallot(input: CampaignPaper, idempotencyKey: string): Promise<Result<CampaignVoted>> {
  return callApi('council', 'campaignPaperBallot', input, { idempotencyKey });
}

export function openCampaign(input: NewCampaign, idempotencyKey: string): Promise<Result<Campaign>> {
  return callApi('council', 'openCampaign', input, { idempotencyKey });
}

export function closeCampaign(campaignId: string, idempotencyKey: string): Promise<Result<Campaign>> {
  return callApi('council', 'closeCampaign', { campaignId }, { idempotencyKey });
}

/** A household on the roll objects to the posted result within its days of objections, with a reason. */
export function objectCampaign(campaignId: string, reason: string, idempotencyKey: string): Promise<Result<Campaign>> {
  return callApi('council', 'objectCampaign', { campaignId, reason }, { idempotencyKey });
}

/** The committee reads the objections' reasons (no names). */
export function objections(campaignId: string): Promise<Result<{ items: Objection[] }>> {
  return callApi('council', 'objections', { campaignId });
}

/** After the days of objections, the committee answers them in public; the result is final. */
export function answerObjections(campaignId: string, answer: string, idempotencyKey: string): Promise<Result<Campaign>> {
  return callApi('council', 'answerObjections', { campaignId, answer }, { idempotencyKey });
}

/** 三评: providers' ratings, members' stars and the year's 群众评优. */
export function threeRatings(communityId: string, year: number): Promise<Result<ThreeRatings>> {
  return callApi('council', 'threeRatings', { communityId, year });
}
