/**
 * Where calls go. Cloud mode (the default wherever `wx.cloud` exists) calls the deployed functions,
 * and CloudBase supplies the caller's identity. Local mode calls the emulator (`npm start`) and picks
 * a demo identity; it is used where `wx.cloud` is absent (simulators, tests) or when a developer
 * turns it on in DevTools' console:
 *
 *   wx.setStorage({ key: 'youlin.local', data: true })
 *   wx.setStorage({ key: 'youlin.openid', data: 'demo-committee' })        // optional, default demo-resident-1
 *   wx.setStorage({ key: 'youlin.localBase', data: 'http://<LAN IP>:8787' }) // optional, for a real phone
 *   wx.setStorage({ key: 'youlin.callTimeoutMs', data: 60000 })              // optional, for a slow machine
 *
 * Plain-http loopback calls need DevTools' "不校验合法域名" (urlCheck off), or debug mode on a phone.
 */
import { openidSchema } from '../../generated/domain';

export const STORAGE_KEYS = {
  local: 'youlin.local',
  openid: 'youlin.openid',
  localBase: 'youlin.localBase',
  callTimeoutMs: 'youlin.callTimeoutMs',
} as const;

export const DEFAULT_LOCAL_BASE = 'http://127.0.0.1:8787';
export const DEFAULT_DEMO_OPENID = 'demo-resident-1';

/** `timeoutMs`: how long a local call may take (CALL_TIMEOUT_MS unless a slow machine asks for longer). */
export type ApiTarget = { mode: 'cloud' } | { mode: 'local'; baseUrl: string; openid: string; timeoutMs?: number };

/** Asynchronous, so no call ever blocks a render; a missing key or a failing storage reads as ''. */
function readStorage(key: string): Promise<unknown> {
  return new Promise((resolve) => {
    try {
      wx.getStorage({ key, success: (res) => resolve(res.data), fail: () => resolve('') });
    } catch {
      resolve('');
    }
  });
}

function hasCloud(): boolean {
  return typeof wx.cloud === 'object' && wx.cloud !== null;
}

const isOn = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';

const baseUrlOf = (value: unknown) => (typeof value === 'string' && /^https?:\/\/[^\s/]+$/.test(value) ? value : DEFAULT_LOCAL_BASE);

function openidOf(value: unknown): string {
  const parsed = openidSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_DEMO_OPENID;
}

/** Read on every call, so switching identity in storage takes effect without a restart. */
export async function apiTarget(): Promise<ApiTarget> {
  if (hasCloud() && !isOn(await readStorage(STORAGE_KEYS.local))) return { mode: 'cloud' };
  const [baseUrl, openid, timeoutMs] = await Promise.all([STORAGE_KEYS.localBase, STORAGE_KEYS.openid, STORAGE_KEYS.callTimeoutMs].map(readStorage));
  const target: ApiTarget = { mode: 'local', baseUrl: baseUrlOf(baseUrl), openid: openidOf(openid) };
  return typeof timeoutMs === 'number' && timeoutMs > 0 ? { ...target, timeoutMs } : target;
}
