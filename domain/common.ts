import * as z from './zod';

/** Document ids and openids: short, plain characters; an operator object such as `{$ne: null}` is refused. */
export const idSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'ID 格式不正确'));
export const openidSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '用户标识格式不正确'));

/** Trimmed text between `min` and `max` characters (code points, so one Chinese character counts once). */
export function text(min: number, max: number, what: string) {
  return z.string().check(
    z.trim(),
    z.refine((s) => [...s].length >= min, `${what}不能少于 ${min} 个字`),
    z.refine((s) => [...s].length <= max, `${what}不能超过 ${max} 个字`),
  );
}

/** Mainland mobile numbers, the only phones residents give here. */
export const phoneSchema = z.string().check(z.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号'));

/** Cloud storage file ids (`cloud://env.bucket/path`). */
export const fileIdSchema = z.string().check(z.regex(/^cloud:\/\/[^\s]{1,250}$/, '图片地址不正确'));

export const isoDateSchema = z.iso.datetime({ offset: true });

/** Lists are bounded: at most 20 a page to the client, with an opaque cursor for the next. */
export const MAX_PAGE = 20;
export const pageInput = {
  cursor: z.optional(z.string().check(z.maxLength(200))),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_PAGE))),
};
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

export const geoPointSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number().check(z.minimum(-180), z.maximum(180)), z.number().check(z.minimum(-90), z.maximum(90))]),
});
export type GeoPoint = z.infer<typeof geoPointSchema>;
