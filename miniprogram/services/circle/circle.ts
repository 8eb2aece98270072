/** What pages need from function `circle`, typed by the contract. */
import { ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';

export type FeedPage = ActionOutput<'circle', 'feed'>;
export type CircleItem = FeedPage['items'][number];

/** My community's posts and the notices for my building: pinned notices first, then newest; 20 a page. */
export function getFeed(cursor?: string): Promise<Result<FeedPage>> {
  return callApi('circle', 'feed', cursor ? { cursor } : {});
}
