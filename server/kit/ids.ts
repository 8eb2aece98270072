import crypto from 'node:crypto';

/** Document ids like CloudBase's: 32 hex characters, roughly in creation order. */
export function newId(now: Date = new Date()): string {
  return now.getTime().toString(16).padStart(12, '0') + crypto.randomBytes(10).toString('hex');
}
