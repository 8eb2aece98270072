import { Emulator } from '../../emulator/app';
import { callFunction, startTestEmulator } from '../helpers/emulator';

/**
 * The host retires an instance that has been idle for the limit, as the cloud does, so a quiet
 * emulator gives its memory back; the next call starts a new instance. The limit is 30 s; this
 * emulator's is short, and the test waits for the retirement itself, not for a time.
 */
describe('idle function instances are retired', () => {
  let emulator: Emulator;
  let retirements: (() => void)[] = [];
  const nextRetirement = () => new Promise<void>((resolve) => retirements.push(resolve));

  beforeAll(async () => {
    emulator = await startTestEmulator({
      instances: {
        idleInstanceMs: 200,
        onRetire: () => {
          for (const wake of retirements.splice(0)) wake();
        },
      },
    });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    retirements = [];
  });

  it('after the idle limit the instance is gone, and the next call starts a fresh one that answers as before', async () => {
    const pool = emulator.host.pool('probe');
    const retired = nextRetirement();
    expect((await callFunction(emulator, 'probe', { action: 'whoami' }, 'demo-resident-1')).body.context.OPENID).toBe('demo-resident-1');
    expect(pool.counts()).toMatchObject({ idle: 1, busy: 0, started: 1 });

    await retired;
    expect(pool.counts()).toMatchObject({ idle: 0, busy: 0, started: 1 });

    expect((await callFunction(emulator, 'probe', { action: 'whoami' }, 'demo-resident-2')).body.context.OPENID).toBe('demo-resident-2');
    expect(pool.counts()).toMatchObject({ started: 2 });
  });

  it('a burst of calls is served by the instances already warm plus the few it starts, never more than 16', async () => {
    const pool = emulator.host.pool('probe');
    await pool.prestart(2);
    const before = pool.counts().started;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => callFunction(emulator, 'probe', { action: 'whoami' }, `demo-resident-${i % 4}`)));
    expect(answers.every((a, i) => a.body.context.OPENID === `demo-resident-${i % 4}`)).toBe(true);
    const { started, idle, busy, starting } = pool.counts();
    expect(idle + busy + starting).toBeLessThanOrEqual(16);
    expect(started - before).toBeLessThanOrEqual(14);
  });
});
