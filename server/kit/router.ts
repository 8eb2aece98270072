import crypto from 'node:crypto';
import * as z from '../../domain/zod';
import type { ActionName, Contract, FunctionName } from '../../domain/contract';
import { eventSchema } from '../../domain/contract/event';
import { AppError, Result } from '../../domain/result';
import { UserDoc, callerUser } from '../repositories/users';
import { sameReading } from './caller-cache';
import { callerOpenid } from './cloud';
import { invalidArgument } from './errors';
import { withIdempotency } from './idempotency';
import { logCall, logFailure } from './log';
import { TimerJob, runTimerEvent, timerPlan } from './timers';

/** What every use-case gets besides its input. */
export interface RequestContext {
  openid: string;
  /** The caller's user document; created on their first call. */
  user: UserDoc;
  now: Date;
  requestId: string;
  /**
   * The call's idempotency key, given only to actions that keep their own retry guarantee
   * (`ownIdempotency` in createFunction); every other action is wrapped in withIdempotency instead.
   */
  idempotencyKey: string | null;
  /** What the action's own caller reader (`readCaller` in createFunction) read besides the caller. */
  reading?: unknown;
}

type Def<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends { input: infer I; output: infer O } ? { input: I; output: O } : never;
type Parsed<T> = T extends z.ZodMiniType ? z.infer<T> : never;
export type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: (input: Parsed<Def<F, A>['input']>, ctx: RequestContext) => Promise<z.input<Extract<Def<F, A>['output'], z.ZodMiniType>>>;
};

/** How a function's actions are run. */
export interface FunctionOptions<F extends FunctionName> {
  /**
   * Actions that make a retried call (same caller, same idempotency key) return the first call's
   * answer by themselves, more cheaply than the generic wrapper's two extra requests: they get the
   * key in `ctx.idempotencyKey` and are not wrapped. Each must keep the wrapper's promise: one effect
   * however often the call is retried, and the same answer.
   */
  ownIdempotency?: readonly ActionName<F>[];
  /**
   * WeChat message push events (消息推送) the console delivers to this function, by `Event` name
   * (e.g. `wxa_media_check`). They carry no action; each handler trusts only what it can match to
   * something the function itself asked for (a media check's trace_id), never the event's say-so.
   */
  messages?: Record<string, (event: Record<string, unknown>) => Promise<unknown>>;
  /**
   * Actions that read their caller afresh on every call instead of as this instance remembers them
   * (caller-cache.ts): where the caller's own personal data, consent or account is shown, changed or
   * erased, or where what they may do to others is decided.
   */
  freshCaller?: readonly ActionName<F>[];
  /**
   * Actions that read their caller themselves, afresh, in the same request as the rest of what they
   * need (`user.me`: the person, their place and their latest binding in one aggregation): the
   * router calls the reader instead of reading the caller, and hands what else it read to the
   * use-case as `ctx.reading`.
   */
  readCaller?: Partial<Record<ActionName<F>, (openid: string, now: Date, input: unknown) => Promise<{ user: UserDoc; reading?: unknown }>>>;
  /** No timer job starts after this long in one run (default DEFAULT_TOTAL_BUDGET_MS). */
  timerBudgetMs?: number;
}

const timerEventSchema = z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.optional(z.string()) });
const messageEventSchema = z.looseObject({ MsgType: z.literal('event'), Event: z.string(), action: z.optional(z.never()) });

/**
 * The one entry every cloud function shares: validate the event, identify the caller, run the
 * action's use-case, validate what it answers, and wrap it in the envelope. An unknown action is
 * INVALID_ARGUMENT, never undefined; an unexpected error is logged without personal data and INTERNAL.
 */
export function createFunction<F extends FunctionName>(fn: F, schemas: Contract[F], handlers: Handlers<F>, timerJobs: readonly TimerJob[] = [], options: FunctionOptions<F> = {}) {
  // The jobs the function's one timer trigger (config.json, named TIMER_TRIGGER) runs in order.
  const timers = timerPlan(fn, timerJobs, { totalBudgetMs: options.timerBudgetMs });
  const ownIdempotency = new Set<string>(options.ownIdempotency ?? []);
  const freshCaller = new Set<string>(options.freshCaller ?? []);
  const readers: Record<string, ((openid: string, now: Date, input: unknown) => Promise<{ user: UserDoc; reading?: unknown }>) | undefined> = options.readCaller ?? {};
  // The function's own contract only, and each action's schemas are built on its first call
  // (domain/zod.ts): building them all would cost each cold start tens of milliseconds.
  const actions: Record<string, { input: z.ZodMiniType; output: z.ZodMiniType }> = schemas;
  // Each handler gets exactly what its action's input schema parsed; TypeScript cannot follow the
  // action name from the lookup to the handler, so the correlation is erased here, once.
  const run = handlers as unknown as Record<string, (input: unknown, ctx: RequestContext) => Promise<unknown>>;
  return async function main(event: unknown): Promise<Result<unknown>> {
    const started = Date.now();
    const timer = timerEventSchema.safeParse(event);
    // Only the platform sends timer events: a caller cannot, it has an OPENID.
    if (timer.success) {
      if (callerOpenid()) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: '未知操作：Timer' } };
      // The trigger's own time (the platform sends the scheduled instant), else now.
      const at = timer.data.Time ? new Date(timer.data.Time) : new Date();
      return runTimerEvent(timers, timer.data.TriggerName, Number.isNaN(at.getTime()) ? new Date() : at);
    }
    const message = messageEventSchema.safeParse(event);
    if (message.success) return runMessage(fn, options.messages ?? {}, message.data);
    const parsedEvent = eventSchema.safeParse(event);
    const action = parsedEvent.success ? parsedEvent.data.action : '?';
    try {
      if (!parsedEvent.success) throw invalidArgument(parsedEvent.error.issues);
      const def = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
      if (!def) throw new AppError('INVALID_ARGUMENT', `未知操作：${action.slice(0, 64)}`);
      const openid = callerOpenid();
      if (!openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后再试');
      const input = def.input.safeParse(parsedEvent.data.data ?? {});
      if (!input.success) throw invalidArgument(input.error.issues);
      const now = new Date();
      const key = parsedEvent.data.idempotencyKey ?? null;
      const own = ownIdempotency.has(action);
      const reader = Object.prototype.hasOwnProperty.call(readers, action) ? readers[action] : undefined;
      const caller: { user: UserDoc; reading?: unknown; remembered: boolean } = reader
        ? { ...(await reader(openid, now, input.data)), remembered: false }
        : await callerUser(openid, now, freshCaller.has(action));
      const ctx: RequestContext = { openid, user: caller.user, now, requestId: crypto.randomUUID(), idempotencyKey: own ? key : null, reading: caller.reading };
      const once = (c: RequestContext) => run[action](input.data, c).then((out) => def.output.parse(out));
      const answer = caller.remembered ? () => refusedOnlyWhenFresh(ctx, once) : () => once(ctx);
      const data = key && !own ? await withIdempotency({ openid, fn, action, key, now }, answer) : await answer();
      logCall(fn, action, 'ok', Date.now() - started);
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) {
        logCall(fn, action, error.code, Date.now() - started);
        return { ok: false, error: { code: error.code, message: error.message } };
      }
      logFailure(fn, action, error);
      return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } };
    }
  };
}

/** Refusals a caller's roles or binding decide; a caller remembered from an earlier call is read again before one stands. */
const REFUSALS = new Set(['PERMISSION_DENIED', 'FAILED_PRECONDITION', 'NOT_FOUND']);

/**
 * Runs an action for a caller this instance remembered (caller-cache.ts). If it refuses them, they
 * are read again: when their roles or binding changed since (a role given, a binding approved in
 * another instance, the privacy notice accepted), the action runs once more as they are now, so a grant works at once. A refusal
 * has written nothing (the permission tables check it), so running again is safe; a refusal whose
 * reading has not changed stands as it is, for the price of one read.
 */
async function refusedOnlyWhenFresh<T>(ctx: RequestContext, once: (ctx: RequestContext) => Promise<T>): Promise<T> {
  try {
    return await once(ctx);
  } catch (error) {
    if (!(error instanceof AppError) || !REFUSALS.has(error.code)) throw error;
    const { user } = await callerUser(ctx.openid, ctx.now, true);
    if (sameReading(ctx.user, user)) throw error;
    return once({ ...ctx, user });
  }
}

/** A message push event: handled by its `Event` name, or refused as unknown. */
async function runMessage(fn: string, handlers: NonNullable<FunctionOptions<FunctionName>['messages']>, event: Record<string, unknown> & { Event: string }): Promise<Result<unknown>> {
  const handle = Object.prototype.hasOwnProperty.call(handlers, event.Event) ? handlers[event.Event] : undefined;
  if (!handle) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `未知消息事件：${event.Event.slice(0, 64)}` } };
  try {
    return { ok: true, data: await handle(event) };
  } catch (error) {
    logFailure(fn, `message:${event.Event.slice(0, 64)}`, error);
    return { ok: false, error: { code: 'INTERNAL', message: '消息处理失败' } };
  }
}
