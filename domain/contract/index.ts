import * as z from '../zod';
import { activityContract } from './activity';
import { circleContract } from './circle';
import { communityContract } from './community';
import { councilContract } from './council';
import { demandContract } from './demand';
import { memberContract } from './member';
import { serviceContract } from './service';
import { userContract } from './user';

/** Every cloud function's actions with their input and output schemas: the one API contract. */
export const contract = {
  user: userContract,
  community: communityContract,
  activity: activityContract,
  circle: circleContract,
  service: serviceContract,
  demand: demandContract,
  member: memberContract,
  council: councilContract,
} as const;

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
type Def<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends { input: infer I; output: infer O } ? { input: I; output: O } : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<Extract<Def<F, A>['input'], z.ZodMiniType>>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.infer<Extract<Def<F, A>['output'], z.ZodMiniType>>;

export { eventSchema } from './event';
