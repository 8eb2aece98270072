/** What pages need from function `activity`, typed by the contract. */
import { ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';

export type ActivityPage = ActionOutput<'activity', 'list'>;
export type ActivitySummary = ActivityPage['items'][number];

/** Upcoming activities whose audience includes me, with seats left; 20 a page. */
export function listActivities(cursor?: string): Promise<Result<ActivityPage>> {
  return callApi('activity', 'list', cursor ? { cursor } : {});
}
