/** The member pages' data, named from the contract (no calls here, so pure view code and its tests can use them). */
import { ActionInput, ActionOutput } from '../../generated/domain';

export type Registration = NonNullable<ActionOutput<'member', 'me'>['registration']>;
export type NewRegistration = ActionInput<'member', 'register'>;
export type Task = ActionOutput<'member', 'task'>;
export type TaskPage = ActionOutput<'member', 'hall'>;
export type Claim = ActionOutput<'member', 'claim'>;
export type ClaimPage = ActionOutput<'member', 'mine'>;
export type WishPage = ActionOutput<'member', 'wishes'>;
export type MyWish = WishPage['items'][number];
export type YearLine = ActionOutput<'member', 'yearReport'>;
export type StarRecord = ActionOutput<'member', 'stars'>;
export type HallKind = NonNullable<ActionInput<'member', 'hall'>['kind']>;
