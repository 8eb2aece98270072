type Lazy<M> = { [K in keyof M]: M[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

/**
 * A use-case module loaded on the first call of one of its actions in an instance, not at the cold
 * start: an instance builds only the router before its first answer (schemas wait for their first
 * use too: domain/zod.ts), and one that only ever answers `feed` never loads moderation. The bundler keeps every module in the one index.js;
 * only its initialisation waits. A failed load is tried again on the next call.
 */
export function onFirstCall<M extends object>(load: () => Promise<M>): Lazy<M> {
  let loading: Promise<M> | undefined;
  const loaded = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return new Proxy({} as Lazy<M>, {
    // Not a thenable: awaiting the module object must not start a call.
    get: (_, key) => (key === 'then' ? undefined : (...args: unknown[]) => loaded().then((m) => (m as Record<PropertyKey, (...a: unknown[]) => unknown>)[key](...args))),
  });
}
