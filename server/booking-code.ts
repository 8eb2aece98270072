import crypto from 'node:crypto';
import { checkinSecret } from './checkin-token';

/**
 * The booking code a resident shows as a QR at the service point and the provider scans (核销).
 * Built like the check-in token (server/checkin-token.ts): short, base64url, HMAC-signed with the
 * server's secret, so a code cannot be guessed or altered, and one booking's code never redeems
 * another. It does not expire by itself: the booking it names decides (its slot over, used, cancelled).
 *
 * 22 bytes, written as 30 base64url characters:
 *   0       version (1)
 *   1..9    the booking's id: 18 hex digits (BOOKING_ID_BYTES bytes; see bookingIdOf)
 *   10..21  HMAC-SHA256 of bytes 0..9 with the server's secret, cut to 96 bits
 */
const VERSION = 1;
export const BOOKING_ID_BYTES = 9;
const MAC_BYTES = 12;
const PAYLOAD_BYTES = 1 + BOOKING_ID_BYTES;
const CODE_BYTES = PAYLOAD_BYTES + MAC_BYTES;
const CODE_SHAPE = /^[A-Za-z0-9_-]{30}$/;
const BOOKING_ID_SHAPE = /^[0-9a-f]{18}$/;

/** The purpose is part of the MAC, so a check-in token's bytes can never pass as a booking code. */
const macOf = (payload: Buffer, secret: string) => crypto.createHmac('sha256', secret).update('booking|').update(payload).digest().subarray(0, MAC_BYTES);

/** A booking id that fits in a code: 18 hex digits, random or (for a keyed call) derived from the key. */
export function bookingIdOf(seed?: string): string {
  const bytes = seed === undefined ? crypto.randomBytes(BOOKING_ID_BYTES) : crypto.createHash('sha256').update(seed).digest().subarray(0, BOOKING_ID_BYTES);
  return bytes.toString('hex');
}

export function mintBookingCode(bookingId: string, secret: string = checkinSecret()): string {
  if (!BOOKING_ID_SHAPE.test(bookingId)) throw new Error('a booking id is 18 hex digits');
  const payload = Buffer.concat([Buffer.from([VERSION]), Buffer.from(bookingId, 'hex')]);
  return Buffer.concat([payload, macOf(payload, secret)]).toString('base64url');
}

/** The booking a scanned code names, or null when it is forged or garbled. */
export function readBookingCode(code: string, secret: string = checkinSecret()): string | null {
  // Exactly 30 characters: Node would quietly drop the bits of a 31st, letting a padded copy through.
  const bytes = CODE_SHAPE.test(code) ? Buffer.from(code, 'base64url') : Buffer.alloc(0);
  if (bytes.length !== CODE_BYTES || bytes.readUInt8(0) !== VERSION) return null;
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!crypto.timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), macOf(payload, secret))) return null;
  return payload.subarray(1).toString('hex');
}
