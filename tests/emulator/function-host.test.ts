import { Emulator } from '../../emulator/app';
import { callFunction, startTestEmulator } from '../helpers/emulator';

describe('the function host runs built functions through the real wx-server-sdk', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it('gives the function the caller identity in getWXContext() and event.userInfo', async () => {
    const { status, body } = await callFunction(emulator, 'probe', { action: 'whoami' }, 'demo-resident-1');
    expect(status).toBe(200);
    expect(body.context).toMatchObject({ OPENID: 'demo-resident-1', APPID: 'wx0000000000000000', ENV: 'youlin-local', SOURCE: 'wx_client' });
    expect(body.userInfo).toEqual({ appId: 'wx0000000000000000', openId: 'demo-resident-1' });
  });

  it('a call without x-openid has no OPENID', async () => {
    const { body } = await callFunction(emulator, 'probe', { action: 'whoami' });
    expect(body.context.OPENID).toBeUndefined();
    expect(body.userInfo).toBeNull();
  });

  it('100 concurrent calls alternating two residents each see only their own identity', async () => {
    const calls = Array.from({ length: 100 }, (_, i) => {
      const openid = i % 2 === 0 ? 'demo-resident-1' : 'demo-resident-2';
      return callFunction(emulator, 'probe', { action: 'sleepThenWhoami', ms: Math.floor(Math.random() * 30) }, openid).then(({ body }) => ({ asked: openid, saw: body.context.OPENID }));
    });
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.asked !== r.saw)).toEqual([]);
    expect(results.filter((r) => r.saw === 'demo-resident-1')).toHaveLength(50);
  });

  it('cloud.callFunction from one function reaches another, which keeps the original caller', async () => {
    const { body } = await callFunction(emulator, 'probe', { action: 'callWhoami' }, 'demo-volunteer-1');
    expect(body.caller.OPENID).toBe('demo-volunteer-1');
    expect(body.callee.context).toMatchObject({ OPENID: 'demo-volunteer-1', SOURCE: 'scf' });
  });

  it('a function that throws gives the caller CloudBase’s execution error, and the function calling it can catch it', async () => {
    const direct = await callFunction(emulator, 'probe', { action: 'throw' }, 'demo-resident-1');
    expect(direct.status).toBe(502);
    expect(direct.body.errCode).toBe(-404011);
    expect(direct.body.errMsg).toMatch(/^cloud\.callFunction:fail .*probe failed on purpose/);
    const nested = await callFunction(emulator, 'probe', { action: 'callThrow' }, 'demo-resident-1');
    // wx-server-sdk wraps the platform's error in its own (errCode -1), keeping the message.
    expect(nested.body.caught.errCode).toBe(-1);
    expect(nested.body.caught.errMsg).toMatch(/^callFunction:fail errCode: -404011 cloud function execution error \| errMsg: Error: probe failed on purpose/);
  });

  it('a function that runs past the default 3 s timeout is stopped with the platform’s message, and the next call gets a fresh instance', async () => {
    const { status, body } = await callFunction(emulator, 'slowpoke', {}, 'demo-resident-1');
    expect(status).toBe(502);
    expect(body.errMsg).toContain('Invoking task timed out after 3 seconds');
    expect(await callFunction(emulator, 'slowpoke', { ms: 10 })).toEqual({ status: 200, body: { slept: 10 } });
  }, 15_000);

  it('an unknown function is a 404 with a clear message', async () => {
    const { status, body } = await callFunction(emulator, 'nope', {});
    expect(status).toBe(404);
    expect(body.errMsg).toContain('FunctionName parameter could not be found');
  });

  it('a declared timer trigger fires on demand with the platform’s timer event and no user', async () => {
    expect(emulator.host.triggers()).toEqual([{ functionName: 'probe', trigger: 'newYear' }]);
    const res = await fetch(`${emulator.url}/emulator/timers/probe/newYear`, { method: 'POST' });
    const fired: any = await res.json();
    expect(fired.ok).toBe(true);
    expect(fired.result.timer).toMatchObject({ Type: 'Timer', TriggerName: 'newYear' });
    expect(fired.result.context.OPENID).toBeUndefined();
    expect(fired.result.context.SOURCE).toBe('wx_trigger');
  });
});

describe('counting database requests', () => {
  it('a call reports how many database requests it made, including those of functions it called', async () => {
    const emulator = await startTestEmulator();
    try {
      const code = `async ({ db }) => { await db.collection('todos').add({ data: { a: 1 } }); await db.collection('todos').count(); return null; }`;
      const res = await fetch(`${emulator.url}/functions/probe`, { method: 'POST', body: JSON.stringify({ action: 'run', code }) });
      expect(res.headers.get('x-db-requests')).toBe('2');
      const whoami = await fetch(`${emulator.url}/functions/probe`, { method: 'POST', body: JSON.stringify({ action: 'callWhoami' }) });
      expect(whoami.headers.get('x-db-requests')).toBe('0');
    } finally {
      await emulator.close();
    }
  });
});
