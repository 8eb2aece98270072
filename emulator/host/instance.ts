/**
 * One instance of a cloud function: a worker thread running its built index.js unchanged, started
 * with the environment the platform gives a function, and one call run in it at a time.
 */
import type { Duplex } from 'node:stream';
// Node's own timers: page tests run the emulator where the globals are a browser's (no unref).
import { clearTimeout, setTimeout } from 'node:timers';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MessageChannel, Worker } from 'node:worker_threads';
import { isObject } from './function-config';
import { serveLink } from './link';
import { HostedFunction, Identity } from './types';
import { WORKER_SOURCE } from './worker-source';

const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_SOURCE', 'TCB_CONTEXT_CNFG', 'WX_CONTEXT_KEYS'];

/** What every instance of the host shares: where the emulator is, and how an instance reaches it. */
export interface InstanceSettings {
  baseUrl: string;
  /** Takes a connection an instance opens to the emulator (link.ts); null: instances use TCP. */
  accept: ((socket: Duplex) => void) | null;
  envId: string;
  appid: string;
  /** Marks the functions as running in the emulator (YOULIN_EMULATOR). */
  markFunctions: boolean;
  /** HostOptions.codeCacheDir. */
  codeCacheDir: string | null;
}

/** One call: its token for the admin endpoint's context, its id, what it carries and the functions' clock. */
export interface InstanceCall {
  token: string;
  requestId: string;
  event: unknown;
  identity: Identity;
  clockOffsetMs: number;
}

export function startInstance(fn: HostedFunction, s: InstanceSettings): Promise<Worker> {
  const channel = s.accept ? new MessageChannel() : null;
  const base = new URL(s.baseUrl || 'http://127.0.0.1:0');
  const link = channel ? { port: channel.port2, host: base.hostname, tcpPort: Number(base.port) } : undefined;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: fn.file, contextKeys: CONTEXT_KEYS, nodePath: fn.nodePath, link, codeCacheDir: s.codeCacheDir },
    transferList: channel ? [channel.port2] : [],
    env: {
      ...process.env,
      ...fn.env,
      // What the SDK needs to talk to the emulator (see the wire notes); the secrets are dummies.
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      SCF_NAMESPACE: s.envId,
      TCB_ENV: s.envId,
      SILENCE: 'true',
      // What the platform sets in a function. Without it node-sdk probes Tencent Cloud's metadata
      // host before every request (30 ms timeout, never cached on failure): ~60 ms per call offline.
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      // Only here may a function fall back to development secrets (see server/checkin-token.ts).
      YOULIN_EMULATOR: s.markFunctions ? '1' : '',
    },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  if (channel && s.accept) {
    const drop = serveLink(channel.port1, s.accept);
    worker.once('exit', drop);
  }
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

export function runInInstance(
  fn: HostedFunction,
  worker: Worker,
  s: InstanceSettings,
  call: InstanceCall,
): Promise<{ ok: true; json: string; retire: boolean } | { ok: false; message: string; retire: boolean }> {
  const { token, requestId, event, identity } = call;
  const env: Record<string, string> = {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${s.baseUrl}/admin/ctx/${token}` }),
    TCB_SOURCE: identity.source ?? (identity.openid ? 'wx_client' : 'scf'),
  };
  if (identity.openid) env.WX_OPENID = identity.openid;
  if (identity.openid) env.WX_APPID = identity.appid ?? s.appid;
  if (identity.unionid) env.WX_UNIONID = identity.unionid;
  const fullEvent = identity.openid && isObject(event) ? { ...event, userInfo: { appId: identity.appid ?? s.appid, openId: identity.openid } } : event;
  const context = {
    function_name: fn.name,
    request_id: requestId,
    time_limit_in_ms: fn.timeoutMs,
    memory_limit_in_mb: fn.memorySize,
    namespace: s.envId,
  };
  return new Promise((resolve) => {
    const onMessage = (message: { type: string; id?: string; ok?: boolean; json?: string; message?: string }): void => {
      if (message.type !== 'result' || message.id !== requestId) return;
      done();
      resolve(message.ok ? { ok: true, json: message.json ?? 'null', retire: false } : { ok: false, message: message.message ?? '', retire: false });
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
    worker.postMessage({ id: requestId, env, event: fullEvent, context, clockOffsetMs: call.clockOffsetMs });
  });
}

let gc: ((options: object) => void) | null = null;
/**
 * A full collection of this thread's heap that also gives its empty pages back (V8's last-resort
 * flavour); Node exposes gc() only to code given --expose-gc. The flag is set just long enough to
 * take gc() from a new context: V8 refuses code cached under other flags, so an instance started
 * after a process changed them for good would compile its function afresh (HostOptions.codeCacheDir).
 */
export function collectGarbage(): void {
  if (!gc) {
    const given = process.execArgv.includes('--expose-gc') || (process.env.NODE_OPTIONS ?? '').includes('--expose-gc');
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as (options: object) => void;
    if (!given) v8.setFlagsFromString('--no-expose-gc');
  }
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
