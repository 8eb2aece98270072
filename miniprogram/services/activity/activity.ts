/** What pages need from function `activity`, typed by the contract. */
import { ActionInput, Result, Series } from '../../generated/domain';
import { callApi } from '../api/api';
import { ActivityDetail, ActivityPage, MyHours, MySignup, MySignupPage, ScanLocation, SignupAnswers } from './types';

export * from './types';

/** Upcoming activities whose audience includes me (of one series when given), with seats left; 20 a page. */
export function listActivities(series?: Series, cursor?: string): Promise<Result<ActivityPage>> {
  const data: ActionInput<'activity', 'list'> = {};
  if (series) data.series = series;
  if (cursor) data.cursor = cursor;
  return callApi('activity', 'list', data);
}

/** One activity and my signups for it. */
export function getActivity(activityId: string): Promise<Result<ActivityDetail>> {
  return callApi('activity', 'get', { activityId });
}

/** Signs me up (for one shift when the activity has shifts); the same key on a retry gets the first call's answer. */
export function signUp(activityId: string, answers: SignupAnswers, idempotencyKey: string, shiftId?: string): Promise<Result<MySignup>> {
  return callApi('activity', 'signup', shiftId ? { activityId, shiftId, answers } : { activityId, answers }, { idempotencyKey });
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

/** My volunteer hours and points in a year (this year unless asked), month by month. */
export function myHours(year?: number): Promise<Result<MyHours>> {
  return callApi('activity', 'hours', year ? { year } : {});
}
