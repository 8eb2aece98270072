/** The activity pages' data, named from the contract (no calls here, so pure view code can use them). */
import { ActionInput, ActionOutput } from '../../generated/domain';

export type ActivityPage = ActionOutput<'activity', 'list'>;
export type ActivitySummary = ActivityPage['items'][number];
export type ActivityDetail = ActionOutput<'activity', 'get'>;
export type MySignup = ActionOutput<'activity', 'signup'>;
export type MySignupPage = ActionOutput<'activity', 'mine'>;
export type SignupAnswers = ActionInput<'activity', 'signup'>['answers'];
export type ScanLocation = ActionInput<'activity', 'checkin'>['location'];
export type MyHours = ActionOutput<'activity', 'hours'>;
