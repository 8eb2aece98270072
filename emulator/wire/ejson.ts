import { Doc, isDoc, StoreError } from '../store/types';

/**
 * The database speaks canonical Extended JSON (the SDK stringifies with bson's EJSON, relaxed: false).
 * We decode into plain values + Date + RegExp, and resolve `db.serverDate({offset})` to the server's clock
 * at decode time, which is when CloudBase resolves it too.
 */
export function decodeEJSON(text: string, now: Date = new Date()): unknown {
  try {
    return JSON.parse(text, (_key, value: unknown) => reviveValue(value, now));
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('INVALID_PARAM', `请求参数不是合法的 EJSON：${(error as Error).message}`);
  }
}

export function decodeEJSONDoc(text: unknown, what: string, now?: Date): Doc {
  if (typeof text !== 'string') throw new StoreError('INVALID_PARAM', `${what} 必须是 EJSON 字符串`);
  const value = decodeEJSON(text, now);
  if (!isDoc(value)) throw new StoreError('INVALID_PARAM', `${what} 必须是对象`);
  return value;
}

function reviveValue(value: unknown, now: Date): unknown {
  if (!isDoc(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const inner = value[keys[0]];
    switch (keys[0]) {
      case '$numberInt':
      case '$numberDouble':
      case '$numberLong':
      case '$numberDecimal':
        return Number(inner);
      case '$date':
        return reviveDate(inner);
      case '$regularExpression':
        if (isDoc(inner) && typeof inner.pattern === 'string') return toRegExp(inner.pattern, String(inner.options ?? ''));
        break;
      case '$oid':
        if (typeof inner === 'string') return inner;
        break;
      case '$tcb_server_date': {
        const offset = isDoc(inner) && typeof inner.offset === 'number' ? inner.offset : 0;
        return new Date(now.getTime() + offset);
      }
    }
  }
  return value;
}

function reviveDate(inner: unknown): Date {
  if (typeof inner === 'number') return new Date(inner);
  if (typeof inner === 'string') return new Date(inner);
  if (isDoc(inner) && typeof inner.$numberLong === 'string') return new Date(Number(inner.$numberLong));
  // Already revived bottom-up: {$numberLong} became a number.
  throw new StoreError('INVALID_PARAM', '日期格式不正确');
}

function toRegExp(pattern: string, options: string): RegExp {
  // Mongo's x (extended) and l (locale) flags have no JavaScript twin; drop them rather than fail.
  const flags = [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
  try {
    return new RegExp(pattern, flags);
  } catch {
    throw new StoreError('INVALID_PARAM', `正则表达式不正确：${pattern}`);
  }
}

/** Relaxed EJSON out: numbers stay numbers (the SDK parses relaxed), dates and regexes get their EJSON form. */
export function encodeEJSON(value: unknown): string {
  return JSON.stringify(toEJSONValue(value));
}

export function toEJSONValue(value: unknown): unknown {
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } };
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags } };
  if (Array.isArray(value)) return value.map(toEJSONValue);
  if (isDoc(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toEJSONValue(v);
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { $numberDouble: String(value) };
  return value;
}
