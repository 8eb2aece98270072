import crypto from 'node:crypto';
import { AppError } from '../domain/result';
import { logConfigError } from './kit/log';

/**
 * The token behind the live check-in QR code the organiser shows full-screen. It must be short (a
 * QR of few modules scans at arm's length) and unforgeable, and it dies within 30 seconds so that a
 * screenshot sent to a friend at home is useless by the time it arrives.
 *
 * 24 bytes, written as 32 base64url characters:
 *   0       version (1)
 *   1..6    the activity: the first 6 bytes of SHA-256(activityId)
 *   7       the shift: 0 for the activity itself, n for its n-th shift (shifts never change once published)
 *   8..11   when it was issued, whole seconds since 1970 (unsigned, big-endian)
 *   12..23  HMAC-SHA256 of bytes 0..11 with the server's secret, cut to 96 bits
 * The MAC covers the activity tag, so a genuine code of another activity is told apart from a forgery.
 */
const VERSION = 1;
const TAG_BYTES = 6;
const MAC_BYTES = 12;
const PAYLOAD_BYTES = 1 + TAG_BYTES + 1 + 4;
const TOKEN_BYTES = PAYLOAD_BYTES + MAC_BYTES;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

/** A token is good for this long after it is issued. */
export const TOKEN_TTL_MS = 30_000;
/** The organiser's page fetches a new token this often, well before the old one dies. */
export const TOKEN_REFRESH_SECONDS = 20;
/** Function instances' clocks may differ a little; a token this far "from the future" is still fine. */
const CLOCK_SKEW_MS = 5_000;

/**
 * Only for the local emulator and tests. A deployed function must have its own long random secret in
 * YOULIN_CHECKIN_SECRET (set at deploy, never committed): with this public default anyone could mint
 * check-in and booking codes.
 */
export const DEV_CHECKIN_SECRET = 'youlin-dev-checkin-secret-not-for-deployment';
/** Shorter than this is no real secret (32 random characters ≈ 190 bits). */
export const MIN_SECRET_LENGTH = 32;
/** Set by the emulator's function host, never by the cloud: only there may the development secret apply. */
export const EMULATOR_MARKER = 'YOULIN_EMULATOR';

/**
 * The secret that signs check-in and booking codes. It fails closed: without a real secret (and
 * outside the emulator) nothing is signed or checked; the resident is told the codes are unavailable
 * and the operator finds the config error in the log.
 */
export function checkinSecret(): string {
  const configured = process.env.YOULIN_CHECKIN_SECRET ?? '';
  const onEmulator = process.env[EMULATOR_MARKER] === '1';
  if (configured === '' && onEmulator) return DEV_CHECKIN_SECRET;
  if (configured.length >= MIN_SECRET_LENGTH && (onEmulator || configured !== DEV_CHECKIN_SECRET)) return configured;
  logConfigError('YOULIN_CHECKIN_SECRET', configured === '' ? 'missing' : configured === DEV_CHECKIN_SECRET ? 'development secret' : `shorter than ${MIN_SECRET_LENGTH}`);
  throw new AppError('FAILED_PRECONDITION', '签到码和预约码暂时无法使用：系统尚未配置完成，请联系居委会');
}

export interface TokenClaims {
  activityId: string;
  /** 0 for the activity itself, n for its n-th shift. */
  shift: number;
  issuedAt: Date;
}

export type TokenCheck = { ok: true; shift: number; issuedAt: Date } | { ok: false; problem: 'forged' | 'otherActivity' | 'expired' };

const activityTag = (activityId: string) => crypto.createHash('sha256').update(activityId, 'utf8').digest().subarray(0, TAG_BYTES);
const macOf = (payload: Buffer, secret: string) => crypto.createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);

export function mintCheckinToken(claims: TokenClaims, secret: string = checkinSecret()): { token: string; expiresAt: Date } {
  if (!Number.isInteger(claims.shift) || claims.shift < 0 || claims.shift > 255) throw new Error('shift must be 0..255');
  const seconds = Math.floor(claims.issuedAt.getTime() / 1000);
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  activityTag(claims.activityId).copy(payload, 1);
  payload.writeUInt8(claims.shift, 1 + TAG_BYTES);
  payload.writeUInt32BE(seconds, 2 + TAG_BYTES);
  const token = Buffer.concat([payload, macOf(payload, secret)]).toString('base64url');
  return { token, expiresAt: new Date(seconds * 1000 + TOKEN_TTL_MS) };
}

/** Checks a scanned token for `activityId` at `now`: forged (or garbled), another activity's, or expired. */
export function verifyCheckinToken(token: string, activityId: string, now: Date, secret: string = checkinSecret()): TokenCheck {
  // Exactly 32 characters: Node would quietly drop the bits of a 33rd, letting a padded copy through.
  const bytes = TOKEN_SHAPE.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
  if (bytes.length !== TOKEN_BYTES || bytes.readUInt8(0) !== VERSION) return { ok: false, problem: 'forged' };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!crypto.timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), macOf(payload, secret))) return { ok: false, problem: 'forged' };
  if (!payload.subarray(1, 1 + TAG_BYTES).equals(activityTag(activityId))) return { ok: false, problem: 'otherActivity' };
  const issuedAt = new Date(payload.readUInt32BE(2 + TAG_BYTES) * 1000);
  const age = now.getTime() - issuedAt.getTime();
  if (age > TOKEN_TTL_MS || age < -CLOCK_SKEW_MS) return { ok: false, problem: 'expired' };
  return { ok: true, shift: payload.readUInt8(1 + TAG_BYTES), issuedAt };
}
