/**
 * What a page is still waiting for: its calls to the emulator in flight, and every timer not yet run
 * (wx callbacks that answer later, storage, the page's own delays). `settled()` waits until there is
 * none, instead of for a quiet period that a loaded machine can stretch past.
 *
 * Timers are counted by wrapping the test file's global setTimeout (pages and wx stubs use it);
 * setInterval is not counted, since a ticking countdown never ends. The wrapper is installed once per
 * test file, when this module first loads.
 */
const g = globalThis as any;
const realSetTimeout: (run: () => void, ms?: number) => unknown = g.setTimeout.bind(g);
const realClearTimeout: (handle: unknown) => void = g.clearTimeout.bind(g);

let calls = 0;
const timers = new Set<unknown>();
const waiters: (() => void)[] = [];

export const pendingWork = (): number => calls + timers.size;

function changed(): void {
  if (pendingWork() === 0) for (const wake of waiters.splice(0)) wake();
}

/** Counts one call as in flight; the returned function ends it (once). */
export function callStarted(): () => void {
  calls += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    calls -= 1;
    changed();
  };
}

if (!g.setTimeout.__countsPendingWork) {
  const counting = (handler: unknown, ms?: number, ...args: unknown[]): unknown => {
    if (typeof handler !== 'function') return realSetTimeout(handler as () => void, ms);
    const handle = realSetTimeout(() => {
      timers.delete(handle);
      try {
        handler(...args);
      } finally {
        changed();
      }
    }, ms);
    timers.add(handle);
    return handle;
  };
  counting.__countsPendingWork = true;
  g.setTimeout = counting;
  g.clearTimeout = (handle: unknown) => {
    realClearTimeout(handle);
    if (timers.delete(handle)) changed();
  };
}

/** Resolves once nothing is pending (at once when nothing is). */
export function untilNothingPending(): Promise<void> {
  if (pendingWork() === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}

/** One turn of the event loop, on a timer that is not counted: what settled work set off has started by then. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, 0));
