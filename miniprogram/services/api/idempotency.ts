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

/** A form page: its retry memo and the two fields every form shows while it sends. */
export interface FormPage {
  retry: RetryMemo;
  setData(data: { submitting: boolean; formError: string }): void;
}

/**
 * A form's submission: the page shows it is sending, the write goes once (sendOnce, the page's memo
 * kept), and a refusal or a lost answer ends it with the reason in `formError`, what was typed kept.
 * The answer when it went through (the page then sets `submitting: false` with its outcome), else null.
 */
export async function submitOnce<T>(page: FormPage, request: string, send: (key: string) => Promise<Result<T>>): Promise<Extract<Result<T>, { ok: true }> | null> {
  page.setData({ submitting: true, formError: '' });
  const { sent, memo } = await sendOnce(page.retry, request, send);
  page.retry = memo;
  if (sent.ok) return sent as Extract<Result<T>, { ok: true }>;
  page.setData({ submitting: false, formError: sent.error.message });
  return null;
}
