import type { CronSchedule } from './cron';
import { DEFAULT_SETTINGS, DeployFunctions, Runtime } from '../function-settings';

/** Who is calling: what the platform puts in getWXContext() and event.userInfo. */
export interface Identity {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** TCB_SOURCE: 'wx_client' from the mini-program, 'wx_trigger' for timers, 'scf' from another function. */
  source?: string;
}

/** `dbRequests`: database requests the call made through the SDK (its own and those of functions it called). */
export type InvokeResult =
  | { ok: true; result: unknown; /** The result as the function's JSON. */ json: string; requestId: string; ms: number; dbRequests: number }
  | { ok: false; code: 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_REQUEST_FAIL'; message: string; requestId: string; ms: number; dbRequests: number };

export interface Invocation {
  identity: Identity;
  dbRequests: number;
  /** The invocation that called this one through cloud.callFunction, whose count includes ours. */
  parent?: Invocation;
}

export interface TimerTrigger {
  name: string;
  /** The 7-field cron as written, reported back to a deploy. */
  config: string;
  schedule: CronSchedule;
}

/** A function's code and settings as deployed (or loaded from the functions folder). */
export interface FunctionRelease {
  file: string;
  codeHash: string;
  runtime: Runtime;
  timeoutMs: number;
  memorySize: number;
  env: Record<string, string>;
  triggers: TimerTrigger[];
  /** Extra module folders the code's dependencies resolve from (the emulator's own install). */
  nodePath?: string;
}

export interface HostedFunction extends FunctionRelease {
  name: string;
}

export interface HostOptions {
  functionsDir: string;
  envId: string;
  appid: string;
  /** deploy/functions.json: each function's runtime, timeout, memory and environment. */
  settings?: DeployFunctions;
  /** At most this many instances of one function run at once; further calls queue. */
  maxInstances?: number;
  /** An instance idle this long is retired, as the cloud does (default 30 s); the next call starts a new one. */
  idleInstanceMs?: number;
  /** Told whenever idle instances are retired (tests wait on it instead of sleeping). */
  onRetire?(count: number): void;
  /** Stretches every function's timeout (default 1): a loaded test machine is not a slow function. */
  timeoutScale?: number;
  /** Sets YOULIN_EMULATOR=1 in every function (default true): the cloud never sets it. */
  markFunctions?: boolean;
  /**
   * Where instances keep V8's compiled code of each function (by the bundle's content): a cold start
   * then skips compiling what an earlier instance already ran (~10% of a test run's CPU). Off when null.
   */
  codeCacheDir?: string | null;
}

/** What the host reports of one function to a deploy. */
export interface HostedFunctionState {
  name: string;
  codeHash: string;
  runtime: Runtime;
  timeout: number;
  memorySize: number;
  env: Record<string, string>;
  triggers: { name: string; type: 'timer'; config: string }[];
}

export function stateOf(fn: HostedFunction): HostedFunctionState {
  return {
    name: fn.name,
    codeHash: fn.codeHash,
    runtime: fn.runtime,
    timeout: fn.timeoutMs / 1000,
    memorySize: fn.memorySize,
    env: { ...fn.env },
    triggers: fn.triggers.map((t) => ({ name: t.name, type: 'timer' as const, config: t.config })),
  };
}

export function releaseOf(fn: FunctionRelease | undefined): FunctionRelease {
  if (!fn) {
    const { runtime, timeout, memorySize } = DEFAULT_SETTINGS;
    return { file: '', codeHash: '', runtime, timeoutMs: timeout * 1000, memorySize, env: {}, triggers: [] };
  }
  const { file, codeHash, runtime, timeoutMs, memorySize, env, triggers, nodePath } = fn;
  return { file, codeHash, runtime, timeoutMs, memorySize, env: { ...env }, triggers: [...triggers], nodePath };
}
