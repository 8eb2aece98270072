/**
 * The phone's camera and location as promises that never reject: a QR code's text, or why there is
 * none; where I am, or null. The privacy agreement comes first where WeChat requires it, so every
 * caller gets it without asking twice.
 */
import { ensurePrivacyAgreed } from '../../services/privacy/privacy';

export type Scanned = { ok: true; text: string } | { ok: false; cancelled: boolean };

/** Opens the camera for a QR code; closing it is `cancelled`, not an error. */
export function scanQrCode(): Promise<Scanned> {
  return new Promise((resolve) => {
    wx.scanCode({
      onlyFromCamera: true,
      scanType: ['qrCode'],
      success: (res) => resolve({ ok: true, text: (res.result || '').trim() }),
      fail: (err) => resolve({ ok: false, cancelled: /cancel/i.test(err.errMsg) }),
    });
  });
}

export const SCAN_FAILED = '没能打开扫码，请稍后重试';

export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

export type Located = { ok: true; point: GeoPoint } | { ok: false; reason: 'declined' | 'unavailable' };

/** Where I am (gcj02, as the map and the functions use it), after the privacy agreement. */
export async function locate(): Promise<Located> {
  if (!(await ensurePrivacyAgreed())) return { ok: false, reason: 'declined' };
  return new Promise((resolve) => {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => resolve({ ok: true, point: { type: 'Point', coordinates: [res.longitude, res.latitude] } }),
      fail: () => resolve({ ok: false, reason: 'unavailable' }),
    });
  });
}
