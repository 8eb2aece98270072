import { Instance, PoolClock, WorkerPool } from '../../emulator/host/worker-pool';

/**
 * A function's instances, on a fake clock and with fake instances whose start the test finishes by
 * hand: how calls share instances, how many start and when an idle one is retired. The platform
 * also retires idle instances; the next call after that starts cold.
 */

class FakeClock implements PoolClock {
  at = 0;
  private timers: { due: number; run: () => void }[] = [];
  now = () => this.at;
  setTimer = (run: () => void, ms: number) => {
    const timer = { due: this.at + ms, run };
    this.timers.push(timer);
    return timer;
  };
  clearTimer = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t !== handle);
  };
  advance(ms: number): void {
    this.at += ms;
    for (let due = this.timers.find((t) => t.due <= this.at); due; due = this.timers.find((t) => t.due <= this.at)) {
      this.timers = this.timers.filter((t) => t !== due);
      due.run();
    }
  }
}

class FakeInstance implements Instance {
  terminated = false;
  constructor(readonly n: number) {}
  terminate() {
    this.terminated = true;
    return Promise.resolve();
  }
}

/** A pool whose instances start only when the test says so (`finishStart`), or fail to. */
function fakePool(options: { max?: number; idleMs?: number; maxStarting?: number } = {}) {
  const clock = new FakeClock();
  const pending: { resolve(i: FakeInstance): void; reject(e: Error): void }[] = [];
  const made: FakeInstance[] = [];
  const retired: number[] = [];
  const pool = new WorkerPool<FakeInstance>({
    start: () => new Promise((resolve, reject) => pending.push({ resolve, reject })),
    max: options.max ?? 16,
    idleMs: options.idleMs ?? 30_000,
    maxStarting: options.maxStarting,
    clock,
    onRetire: (n) => retired.push(n),
  });
  const flush = () => new Promise((r) => setImmediate(r));
  return {
    pool,
    clock,
    made,
    retired,
    starting: () => pending.length,
    async finishStart(): Promise<FakeInstance> {
      const instance = new FakeInstance(made.length + 1);
      made.push(instance);
      pending.shift()!.resolve(instance);
      await flush();
      return instance;
    },
    async failStart(message: string): Promise<void> {
      pending.shift()!.reject(new Error(message));
      await flush();
    },
    flush,
  };
}

describe('the instances of one function', () => {
  it('a burst starts instances two at a time, and a call is served by whichever instance is free first', async () => {
    const f = fakePool({ max: 16 });
    const served: FakeInstance[] = [];
    const calls = Array.from({ length: 10 }, () => f.pool.acquire().then((i) => served.push(i)));
    expect(f.starting()).toBe(2);
    expect(f.pool.counts()).toMatchObject({ starting: 2, waiting: 10, busy: 0 });

    const first = await f.finishStart();
    expect(served).toEqual([first]);
    // The first instance answers its call and takes the next waiting one before any other has started.
    f.pool.release(first);
    await f.flush();
    expect(served).toEqual([first, first]);
    // 8 calls still wait: the instance that finished starting was replaced, so two are starting again.
    expect(f.starting()).toBe(2);

    while (f.starting() > 0 && served.length < 10) await f.finishStart();
    await Promise.all(calls);
    expect(served).toHaveLength(10);
    expect(f.made.length).toBeLessThanOrEqual(10);
  });

  it('never more than `max` instances, however many calls wait; the rest queue and are served in order', async () => {
    const f = fakePool({ max: 3, maxStarting: 3 });
    const order: number[] = [];
    const calls = Array.from({ length: 7 }, (_, n) => f.pool.acquire().then((i) => (order.push(n), i)));
    expect(f.starting()).toBe(3);
    const instances = [await f.finishStart(), await f.finishStart(), await f.finishStart()];
    expect(f.starting()).toBe(0);
    expect(order).toEqual([0, 1, 2]);
    for (const instance of instances) f.pool.release(instance);
    await f.flush();
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(f.pool.counts()).toMatchObject({ busy: 3, waiting: 1, starting: 0, started: 3 });
    f.pool.release(instances[0]);
    await Promise.all(calls);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('an instance idle for the limit is retired, the most recently used stays longer, and the next call starts cold', async () => {
    const f = fakePool({ idleMs: 30_000, maxStarting: 2 });
    const a = f.pool.acquire();
    const b = f.pool.acquire();
    const [one, two] = [await f.finishStart(), await f.finishStart()];
    await Promise.all([a, b]);
    f.pool.release(one);
    f.clock.advance(10_000);
    f.pool.release(two);

    f.clock.advance(19_999);
    expect(f.pool.counts()).toMatchObject({ idle: 2 });
    f.clock.advance(1);
    expect(one.terminated).toBe(true);
    expect(two.terminated).toBe(false);
    expect(f.retired).toEqual([1]);

    // A call before `two` has rested 30 s takes it and starts its rest over.
    f.clock.advance(5_000);
    const again = await f.pool.acquire();
    expect(again).toBe(two);
    f.clock.advance(60_000);
    expect(two.terminated).toBe(false);
    f.pool.release(two);
    f.clock.advance(30_000);
    expect(two.terminated).toBe(true);
    expect(f.pool.counts()).toMatchObject({ idle: 0, busy: 0, started: 2 });

    const cold = f.pool.acquire();
    expect(f.starting()).toBe(1);
    const three = await f.finishStart();
    expect(await cold).toBe(three);
    expect(f.pool.counts().started).toBe(3);
  });

  it('code that fails to load fails the call that waited longest; the next call tries to start it again', async () => {
    const f = fakePool({ maxStarting: 1 });
    const first = expect(f.pool.acquire()).rejects.toThrow('SyntaxError');
    await f.failStart('SyntaxError: Unexpected token');
    await first;
    const second = f.pool.acquire();
    const instance = await f.finishStart();
    expect(await second).toBe(instance);
  });

  it('a call that broke its instance does not give it back: it is ended and a waiting call gets a new one', async () => {
    const f = fakePool({ max: 1 });
    const first = f.pool.acquire();
    const broken = await f.finishStart();
    await first;
    const waiting = f.pool.acquire();
    f.pool.retire(broken);
    expect(broken.terminated).toBe(true);
    const fresh = await f.finishStart();
    expect(await waiting).toBe(fresh);
  });

  it('prestart warms instances up to the number asked (never past `max`), and calls then find them idle', async () => {
    const f = fakePool({ max: 4 });
    const warming = f.pool.prestart(6);
    expect(f.starting()).toBe(4);
    for (let i = 0; i < 4; i++) await f.finishStart();
    await warming;
    expect(f.pool.counts()).toMatchObject({ idle: 4, starting: 0, started: 4 });
    const calls = await Promise.all([f.pool.acquire(), f.pool.acquire(), f.pool.acquire(), f.pool.acquire()]);
    expect(new Set(calls).size).toBe(4);
    expect(f.starting()).toBe(0);
  });

  it('closing ends the idle instances and refuses the calls still waiting', async () => {
    const f = fakePool({ max: 1 });
    const first = f.pool.acquire();
    const instance = await f.finishStart();
    await first;
    const waiting = f.pool.acquire();
    const closing = f.pool.close();
    await expect(waiting).rejects.toThrow('函数实例已关闭');
    f.pool.release(instance);
    await closing;
    expect(instance.terminated).toBe(true);
    await expect(f.pool.acquire()).rejects.toThrow('函数实例已关闭');
  });
});
