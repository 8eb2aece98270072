/**
 * The one way pages reach the backend: `callApi(fn, action, data)` with types from the shared
 * contract. The answer is checked against the contract's output schema before anyone sees it, and
 * every failure (network, timeout, platform error, malformed answer) comes back as an error value
 * with a message a resident can read, never as an exception.
 */
import type { ZodMiniType } from 'zod/mini';
import { ActionInput, ActionName, ActionOutput, ErrorCode, FunctionName, Result, contract, envelopeSchema } from '../../generated/domain';
import { apiTarget } from './config';
import { Delivery, FunctionEvent, viaCloud, viaLocal } from './transport';

export interface CallOptions {
  /** Makes a write safe to retry with the same key (see newIdempotencyKey). */
  idempotencyKey?: string;
}

export const MESSAGES = {
  network: '网络不给力，请稍后重试',
  timeout: '网络不给力，请稍后重试',
  server: '服务暂时不可用，请稍后重试',
  malformed: '服务返回的数据有误，请稍后重试',
} as const;

const failure = (code: ErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

function outputSchema<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): ZodMiniType<ActionOutput<F, A>> {
  const actions: Record<string, { output: ZodMiniType }> = contract[fn];
  // TypeScript cannot follow (fn, action) to one entry of the contract; ActionOutput is by definition that entry's type.
  return actions[action].output as ZodMiniType<ActionOutput<F, A>>;
}

async function send(fn: FunctionName, event: FunctionEvent): Promise<Delivery> {
  const target = await apiTarget();
  return target.mode === 'cloud' ? viaCloud(fn, event) : viaLocal(target, fn, event);
}

export async function callApi<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  data: ActionInput<F, A>,
  options: CallOptions = {},
): Promise<Result<ActionOutput<F, A>>> {
  const event: FunctionEvent = { action, data };
  if (options.idempotencyKey) event.idempotencyKey = options.idempotencyKey;
  const delivery = await send(fn, event);
  if (!delivery.ok) return failure('UNAVAILABLE', MESSAGES[delivery.reason]);

  const answer = envelopeSchema(outputSchema(fn, action)).safeParse(delivery.body);
  if (!answer.success) {
    // Paths and codes only: the answer itself may hold personal data.
    const where = answer.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'} ${i.code}`);
    console.warn(`[api] ${fn}.${action}: answer does not match the contract: ${where.join('; ')}`);
    return failure('INTERNAL', MESSAGES.malformed);
  }
  return answer.data;
}
