/**
 * The instances of one cloud function, as the platform keeps them: a call takes an idle instance,
 * else waits for the first one that frees up or finishes starting; new instances start only while
 * calls wait that no starting instance will serve (a few at a time, so a burst does not cold-start
 * them all at once while warm ones could already answer), up to `max`; an instance idle for
 * `idleMs` is retired (the cloud retires idle instances too, and each holds tens of MB).
 */
import { clearTimeout, setTimeout } from 'node:timers';

/** What the pool needs of an instance (a worker thread in the host, a fake in tests). */
export interface Instance {
  terminate(): Promise<unknown>;
}

/** The pool's clock and timer; the host uses Node's, tests a fake one. */
export interface PoolClock {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const realClock: PoolClock = {
  now: () => Date.now(),
  setTimer: (run, ms) => setTimeout(run, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PoolOptions<W extends Instance> {
  /** Starts one instance (loads the function's code). */
  start(): Promise<W>;
  /** At most this many instances at once (running, idle or starting). */
  max: number;
  /** An instance idle this long is retired. */
  idleMs: number;
  /** At most this many instances start at the same time. */
  maxStarting?: number;
  clock?: PoolClock;
  /** Told each time idle instances are retired, with how many. */
  onRetire?(count: number): void;
}

export interface PoolCounts {
  idle: number;
  busy: number;
  starting: number;
  /** Calls waiting for an instance. */
  waiting: number;
  /** Instances started since the pool was made (cold starts). */
  started: number;
}

interface Waiter<W> {
  resolve(instance: W): void;
  reject(error: Error): void;
}

export class WorkerPool<W extends Instance> {
  /** Oldest first: calls take the most recently used, so the others age and retire. */
  private idle: { instance: W; since: number }[] = [];
  private waiting: Waiter<W>[] = [];
  private busy = 0;
  private starting = 0;
  private started = 0;
  private timer: unknown = null;
  private closed = false;
  private readonly clock: PoolClock;

  constructor(private options: PoolOptions<W>) {
    this.clock = options.clock ?? realClock;
  }

  counts(): PoolCounts {
    return { idle: this.idle.length, busy: this.busy, starting: this.starting, waiting: this.waiting.length, started: this.started };
  }

  /** An instance for one call; give it back with `release` (or `retire` when the call broke it). */
  acquire(): Promise<W> {
    if (this.closed) return Promise.reject(new Error('函数实例已关闭'));
    const ready = this.idle.pop();
    if (ready) {
      this.busy++;
      return Promise.resolve(ready.instance);
    }
    return new Promise<W>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.grow();
    });
  }

  release(instance: W): void {
    this.busy--;
    this.offer(instance);
  }

  /** The call killed or broke its instance: it is not reused. */
  retire(instance: W): void {
    this.busy--;
    void instance.terminate();
    this.grow();
  }

  /** Starts instances until `count` exist (e.g. to warm the pool before a measured burst). */
  async prestart(count: number): Promise<void> {
    const want = Math.min(count, this.options.max) - this.live();
    const started = await Promise.all(Array.from({ length: Math.max(0, want) }, () => this.startOne()));
    for (const instance of started) this.offer(instance);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('函数实例已关闭'));
    await Promise.all(this.idle.splice(0).map(({ instance }) => instance.terminate()));
  }

  private live(): number {
    return this.idle.length + this.busy + this.starting;
  }

  /** A free instance goes to the longest-waiting call, else rests (and may retire). */
  private offer(instance: W): void {
    if (this.closed) {
      void instance.terminate();
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) {
      this.busy++;
      waiter.resolve(instance);
      return;
    }
    this.idle.push({ instance, since: this.clock.now() });
    this.armRetirement();
  }

  private grow(): void {
    const maxStarting = this.options.maxStarting ?? 2;
    while (this.waiting.length > this.starting && this.live() < this.options.max && this.starting < maxStarting) {
      this.startOne().then(
        (instance) => {
          this.offer(instance);
          this.grow();
        },
        (error: Error) => {
          // The code did not load: the call that was waiting longest gets the error.
          this.waiting.shift()?.reject(error);
          this.grow();
        },
      );
    }
  }

  private async startOne(): Promise<W> {
    this.starting++;
    this.started++;
    try {
      return await this.options.start();
    } finally {
      this.starting--;
    }
  }

  /** One timer, for the instance that has rested longest. */
  private armRetirement(): void {
    if (this.timer !== null || this.idle.length === 0) return;
    const due = this.idle[0].since + this.options.idleMs - this.clock.now();
    this.timer = this.clock.setTimer(
      () => {
        this.timer = null;
        this.retireIdle();
      },
      Math.max(0, due),
    );
  }

  private retireIdle(): void {
    const cutoff = this.clock.now() - this.options.idleMs;
    let retired = 0;
    while (this.idle.length && this.idle[0].since <= cutoff) {
      void this.idle.shift()!.instance.terminate();
      retired++;
    }
    if (retired) this.options.onRetire?.(retired);
    this.armRetirement();
  }
}
