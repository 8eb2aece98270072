import { Emulator } from '../../emulator/app';
import { callFunction, runInFunction, startTestEmulator } from '../helpers/emulator';

const TEMPLATES = {
  'tpl-signup-approved': { title: '报名审核通过', fields: { thing1: 'thing', time2: 'time', thing3: 'thing' } },
} as const;

describe('the local server', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ openApi: { templates: TEMPLATES } });
  });
  afterAll(() => emulator.close());

  const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${emulator.url}${path}`, { method: 'POST', headers, body }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));

  it('answers /healthz with the functions it serves', async () => {
    const res = await fetch(`${emulator.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, functions: ['probe', 'slowpoke'] });
  });

  it('malformed requests get a clear error and the server stays up', async () => {
    expect(await post('/admin', '{not json')).toEqual({ status: 400, body: { code: 'INVALID_JSON', message: '请求体不是合法的 JSON' } });
    expect(await post('/admin', '{"collectionName":"todos"}')).toMatchObject({ status: 400, body: { code: 'INVALID_PARAM' } });
    expect(await post('/admin', JSON.stringify({ action: 'database.getDocument', collectionName: 'todos', query: '{"a":{"$frobnicate":1}}' }))).toMatchObject({
      status: 200,
      body: { code: 'INVALID_PARAM', message: expect.stringContaining('$frobnicate') },
    });
    expect(await post('/admin', JSON.stringify({ action: 'database.dropEverything' }))).toMatchObject({ body: { code: 'INVALID_PARAM' } });
    expect(await post('/functions/probe', '[1,2]')).toMatchObject({ status: 400, body: { code: 'INVALID_PARAM' } });
    expect(await post('/functions/probe', 'nope')).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
    expect(await post('/functions/probe', JSON.stringify({ action: 'whoami', blob: 'x'.repeat(120 * 1024) }))).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(await post('/nowhere', '{}')).toMatchObject({ status: 404 });
    expect((await fetch(`${emulator.url}/healthz`)).status).toBe(200);
  });

  it('a subscription message needs the resident’s consent; one consent allows one send, which lands in the outbox', async () => {
    const send = `async ({ cloud }) => {
      try {
        const res = await cloud.openapi.subscribeMessage.send({
          touser: 'demo-resident-3', templateId: 'tpl-signup-approved', page: 'pages/index/index',
          data: { thing1: { value: '周六读书会' }, time2: { value: '2026-11-28 14:00' }, thing3: { value: '请提前十分钟到场' } },
        });
        return { errCode: res.errCode };
      } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg }; }
    }`;
    expect(await runInFunction(emulator, send)).toMatchObject({ errCode: 43101 });
    const granted = await post('/emulator/consents', JSON.stringify({ openid: 'demo-resident-3', results: { 'tpl-signup-approved': 'accept' } }));
    expect(granted.status).toBe(200);
    expect(await runInFunction(emulator, send)).toEqual({ errCode: 0 });
    expect(await runInFunction(emulator, send)).toMatchObject({ errCode: 43101 });
    const outbox: any = await (await fetch(`${emulator.url}/outbox`)).json();
    expect(outbox.messages).toHaveLength(1);
    expect(outbox.messages[0]).toMatchObject({ touser: 'demo-resident-3', templateId: 'tpl-signup-approved' });
  });

  it('a thing value longer than 20 characters is refused with 47003 naming the field', async () => {
    await post('/emulator/consents', JSON.stringify({ openid: 'demo-resident-4', results: { 'tpl-signup-approved': 'accept' } }));
    const result = await runInFunction(
      emulator,
      `async ({ cloud }) => {
        try {
          await cloud.openapi.subscribeMessage.send({ touser: 'demo-resident-4', templateId: 'tpl-signup-approved',
            data: { thing1: { value: '这是一个超过二十个字的活动名称用来测试长度限制是否生效' }, time2: { value: '2026-11-28 14:00' }, thing3: { value: '好' } } });
          return null;
        } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg }; }
      }`,
    );
    expect(result.errCode).toBe(47003);
    expect(result.errMsg).toContain('thing1');
  });

  it('mini-program codes and content checks work from inside a function', async () => {
    process.env.YOULIN_RISKY_WORDS = '赌博';
    const result = await runInFunction(
      emulator,
      `async ({ cloud }) => {
        const code = await cloud.openapi.wxacode.getUnlimited({ scene: 'a=act123', page: 'pages/index/index', checkPath: false });
        const pass = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'demo-resident-1', scene: 3, content: '周末一起打扫楼道' });
        const risky = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'demo-resident-1', scene: 3, content: '来赌博吧' });
        return { type: code.contentType, size: code.buffer.length, pass: pass.result.suggest, risky: risky.result.suggest };
      }`,
    );
    expect(result).toMatchObject({ type: 'image/png', pass: 'pass', risky: 'risky' });
    expect(result.size).toBeGreaterThan(500);
  });
});

describe('identity from the function caller', () => {
  it('a call through /functions without a header gets a result too (no OPENID)', async () => {
    const emulator = await startTestEmulator();
    try {
      const { status, body } = await callFunction(emulator, 'probe', { action: 'whoami' });
      expect(status).toBe(200);
      expect(body.context).not.toHaveProperty('OPENID');
    } finally {
      await emulator.close();
    }
  });
});
