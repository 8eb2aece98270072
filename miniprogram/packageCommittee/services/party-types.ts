/** The party-member pages' data, named from the contract (no calls here, so pure view code can use them). */
import { ActionInput, ActionOutput } from '../../generated/domain';

export type RegistrationPage = ActionOutput<'member', 'registrations'>;
export type Registration = RegistrationPage['items'][number];
export type Team = ActionOutput<'member', 'teams'>['items'][number];
export type TaskPage = ActionOutput<'member', 'hall'>;
export type Task = TaskPage['items'][number];
export type ProofPage = ActionOutput<'member', 'proofsToVerify'>;
export type Proof = ProofPage['items'][number];
export type Claim = Proof['claim'];
export type TaskInput = ActionInput<'member', 'publishTask'>;
export type RotaInput = ActionInput<'member', 'saveRota'>;
export type Dashboard = ActionOutput<'member', 'dashboard'>;
export type UnitFiles = ActionOutput<'member', 'unitReports'>;
export type PointsSettings = ActionOutput<'member', 'pointsSettings'>;
export type StarRecord = ActionOutput<'member', 'stars'>;
export type Post = NonNullable<Registration['post']>;
