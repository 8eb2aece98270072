import * as z from '../zod';

/** The event every function receives. */
export const eventSchema = z.object({
  action: z.string().check(z.maxLength(64)),
  data: z.optional(z.unknown()),
  /** Makes a write safe to retry: the same key from the same user gives the first call's answer. */
  idempotencyKey: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求标识格式不正确'))),
});
