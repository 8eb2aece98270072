/** The committee pages' data, named from the contract (no calls here, so pure view code can use them). */
import { ActionInput, ActionOutput } from '../../generated/domain';

export type { ActivityPage } from '../../services/activity/types';

export type Roster = ActionOutput<'activity', 'roster'>;
export type RosterItem = Roster['items'][number];
export type ReviewOutcome = ActionOutput<'activity', 'review'>;
export type CheckinCode = ActionOutput<'activity', 'checkinCode'>;
export type ManagedActivity = ActionOutput<'activity', 'create'>;
export type ActivityFields = ActionInput<'activity', 'create'>['fields'];
export type ActivityChanges = ActionInput<'activity', 'update'>['fields'];
export type Tree = ActionOutput<'community', 'tree'>;
export type Me = ActionOutput<'user', 'me'>;
