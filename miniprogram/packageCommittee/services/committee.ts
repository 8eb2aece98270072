/** What the committee pages need from function `activity`, typed by the contract. */
import { ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../../services/api/api';

export type Roster = ActionOutput<'activity', 'roster'>;
export type RosterItem = Roster['items'][number];
export type ReviewOutcome = ActionOutput<'activity', 'review'>;
export type CheckinCode = ActionOutput<'activity', 'checkinCode'>;
export type ActivityPage = ActionOutput<'activity', 'list'>;

/** The signups still waiting for the committee, oldest first, 20 a page. */
export function pendingSignups(activityId: string, cursor?: string): Promise<Result<Roster>> {
  return callApi('activity', 'roster', cursor ? { activityId, status: 'pending', cursor } : { activityId, status: 'pending' });
}

/** Approves (never past capacity) or rejects with a reason, at most 100 at a time. */
export function reviewSignups(activityId: string, signupIds: string[], decision: 'approve' | 'reject', reason?: string, idempotencyKey?: string): Promise<Result<ReviewOutcome>> {
  const data = reason === undefined ? { activityId, signupIds, decision } : { activityId, signupIds, decision, reason };
  return callApi('activity', 'review', data, { idempotencyKey });
}

/** A fresh check-in token for the full-screen QR. */
export function checkinCode(activityId: string): Promise<Result<CheckinCode>> {
  return callApi('activity', 'checkinCode', { activityId });
}

/** As committee: the community's activities. */
export function communityActivities(cursor?: string): Promise<Result<ActivityPage>> {
  return callApi('activity', 'list', cursor ? { cursor } : {});
}
