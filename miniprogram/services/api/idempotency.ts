import { Result } from '../../generated/domain';

/**
 * A key that makes a write safe to retry: the same key from the same user gets the first call's
 * answer (domain/contract `eventSchema`: 8–64 of [A-Za-z0-9_-]). Not a secret, so Math.random will do.
 */
export function newIdempotencyKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${random()}${random()}`;
}

/** The key of the last write whose answer was lost, and what that write was. */
export interface RetryMemo {
  key: string;
  request: string;
}

export const NO_RETRY: RetryMemo = { key: '', request: '' };

/**
 * Sends a write once however often it is tapped: the same `request` (any string naming what is
 * sent) after a lost answer (UNAVAILABLE) goes with the same key, so the functions apply it once;
 * anything else gets a fresh key. Pages keep the returned memo for the next tap.
 */
export async function sendOnce<T>(memo: RetryMemo, request: string, send: (key: string) => Promise<Result<T>>): Promise<{ sent: Result<T>; memo: RetryMemo }> {
  const key = memo.request === request && memo.key ? memo.key : newIdempotencyKey();
  const sent = await send(key);
  return { sent, memo: !sent.ok && sent.error.code === 'UNAVAILABLE' ? { key, request } : NO_RETRY };
}
