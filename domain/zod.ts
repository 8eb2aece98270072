// zod/mini with its schema and check factories deferred. A cloud function imports the whole contract
// and the domain schemas it references, ~900 schemas for `council`; building them at import took most
// of a cold start's own time, although a call needs only its own action's. Here each factory returns
// a stand-in that builds the real schema the first time anything reads it (a parse, `.shape`, being
// built into another schema) and forwards everything to it after, so types, behaviour and error
// messages stay exactly zod's. Nested stand-ins are replaced by their real schemas when the schema
// that holds them is built, so parsing never goes through more than the outermost one.
import { z } from 'zod/mini';

export * from 'zod/mini';

type Factory = (...args: never[]) => object;

type Make = (...args: unknown[]) => object;

/** A stand-in's own state: the factory and its arguments, and the schema once built. Kept small: a function has hundreds. */
class Deferred {
  made: object | undefined;
  constructor(
    readonly make: Make,
    readonly args: unknown[],
  ) {}
  get real(): object {
    return (this.made ??= this.make(...built(this.args)));
  }
}
/** What a stand-in answers for the key only this module asks: its real schema, built now. */
const REAL = Symbol('real');

const real = (value: unknown): unknown => (typeof value === 'object' && value !== null ? ((value as { [REAL]?: object })[REAL] ?? value) : value);
const isStandIn = (value: unknown) => typeof value === 'object' && value !== null && REAL in value;
const isPlain = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A factory's arguments with the stand-ins in them built: as an argument, in a list (options, items) or a plain object (a shape). */
function built(args: readonly unknown[]): unknown[] {
  return args.map((arg) => {
    if (Array.isArray(arg)) return arg.some(isStandIn) ? arg.map(real) : arg;
    if (isPlain(arg) && Object.values(arg).some(isStandIn)) return Object.fromEntries(Object.entries(arg).map(([key, value]) => [key, real(value)]));
    return real(arg);
  });
}

/**
 * Every stand-in forwards to its real schema, built on first use. `.check(...)` is deferred too: it
 * makes a new schema either way. Descriptors are reported configurable: the stand-in's own target
 * has none of these properties.
 */
const forward: ProxyHandler<Deferred> = {
  get: (d, key, standIn) => (key === REAL ? d.real : key === 'check' ? (...checks: unknown[]) => new Proxy(new Deferred(checked, [standIn, ...checks]), forward) : Reflect.get(d.real, key)),
  has: (d, key) => key === REAL || Reflect.has(d.real, key),
  ownKeys: (d) => Reflect.ownKeys(d.real),
  getOwnPropertyDescriptor: (d, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(d.real, key);
    return descriptor && { ...descriptor, configurable: true };
  },
  getPrototypeOf: (d) => Reflect.getPrototypeOf(d.real),
  set: (d, key, value) => Reflect.set(d.real, key, value),
  defineProperty: (d, key, descriptor) => Reflect.defineProperty(d.real, key, descriptor),
  deleteProperty: (d, key) => Reflect.deleteProperty(d.real, key),
};

const checked: Make = (schema, ...checks) => (schema as { check: Make }).check(...checks);

function defer<F extends Factory>(factory: F): F {
  const make = factory as unknown as Make;
  return ((...args: unknown[]) => new Proxy(new Deferred(make, args), forward)) as unknown as F;
}

// Schemas.
export const string = defer(z.string);
export const number = defer(z.number);
export const boolean = defer(z.boolean);
export const date = defer(z.date);
export const literal = defer(z.literal);
export const enum_ = defer(z.enum);
export { enum_ as enum };
export const unknown = defer(z.unknown);
export const any = defer(z.any);
export const never = defer(z.never);
export const null_ = defer(z.null);
export { null_ as null };
export const object = defer(z.object);
export const strictObject = defer(z.strictObject);
export const looseObject = defer(z.looseObject);
export const array = defer(z.array);
export const tuple = defer(z.tuple);
export const record = defer(z.record);
export const partialRecord = defer(z.partialRecord);
export const union = defer(z.union);
export const discriminatedUnion = defer(z.discriminatedUnion);
export const optional = defer(z.optional);
export const nullable = defer(z.nullable);
export const nullish = defer(z.nullish);
export const partial = defer(z.partial);
export const pick = defer(z.pick);
export const omit = defer(z.omit);
export const extend = defer(z.extend);
export const pipe = defer(z.pipe);
export const transform = defer(z.transform);
export const iso: typeof z.iso = { ...z.iso, datetime: defer(z.iso.datetime), date: defer(z.iso.date), time: defer(z.iso.time) };

// Checks.
export const int = defer(z.int);
export const minimum = defer(z.minimum);
export const maximum = defer(z.maximum);
export const minLength = defer(z.minLength);
export const maxLength = defer(z.maxLength);
export const length = defer(z.length);
export const regex = defer(z.regex);
export const trim = defer(z.trim);
export const refine = defer(z.refine);
