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

/**
 * What each error code means to a resident. The functions send their own, more precise message;
 * this one stands in when a message is missing or not written for residents (not in Chinese), so
 * no code ever reaches the screen as English or as a bare code.
 */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_ARGUMENT: '填写的内容有误，请检查后再试',
  PERMISSION_DENIED: '你没有权限做这件事，如有疑问请联系居委会',
  NOT_FOUND: '没有找到，可能已被删除或取消',
  CONFLICT: '已经有人先一步操作了，请刷新后再试',
  FAILED_PRECONDITION: '现在还不能这样做，请刷新后查看最新状态',
  RESOURCE_EXHAUSTED: '名额或次数已用完',
  UNAUTHENTICATED: '请先登录微信后再试',
  INTERNAL: '服务出了点问题，请稍后重试',
  UNAVAILABLE: MESSAGES.network,
};

const readable = (message: string) => /[\u4e00-\u9fff]/.test(message);

const failure = (code: ErrorCode, message: string) => ({ ok: false as const, error: { code, message: readable(message) ? message : ERROR_MESSAGES[code] } });

function outputSchema<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): ZodMiniType<ActionOutput<F, A>> {
  const actions: Record<string, { output: ZodMiniType }> = contract[fn];
  // TypeScript cannot follow (fn, action) to one entry of the contract; ActionOutput is by definition that entry's type.
  return actions[action].output as ZodMiniType<ActionOutput<F, A>>;
}

async function send(fn: FunctionName, event: FunctionEvent): Promise<Delivery> {
  const target = await apiTarget();
  return target.mode === 'cloud' ? viaCloud(fn, event) : viaLocal(target, fn, event);
}

export async function callApi<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, data: ActionInput<F, A>, options: CallOptions = {}): Promise<Result<ActionOutput<F, A>>> {
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
  return answer.data.ok ? answer.data : failure(answer.data.error.code, answer.data.error.message);
}
