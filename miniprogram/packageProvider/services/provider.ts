/** What the provider pages need from functions `user` and `service`, typed by the contract. */
import { ActionOutput, Profile, Result } from '../../generated/domain';
import { callApi } from '../../services/api/api';

export type CataloguePage = ActionOutput<'service', 'catalogue'>;
export type ServiceItem = CataloguePage['items'][number];
export type Booking = ActionOutput<'service', 'redeem'>;

/** Who I am, with my roles: a provider role names the co-building unit (partner) I work for. */
export function getMe(): Promise<Result<Profile>> {
  return callApi('user', 'me', {});
}

/** One page (20) of a community's service menu. */
export function cataloguePage(communityId: string, cursor?: string): Promise<Result<CataloguePage>> {
  return callApi('service', 'catalogue', cursor ? { communityId, cursor } : { communityId });
}

/** 核销: completes the booking whose code was scanned, at the scanner of one of my unit's services. */
export function redeem(itemId: string, code: string): Promise<Result<Booking>> {
  return callApi('service', 'redeem', { itemId, code });
}
