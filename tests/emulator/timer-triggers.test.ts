import fs from 'node:fs';
import path from 'node:path';
import { Emulator } from '../../emulator/app';
import { FunctionHost } from '../../emulator/host/function-host';
import { TIMER_TRIGGER } from '../../server/kit/timers';
import { startApp } from '../helpers/app';
import { FIXTURE_FUNCTIONS, ROOT, tempDir } from '../helpers/emulator';

/**
 * WeChat's tooling gives a cloud function one timer trigger (DESIGN.md: "WeChat's tooling gives a function
 * one timer trigger"), so the emulator refuses a config.json that declares more, and every function of
 * the project runs its scheduled jobs in order inside its one trigger.
 */
function functionsDirWith(triggers: unknown[]): string {
  const dir = tempDir('youlin-fns-');
  const target = path.join(dir, 'probe');
  fs.mkdirSync(target);
  fs.copyFileSync(path.join(FIXTURE_FUNCTIONS, 'probe', 'index.js'), path.join(target, 'index.js'));
  fs.writeFileSync(path.join(target, 'config.json'), JSON.stringify({ permissions: { openapi: [] }, triggers }));
  return dir;
}

describe('one timer trigger per function', () => {
  it('the emulator refuses at start-up a function whose config.json declares two timer triggers, naming it', () => {
    const dir = functionsDirWith([
      { name: 'morning', type: 'timer', config: '0 0 8 * * * *' },
      { name: 'evening', type: 'timer', config: '0 0 20 * * * *' },
    ]);
    const host = new FunctionHost({ functionsDir: dir, envId: 'youlin-local', appid: 'wx0000000000000000' });
    expect(() => host.load()).toThrow(/probe.*config\.json.*2 个定时触发器/s);
  });

  it('a trigger name WeChat would refuse (not starting with a letter) is refused', () => {
    const dir = functionsDirWith([{ name: '5min', type: 'timer', config: '0 */5 * * * * *' }]);
    expect(() => new FunctionHost({ functionsDir: dir, envId: 'youlin-local', appid: 'wx0000000000000000' }).load()).toThrow(/5min/);
  });

  it('one timer trigger loads', () => {
    const dir = functionsDirWith([{ name: TIMER_TRIGGER, type: 'timer', config: '0 0 8 * * * *' }]);
    const host = new FunctionHost({ functionsDir: dir, envId: 'youlin-local', appid: 'wx0000000000000000' });
    expect(host.load()).toEqual(['probe']);
    expect(host.triggers()).toEqual([{ functionName: 'probe', trigger: TIMER_TRIGGER }]);
  });

  it.each(fs.readdirSync(path.join(ROOT, 'cloudfunctions')))('the %s function declares at most one timer trigger, named "jobs"', (name) => {
    const file = path.join(ROOT, 'cloudfunctions', name, 'config.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    const timers = (config.triggers ?? []).filter((t: { type: string }) => t.type === 'timer');
    expect(timers.length).toBeLessThanOrEqual(1);
    for (const t of timers) expect(t.name).toBe(TIMER_TRIGGER);
  });
});

describe('the app’s triggers fired as the platform fires them', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('activity’s trigger runs its jobs in order and reports each; circle’s, service’s and user’s too', async () => {
    const names = async (fn: string) => {
      const fired: any = await emulator.host.fireTimer(fn, TIMER_TRIGGER);
      expect(fired.result.ok).toBe(true);
      return fired.result.data.jobs.map((j: { name: string; ok: boolean }) => [j.name, j.ok]);
    };
    expect(await names('activity')).toEqual([
      ['tellPromoted', true],
      ['tellReviewed', true],
      ['remindUpcoming', true],
      ['closeCheckins', true],
      ['reconcileSeats', true],
      ['forgetRosterExports', true],
    ]);
    expect(await names('circle')).toEqual([['recountCounts', true]]);
    expect(await names('service')).toEqual([
      ['confirmBookings', true],
      ['remindBookings', true],
      ['reconcileSlots', true],
      ['recountItemRatings', true],
    ]);
    expect(await names('user')).toEqual([
      ['eraseRequestedAccounts', true],
      ['forgetRetryAnswers', true],
    ]);
  });

  it('one job can still be fired alone by its name', async () => {
    const fired: any = await emulator.host.fireTimer('activity', 'closeCheckins');
    expect(fired.result).toEqual({ ok: true, data: { closed: 0 } });
  });
});
