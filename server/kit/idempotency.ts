import crypto from 'node:crypto';
import { AppError } from '../../domain/result';
import { claimKey, completeKey, releaseKey, restartKey } from '../repositories/idempotency-keys';

/** A claim older than this is from a call that died; a retry may take it over. */
const STALE_MS = 60_000;
/** How long a retry gets the first answer; the daily cleanup forgets older ones. */
export const ANSWER_TTL_MS = 24 * 3600_000;

/**
 * Runs a write once per (caller, function, action, key): a retry gets the first call's answer.
 * A failed call releases its key, since it changed nothing and may be tried again.
 */
export async function withIdempotency<T>(scope: { openid: string; fn: string; action: string; key: string; now: Date }, run: () => Promise<T>): Promise<T | unknown> {
  const id = crypto.createHash('sha256').update(`${scope.openid}|${scope.fn}|${scope.action}|${scope.key}`).digest('hex').slice(0, 40);
  const claim = await claimKey(id, scope.openid, scope.now);
  if (!claim.claimed) {
    const age = scope.now.getTime() - claim.doc.createdAt.getTime();
    if (claim.doc.state === 'done' && age < ANSWER_TTL_MS) return claim.doc.result;
    if (claim.doc.state === 'pending' && age < STALE_MS) throw new AppError('CONFLICT', '上一次提交还在处理中，请稍候');
    await restartKey(id, scope.now);
  }
  try {
    const result = await run();
    await completeKey(id, result);
    return result;
  } catch (error) {
    await releaseKey(id).catch(() => undefined);
    throw error;
  }
}
