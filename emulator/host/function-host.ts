import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { FunctionClock } from './clock';
import { DEFAULT_SETTINGS, codeHashWhenAsked } from '../function-settings';
import { cronMatches } from './cron';
import { readConfig } from './function-config';
import { InstanceSettings, collectGarbage, runInInstance, startInstance } from './instance';
import { FunctionRelease, HostOptions, HostedFunction, HostedFunctionState, Identity, InvokeResult, Invocation, TimerTrigger, releaseOf, stateOf } from './types';
import { WorkerPool } from './worker-pool';
// Node's own timers: page tests run the emulator where the globals are a browser's (no unref).
import { clearInterval, setInterval, setTimeout } from 'node:timers';

export type { HostOptions, Identity, InvokeResult } from './types';

/** Runs each cloud function's built index.js unchanged, one worker thread per concurrent call. */
export class FunctionHost {
  private functions = new Map<string, HostedFunction>();
  private pools = new Map<string, WorkerPool<Worker>>();
  private contexts = new Map<string, Invocation>();
  private baseUrl = '';
  /** Takes a connection an instance opens to the emulator (link.ts); without it instances use TCP. */
  private accept: ((socket: Duplex) => void) | null = null;
  /** The time the functions see (clock.ts): the real time unless a story moved it. */
  readonly clock = new FunctionClock();
  private ticker: NodeJS.Timeout | null = null;
  readonly timerLog: { functionName: string; trigger: string; at: Date; ok: boolean }[] = [];

  constructor(private options: HostOptions) {}

  setBaseUrl(url: string): void {
    this.baseUrl = url;
  }

  /** From now on instances reach the emulator's HTTP server (at the base URL) through `accept`, not TCP. */
  linkTo(accept: (socket: Duplex) => void): void {
    this.accept = accept;
  }

  /**
   * Finds every `cloudfunctions/<name>/index.js` with its config.json (timer triggers) and runs it with
   * its deploy settings (runtime, timeout, memory, env; secrets from this process's environment).
   */
  load(): string[] {
    const dir = this.options.functionsDir;
    if (!fs.existsSync(dir)) return [];
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name, 'index.js');
      if (!fs.existsSync(file)) continue;
      const configFile = path.join(dir, name, 'config.json');
      const config: unknown = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
      const settings = { ...DEFAULT_SETTINGS, env: {}, secrets: [], ...this.options.settings?.functions[name] };
      const env: Record<string, string> = { ...settings.env };
      for (const secret of settings.secrets) if (process.env[secret]) env[secret] = process.env[secret] as string;
      const hash = codeHashWhenAsked(path.join(dir, name));
      this.functions.set(name, {
        name,
        file,
        get codeHash() {
          return hash();
        },
        runtime: settings.runtime,
        timeoutMs: settings.timeout * 1000,
        memorySize: settings.memorySize,
        env,
        triggers: readConfig(name, config).triggers,
      });
    }
    return [...this.functions.keys()];
  }

  /** Each function's code fingerprint, settings and triggers, as a deploy compares them. */
  describe(): HostedFunctionState[] {
    return [...this.functions.values()].map(stateOf);
  }

  /** A copy of a function's current release (the platform's defaults for a new one), for a deploy to change. */
  currentRelease(name: string): FunctionRelease {
    return releaseOf(this.functions.get(name));
  }

  /** Puts a new release of a function in service: calls after this one run it; idle instances retire. */
  replace(name: string, release: FunctionRelease): void {
    this.functions.set(name, { ...release, name });
    // New instances start the new release; the old pool's idle instances go now, busy ones when they finish.
    const old = this.pools.get(name);
    this.pools.delete(name);
    void old?.close();
  }

  /** Parses a function's triggers exactly as a config.json's are read. */
  static triggersOf(name: string, triggers: unknown): TimerTrigger[] {
    return readConfig(name, { triggers }).triggers;
  }

  names(): string[] {
    return [...this.functions.keys()];
  }

  /** The identity of the invocation a `/admin/ctx/<token>` request comes from. */
  identityFor(token: string): Identity | undefined {
    return this.contexts.get(token)?.identity;
  }

  /** Counts one database request against the invocation behind `token` (and its callers). */
  countDbRequest(token: string): void {
    for (let at = this.contexts.get(token); at; at = at.parent) at.dbRequests++;
  }

  async invoke(name: string, event: unknown, identity: Identity = {}, callerToken?: string): Promise<InvokeResult> {
    const requestId = crypto.randomUUID();
    const started = Date.now();
    const fn = this.functions.get(name);
    if (!fn) {
      return { ok: false, code: 'FUNCTIONS_REQUEST_FAIL', message: `FunctionName parameter could not be found: ${name}`, requestId, ms: 0, dbRequests: 0 };
    }
    const pool = this.poolOf(fn);
    // randomUUID draws from a cached pool; randomBytes made a system call on every invocation.
    const token = crypto.randomUUID();
    const invocation: Invocation = { identity, dbRequests: 0, parent: callerToken ? this.contexts.get(callerToken) : undefined };
    this.contexts.set(token, invocation);
    let worker: Worker | null = null;
    try {
      worker = await pool.acquire();
      const scale = this.options.timeoutScale ?? 1;
      const timed = scale === 1 ? fn : { ...fn, timeoutMs: fn.timeoutMs * scale };
      const outcome = await runInInstance(timed, worker, this.instanceSettings(), { token, requestId, event, identity, clockOffsetMs: this.clock.offsetMs });
      if (outcome.retire) {
        pool.retire(worker);
        worker = null;
      }
      const ms = Date.now() - started;
      const { dbRequests } = invocation;
      return outcome.ok
        ? answered(outcome.json, requestId, ms, dbRequests)
        : { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: `errCode: -404011 cloud function execution error | errMsg: ${outcome.message}`, requestId, ms, dbRequests };
    } catch (error) {
      const message = `errCode: -404011 cloud function execution error | errMsg: ${(error as Error).message}`;
      return { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message, requestId, ms: Date.now() - started, dbRequests: invocation.dbRequests };
    } finally {
      this.contexts.delete(token);
      if (worker) pool.release(worker);
    }
  }

  /** The instances of function `name`: to warm them before a measured burst (`prestart`), or count them. */
  pool(name: string): WorkerPool<Worker> {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`no function ${name}`);
    return this.poolOf(fn);
  }

  private poolOf(fn: HostedFunction): WorkerPool<Worker> {
    const { maxInstances: max = 16, idleInstanceMs: idleMs = 30_000, onRetire } = this.options;
    let pool = this.pools.get(fn.name);
    const retired = (count: number): void => {
      onRetire?.(count);
      this.collectWhenIdle();
    };
    if (!pool) this.pools.set(fn.name, (pool = new WorkerPool<Worker>({ start: () => startInstance(fn, this.instanceSettings()), max, idleMs, onRetire: retired })));
    return pool;
  }

  /**
   * Once the last instance has retired, the emulator's own heap is collected: a rush leaves tens of MB
   * of garbage behind (parsed requests, replies) that V8 would otherwise keep until the next burst.
   */
  private instanceSettings(): InstanceSettings {
    const { envId, appid, markFunctions, codeCacheDir } = this.options;
    return { baseUrl: this.baseUrl, accept: this.accept, envId, appid, markFunctions: markFunctions !== false, codeCacheDir: codeCacheDir ?? null };
  }

  private collectWhenIdle(): void {
    const live = [...this.pools.values()].some((pool) => {
      const { idle, busy, starting } = pool.counts();
      return idle + busy + starting > 0;
    });
    // A moment later: the retired threads take a while to exit and let go of what they held.
    if (!live) setTimeout(collectGarbage, 2000).unref();
  }

  // ---- timer triggers ----

  triggers(): { functionName: string; trigger: string }[] {
    return [...this.functions.values()].flatMap((fn) => fn.triggers.map((t) => ({ functionName: fn.name, trigger: t.name })));
  }

  /** Fires a timer trigger now, as the platform would (no user identity). */
  fireTimer(functionName: string, triggerName: string, at: Date = this.clock.now()): Promise<InvokeResult> {
    const event = { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString(), Message: '' };
    return this.invoke(functionName, event, { source: 'wx_trigger' }).then((result) => {
      this.timerLog.push({ functionName, trigger: triggerName, at, ok: result.ok });
      if (this.timerLog.length > 200) this.timerLog.shift();
      return result;
    });
  }

  /** Starts firing declared timers on schedule, checked once a second. */
  startTimers(): void {
    if (this.ticker) return;
    let last = Math.floor(Date.now() / 1000);
    this.ticker = setInterval(() => {
      const now = Math.floor(Date.now() / 1000);
      for (let second = last + 1; second <= now; second++) {
        const at = new Date(second * 1000 + this.clock.offsetMs);
        for (const fn of this.functions.values()) {
          for (const trigger of fn.triggers) if (cronMatches(trigger.schedule, at)) void this.fireTimer(fn.name, trigger.name, at);
        }
      }
      last = now;
    }, 1000);
    this.ticker.unref();
  }

  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }
}

/**
 * A call's answer as the function's JSON, passed on as it came (an HTTP answer sends these bytes);
 * `result` parses it only for whoever reads it.
 */
function answered(json: string, requestId: string, ms: number, dbRequests: number): InvokeResult {
  let parsed: { value: unknown } | null = null;
  return {
    ok: true,
    json,
    get result(): unknown {
      parsed ??= { value: JSON.parse(json) };
      return parsed.value;
    },
    requestId,
    ms,
    dbRequests,
  };
}
