/**
 * Where calls go. Cloud mode (the default wherever `wx.cloud` exists) calls the deployed functions,
 * and CloudBase supplies the caller's identity. Local mode calls the emulator (`npm start`) and picks
 * a demo identity; it is used where `wx.cloud` is absent (simulators, tests) or when a developer
 * turns it on in DevTools' console:
 *
 *   wx.setStorageSync('youlin.local', true)
 *   wx.setStorageSync('youlin.openid', 'demo-committee')        // optional, default demo-resident-1
 *   wx.setStorageSync('youlin.localBase', 'http://<LAN IP>:8787') // optional, for a real phone
 *
 * Plain-http loopback calls need DevTools' "不校验合法域名" (urlCheck off), or debug mode on a phone.
 */
import { openidSchema } from '../../generated/domain';

export const STORAGE_KEYS = {
  local: 'youlin.local',
  openid: 'youlin.openid',
  localBase: 'youlin.localBase',
} as const;

export const DEFAULT_LOCAL_BASE = 'http://127.0.0.1:8787';
export const DEFAULT_DEMO_OPENID = 'demo-resident-1';

export type ApiTarget = { mode: 'cloud' } | { mode: 'local'; baseUrl: string; openid: string };

/** Storage may throw (full, or the user cleared it mid-call); a missing key reads as ''. */
function readStorage(key: string): unknown {
  try {
    return wx.getStorageSync(key);
  } catch {
    return '';
  }
}

function hasCloud(): boolean {
  return typeof wx.cloud === 'object' && wx.cloud !== null;
}

function localSwitchOn(): boolean {
  const value = readStorage(STORAGE_KEYS.local);
  return value === true || value === 1 || value === '1' || value === 'true';
}

function localBase(): string {
  const value = readStorage(STORAGE_KEYS.localBase);
  return typeof value === 'string' && /^https?:\/\/[^\s/]+$/.test(value) ? value : DEFAULT_LOCAL_BASE;
}

function demoOpenid(): string {
  const parsed = openidSchema.safeParse(readStorage(STORAGE_KEYS.openid));
  return parsed.success ? parsed.data : DEFAULT_DEMO_OPENID;
}

/** Read on every call, so switching identity in storage takes effect without a restart. */
export function apiTarget(): ApiTarget {
  if (hasCloud() && !localSwitchOn()) return { mode: 'cloud' };
  return { mode: 'local', baseUrl: localBase(), openid: demoOpenid() };
}
