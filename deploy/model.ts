import type { AccessRule } from '../emulator/deploy-admin';
import type { Runtime } from '../emulator/function-settings';
import type { IndexSpec } from '../emulator/store/indexes';

export type { AccessRule } from '../emulator/deploy-admin';
export type { IndexSpec } from '../emulator/store/indexes';

/** A function's one timer trigger (WeChat's tooling allows one), as config.json declares it. */
export interface TimerTriggerDecl {
  name: string;
  type: 'timer';
  /** 7-field cron, UTC+8. */
  config: string;
}

export interface FunctionState {
  name: string;
  /** codeHash() of the uploaded files; '' when the target cannot say. */
  codeHash: string;
  runtime: Runtime | string;
  timeout: number;
  memorySize: number;
  env: Record<string, string>;
  triggers: TimerTriggerDecl[];
}

export interface CollectionState {
  name: string;
  indexes: IndexSpec[];
  rule: AccessRule;
}

/** What an environment holds, as far as the repository declares anything about it. */
export interface EnvironmentState {
  functions: FunctionState[];
  collections: CollectionState[];
  /** null: the repository declares no storage rule (no storage.rules.json), so storage is not planned. */
  storage: AccessRule | null;
}

/** What the repository declares, with what it takes to upload each function. */
export interface DesiredFunction extends FunctionState {
  /** The function's folder (cloudfunctions/<name>), holding the built index.js and package.json. */
  folder: string;
  files: Record<string, Buffer>;
  /** Env names whose values came from the deploying shell: never printed. */
  secrets: string[];
}

export interface DesiredState extends EnvironmentState {
  functions: DesiredFunction[];
  /** Said before the plan: secrets left unset (local only), and the like. */
  notes: string[];
}

/** One change a target applies; a plan item is one or more of these, in order. */
export type DeployOperation =
  | { kind: 'function.create'; fn: DesiredFunction }
  | { kind: 'function.code'; fn: DesiredFunction }
  | { kind: 'function.config'; fn: DesiredFunction }
  | { kind: 'function.runtime'; fn: DesiredFunction; from: string }
  | { kind: 'function.triggers'; fn: DesiredFunction; remove: TimerTriggerDecl[] }
  | { kind: 'collection.create'; name: string }
  | { kind: 'index.drop'; collection: string; name: string }
  | { kind: 'index.create'; collection: string; index: IndexSpec }
  | { kind: 'rule.set'; collection: string; rule: AccessRule }
  | { kind: 'storage.set'; rule: AccessRule };

export type PlanAction = 'create' | 'change' | 'drop' | 'leave';

export interface PlanItem {
  /** e.g. `function activity`, `index users.communityId_1`, `rule users`, `storage rule`. */
  resource: string;
  action: PlanAction;
  details: string[];
  operations: DeployOperation[];
}

/** Where a plan is applied: the cloud (manager-node) or the local emulator (its /emulator/deploy endpoints). */
export interface DeployTarget {
  readonly label: string;
  describe(): Promise<EnvironmentState>;
  apply(operation: DeployOperation): Promise<void>;
}
