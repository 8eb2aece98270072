import { MODERATION_UNAVAILABLE, riskyMessage } from '../domain/circle';
import { AppError } from '../domain/result';
import { sdk } from './kit/cloud';
import { logFailure } from './kit/log';

/** WeChat's content-security scenes: 1 profile (nicknames), 2 comments, 3 forum posts. */
export const SCENE = { profile: 1, comment: 2, post: 3 } as const;

/** How long a check may take before the text is refused as unchecked (the function itself has 20 s). */
const CHECK_TIMEOUT_MS = 3000;

export interface CheckOutcome {
  /** `pass`: publish; `review`: store, visible to the author and the committee's queue only. */
  suggest: 'pass' | 'review';
  label: number;
}

/**
 * Checks a text with `security.msgSecCheck` v2 as its author, BEFORE it is written anywhere.
 * `risky` is refused (INVALID_ARGUMENT, saying why); an error, a malformed answer or a timeout is
 * FAILED_PRECONDITION: nothing unchecked is ever published (fail closed).
 */
export async function checkText(openid: string, scene: number, content: string, title?: string): Promise<CheckOutcome> {
  let answer: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    const params: Record<string, unknown> = { version: 2, openid, scene, content };
    if (title) params.title = title;
    const check: Promise<unknown> = sdk().openapi.security.msgSecCheck(params);
    answer = await Promise.race([
      check,
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('msgSecCheck timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    logFailure('moderation', 'msgSecCheck', error);
    throw new AppError('FAILED_PRECONDITION', MODERATION_UNAVAILABLE);
  } finally {
    if (timer) clearTimeout(timer);
  }
  const result = typeof answer === 'object' && answer !== null && 'result' in answer ? answer.result : null;
  const suggest = typeof result === 'object' && result !== null && 'suggest' in result ? result.suggest : null;
  const label = typeof result === 'object' && result !== null && 'label' in result && typeof result.label === 'number' ? result.label : 0;
  if (suggest === 'risky') throw new AppError('INVALID_ARGUMENT', riskyMessage(label));
  if (suggest === 'pass' || suggest === 'review') return { suggest, label };
  logFailure('moderation', 'msgSecCheck', new Error('unexpected msgSecCheck answer'));
  throw new AppError('FAILED_PRECONDITION', MODERATION_UNAVAILABLE);
}
