/** What pages need from function `activity`, typed by the contract. */
import { ActionInput, ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';

export type ActivityPage = ActionOutput<'activity', 'list'>;
export type ActivitySummary = ActivityPage['items'][number];
export type ActivityDetail = ActionOutput<'activity', 'get'>;
export type MySignup = ActionOutput<'activity', 'signup'>;
export type MySignupPage = ActionOutput<'activity', 'mine'>;
export type SignupAnswers = ActionInput<'activity', 'signup'>['answers'];
export type ScanLocation = ActionInput<'activity', 'checkin'>['location'];

/** Upcoming activities whose audience includes me, with seats left; 20 a page. */
export function listActivities(cursor?: string): Promise<Result<ActivityPage>> {
  return callApi('activity', 'list', cursor ? { cursor } : {});
}

/** One activity and my signups for it. */
export function getActivity(activityId: string): Promise<Result<ActivityDetail>> {
  return callApi('activity', 'get', { activityId });
}

/** Signs me up; the same key on a retry gets the first call's answer. */
export function signUp(activityId: string, answers: SignupAnswers, idempotencyKey: string): Promise<Result<MySignup>> {
  return callApi('activity', 'signup', { activityId, answers }, { idempotencyKey });
}

export function cancelSignup(signupId: string): Promise<Result<MySignup>> {
  return callApi('activity', 'cancel', { signupId });
}

/** My signups, newest first; 20 a page. */
export function mySignups(cursor?: string): Promise<Result<MySignupPage>> {
  return callApi('activity', 'mine', cursor ? { cursor } : {});
}

/** A scanned check-in code: `checkin` on arrival, `checkout` on leaving. */
export function scan(kind: 'checkin' | 'checkout', activityId: string, token: string, location?: ScanLocation): Promise<Result<MySignup>> {
  return callApi('activity', kind, location ? { activityId, token, location } : { activityId, token });
}
