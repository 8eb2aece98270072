import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FunctionClock } from './clock';
import { CronSchedule, cronMatches, parseCron } from './cron';
import { WORKER_SOURCE } from './worker-source';

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
  | { ok: true; result: unknown; requestId: string; ms: number; dbRequests: number }
  | { ok: false; code: 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_REQUEST_FAIL'; message: string; requestId: string; ms: number; dbRequests: number };

interface Invocation {
  identity: Identity;
  dbRequests: number;
  /** The invocation that called this one through cloud.callFunction, whose count includes ours. */
  parent?: Invocation;
}

interface TimerTrigger {
  name: string;
  schedule: CronSchedule;
}
interface HostedFunction {
  name: string;
  file: string;
  timeoutMs: number;
  env: Record<string, string>;
  triggers: TimerTrigger[];
  idle: Worker[];
  busy: number;
  queue: (() => void)[];
}

export interface HostOptions {
  functionsDir: string;
  envId: string;
  appid: string;
  /** At most this many instances of one function run at once; further calls queue. */
  maxInstances?: number;
}

const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_SOURCE', 'TCB_CONTEXT_CNFG', 'WX_CONTEXT_KEYS'];

/** Runs each cloud function's built index.js unchanged, one worker thread per concurrent call. */
export class FunctionHost {
  private functions = new Map<string, HostedFunction>();
  private contexts = new Map<string, Invocation>();
  private baseUrl = '';
  /** The time the functions see (clock.ts): the real time unless a story moved it. */
  readonly clock = new FunctionClock();
  private ticker: NodeJS.Timeout | null = null;
  readonly timerLog: { functionName: string; trigger: string; at: Date; ok: boolean }[] = [];

  constructor(private options: HostOptions) {}

  setBaseUrl(url: string): void {
    this.baseUrl = url;
  }

  /** Finds every `cloudfunctions/<name>/index.js` with its config.json (timeout, env, timer triggers). */
  load(): string[] {
    const dir = this.options.functionsDir;
    if (!fs.existsSync(dir)) return [];
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name, 'index.js');
      if (!fs.existsSync(file)) continue;
      const configFile = path.join(dir, name, 'config.json');
      const config: unknown = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
      this.functions.set(name, { name, file, ...readConfig(name, config), idle: [], busy: 0, queue: [] });
    }
    return [...this.functions.keys()];
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
    await this.acquire(fn);
    const token = crypto.randomBytes(12).toString('hex');
    const invocation: Invocation = { identity, dbRequests: 0, parent: callerToken ? this.contexts.get(callerToken) : undefined };
    this.contexts.set(token, invocation);
    let worker: Worker | null = null;
    try {
      worker = fn.idle.pop() ?? (await this.spawn(fn));
      const outcome = await this.run(fn, worker, token, requestId, event, identity);
      if (outcome.retire) {
        void worker.terminate();
        worker = null;
      }
      const ms = Date.now() - started;
      const { dbRequests } = invocation;
      return outcome.ok
        ? { ok: true, result: outcome.result, requestId, ms, dbRequests }
        : { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: `errCode: -404011 cloud function execution error | errMsg: ${outcome.message}`, requestId, ms, dbRequests };
    } catch (error) {
      const message = `errCode: -404011 cloud function execution error | errMsg: ${(error as Error).message}`;
      return { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message, requestId, ms: Date.now() - started, dbRequests: invocation.dbRequests };
    } finally {
      this.contexts.delete(token);
      if (worker) fn.idle.push(worker);
      this.release(fn);
    }
  }

  private acquire(fn: HostedFunction): Promise<void> {
    if (fn.busy < (this.options.maxInstances ?? 16)) {
      fn.busy++;
      return Promise.resolve();
    }
    return new Promise((resolve) => fn.queue.push(resolve));
  }

  private release(fn: HostedFunction): void {
    const next = fn.queue.shift();
    if (next) next();
    else fn.busy--;
  }

  private spawn(fn: HostedFunction): Promise<Worker> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: fn.file, contextKeys: CONTEXT_KEYS },
      env: {
        ...process.env,
        ...fn.env,
        // What the SDK needs to talk to the emulator (see the wire notes); the secrets are dummies.
        TENCENTCLOUD_SECRETID: 'local',
        TENCENTCLOUD_SECRETKEY: 'local',
        SCF_NAMESPACE: this.options.envId,
        TCB_ENV: this.options.envId,
        SILENCE: 'true',
        // What the platform sets in a function. Without it node-sdk probes Tencent Cloud's metadata
        // host before every request (30 ms timeout, never cached on failure): ~60 ms per call offline.
        TENCENTCLOUD_RUNENV: 'SCF',
        TENCENTCLOUD_REGION: 'ap-shanghai',
      },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    return new Promise((resolve, reject) => {
      worker.once('message', (message: { type: string; error?: string }) => {
        if (message.error) {
          void worker.terminate();
          reject(new Error(`函数 ${fn.name} 加载失败：${message.error}`));
        } else resolve(worker);
      });
      worker.once('error', reject);
    });
  }

  private run(
    fn: HostedFunction,
    worker: Worker,
    token: string,
    requestId: string,
    event: unknown,
    identity: Identity,
  ): Promise<{ ok: true; result: unknown; retire: boolean } | { ok: false; message: string; retire: boolean }> {
    const env: Record<string, string> = {
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.baseUrl}/admin/ctx/${token}` }),
      TCB_SOURCE: identity.source ?? (identity.openid ? 'wx_client' : 'scf'),
    };
    if (identity.openid) env.WX_OPENID = identity.openid;
    if (identity.openid) env.WX_APPID = identity.appid ?? this.options.appid;
    if (identity.unionid) env.WX_UNIONID = identity.unionid;
    const fullEvent =
      identity.openid && isObject(event)
        ? { ...event, userInfo: { appId: identity.appid ?? this.options.appid, openId: identity.openid } }
        : event;
    const context = {
      function_name: fn.name,
      request_id: requestId,
      time_limit_in_ms: fn.timeoutMs,
      memory_limit_in_mb: 256,
      namespace: this.options.envId,
    };
    return new Promise((resolve) => {
      const onMessage = (message: { type: string; id?: string; ok?: boolean; json?: string; message?: string }): void => {
        if (message.type !== 'result' || message.id !== requestId) return;
        done();
        resolve(message.ok ? { ok: true, result: JSON.parse(message.json ?? 'null'), retire: false } : { ok: false, message: message.message ?? '', retire: false });
      };
      const onError = (error: Error): void => {
        done();
        resolve({ ok: false, message: error.stack ?? error.message, retire: true });
      };
      const onExit = (): void => {
        done();
        resolve({ ok: false, message: '函数实例意外退出', retire: true });
      };
      // Like the platform, a call that runs past the function's timeout is killed with its instance.
      const timer = setTimeout(() => {
        done();
        resolve({ ok: false, message: `Invoking task timed out after ${fn.timeoutMs / 1000} seconds`, retire: true });
      }, fn.timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id: requestId, env, event: fullEvent, context, clockOffsetMs: this.clock.offsetMs });
    });
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
    const workers = [...this.functions.values()].flatMap((fn) => fn.idle.splice(0));
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readConfig(name: string, config: unknown): Pick<HostedFunction, 'timeoutMs' | 'env' | 'triggers'> {
  const c = isObject(config) ? config : {};
  const timeout = typeof c.timeout === 'number' && c.timeout > 0 ? Math.min(c.timeout, 900) : 3;
  const env: Record<string, string> = {};
  if (isObject(c.envVariables)) for (const [k, v] of Object.entries(c.envVariables)) env[k] = String(v);
  const triggers: TimerTrigger[] = [];
  for (const t of Array.isArray(c.triggers) ? c.triggers : []) {
    if (!isObject(t) || t.type !== 'timer' || typeof t.config !== 'string') continue;
    try {
      triggers.push({ name: String(t.name ?? 'timer'), schedule: parseCron(t.config) });
    } catch (error) {
      throw new Error(`cloudfunctions/${name}/config.json: ${(error as Error).message}`);
    }
  }
  return { timeoutMs: timeout * 1000, env, triggers };
}
