/**
 * The `wx.openApi` wire format: protobuf codec (checked against protobufjs, the
 * library the SDK's generated code uses), multipart framing, the request handler,
 * and an end-to-end run of the real wx-server-sdk against a throwaway server.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import protobuf from 'protobufjs';
import { OPENAPI_REPLY_CONTENT_TYPE, OpenApi, handleWxOpenApiRequest } from '../../emulator/openapi';
import type { OpenApiCallContext, OpenApiReply } from '../../emulator/openapi';
import { isMultipart, parseMultipart } from '../../emulator/openapi/multipart';
import { API_TYPE, decodeCommApiData, decodeCommOpenApiResp, encodeCommApiData, encodeCommOpenApiResp } from '../../emulator/openapi/protobuf';
import { PNG_SIGNATURE, decodeWxacodeText } from '../../emulator/openapi/wxacode';

const ROOT = path.resolve(__dirname, '../..');
const ALICE = 'oAlice_0123456789abcdefghijk';
const TEMPLATES = { TPL_SIGNUP: { title: '活动报名成功通知', fields: { thing1: 'thing', date2: 'date' } } } as const;

// The message shapes of wx-server-sdk's bundled src/protobuf/openapi.js.
const schema = protobuf.parse(`
  syntax = "proto3";
  message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
  message OpenApiData { repeated KeyValuePair pairs = 1; }
  message CommApiData { int32 apiType = 1; OpenApiData openapiData = 2; string appid = 6; }
  message CommOpenApiResp { bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4; }
`).root;

const pair = (key: string, value: unknown) => ({ key, value: Buffer.from(JSON.stringify(value)) });

describe('protobuf codec', () => {
  it('decodes CommApiData as protobufjs encodes it', () => {
    const bytes = schema
      .lookupType('CommApiData')
      .encode({
        apiType: 0,
        appid: 'wx_cross',
        openapiData: { pairs: [pair('touser', ALICE), pair('data', { thing1: { value: '义诊' } })] },
      })
      .finish();
    const decoded = decodeCommApiData(Buffer.from(bytes));
    expect(decoded.apiType).toBe(API_TYPE.OPEN_API);
    expect(decoded.appid).toBe('wx_cross');
    expect(decoded.pairs.map((p) => [p.key, JSON.parse(p.value.toString())])).toEqual([
      ['touser', ALICE],
      ['data', { thing1: { value: '义诊' } }],
    ]);
  });

  it('encodes CommOpenApiResp so protobufjs reads it back, negative errorCode included', () => {
    const bytes = encodeCommOpenApiResp({ respData: Buffer.from([0, 255, 1]), contentType: 'image/png', errorCode: -1, httpCode: 200 });
    const msg = schema.lookupType('CommOpenApiResp').decode(bytes) as unknown as Record<string, unknown>;
    expect(Buffer.from(msg.respData as Uint8Array)).toEqual(Buffer.from([0, 255, 1]));
    expect(msg).toMatchObject({ contentType: 'image/png', errorCode: -1, httpCode: 200 });
    expect(decodeCommOpenApiResp(bytes)).toEqual({ respData: Buffer.from([0, 255, 1]), contentType: 'image/png', errorCode: -1, httpCode: 200 });
  });

  it('round-trips media pairs and rejects truncated input', () => {
    const media = { key: 'media', value: Buffer.from([1, 2, 3]), contentType: 'image/png', filename: 'media.png' };
    expect(decodeCommApiData(encodeCommApiData({ apiType: 0, pairs: [media] })).pairs).toEqual([media]);
    expect(() => decodeCommApiData(Buffer.from([0x12, 0x05, 0x0a]))).toThrow(/overruns/);
  });
});

describe('multipart', () => {
  it('keeps the octet-stream requestData part as exact bytes and text parts as strings', async () => {
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const b = '--------------------------1234';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="requestData"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      binary,
      Buffer.from(`\r\n--${b}\r\nContent-Disposition: form-data; name="envName"\r\n\r\nlocal\r\n--${b}--\r\n`),
    ]);
    const type = `multipart/form-data; boundary=${b}`;
    expect(isMultipart(type)).toBe(true);
    expect(isMultipart('application/json')).toBe(false);
    const { fields } = await parseMultipart(body, type);
    expect(fields).toEqual({ action: 'wx.openApi', requestData: binary, envName: 'local' });
  });

  it('rejects a part over the size limit instead of truncating it', async () => {
    const b = 'xyz';
    const body = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="requestData"\r\nContent-Type: application/octet-stream\r\n\r\n0123456789\r\n--${b}--\r\n`);
    await expect(parseMultipart(body, `multipart/form-data; boundary=${b}`, { fileSize: 4 })).rejects.toThrow(/larger than 4 bytes/);
  });
});

describe('handleWxOpenApiRequest', () => {
  const api = (): OpenApi => new OpenApi({ templates: TEMPLATES, pages: ['pages/index/index'] });
  const call = (o: OpenApi, apiName: string, pairs: Array<{ key: string; value: Buffer }>, apiType = 0) => {
    const reply = decodeCommOpenApiResp(handleWxOpenApiRequest(o, { action: 'wx.openApi', apiName, requestData: encodeCommApiData({ apiType, pairs }) }));
    return { ...reply, json: reply.contentType.startsWith('application/json') ? JSON.parse(reply.respData.toString()) : undefined };
  };

  it('answers WeChat errors as JSON with errorCode 0 so the SDK throws the errcode', () => {
    const r = call(api(), 'subscribeMessage.send', [pair('touser', ALICE), pair('template_id', 'TPL_SIGNUP'), pair('data', { thing1: { value: '义诊' }, date2: { value: '2024-05-04' } })]);
    expect(r).toMatchObject({ errorCode: 0, httpCode: 200, json: { errcode: 43101 } });
    expect(r.contentType).toMatch(/^application\/json/);
  });

  it('answers images with their own content type', () => {
    const r = call(api(), 'wxacode.getUnlimited', [pair('scene', 'id=7')]);
    expect(r.contentType).toBe('image/png');
    expect(r.respData.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('explains unsupported APIs, bad protobuf, non-JSON values and missing parts', () => {
    expect(call(api(), 'customerServiceMessage.send', []).json).toMatchObject({ errcode: -1, errmsg: expect.stringMatching(/api not supported by the emulator/) });
    const raw = (fields: Record<string, string | Buffer>) => JSON.parse(decodeCommOpenApiResp(handleWxOpenApiRequest(api(), fields)).respData.toString());
    expect(raw({ apiName: 'security.msgSecCheck', requestData: Buffer.from([0x12, 0x09]) })).toMatchObject({ errcode: -1, errmsg: expect.stringMatching(/not a CommApiData/) });
    expect(raw({ apiName: 'security.msgSecCheck' })).toMatchObject({ errcode: 44002 });
    expect(raw({ action: 'database.getDocument', apiName: 'x', requestData: Buffer.alloc(1) })).toMatchObject({ errcode: -1 });
    expect(call(api(), 'security.msgSecCheck', [{ key: 'content', value: Buffer.from('not json') }]).json).toMatchObject({ errcode: 47001 });
  });

  it('refuses non open-API calls with a non-zero errorCode', () => {
    expect(call(api(), 'getOpenData', [], API_TYPE.SVRKIT_API).errorCode).toBe(-1);
  });

  it('passes media pairs and the caller through to handle', () => {
    const seen: Array<[string, Record<string, unknown>, OpenApiCallContext]> = [];
    class Spy extends OpenApi {
      override handle(apiName: string, params: Record<string, unknown>, ctx: OpenApiCallContext = {}): OpenApiReply {
        seen.push([apiName, params, ctx]);
        return super.handle(apiName, params, ctx);
      }
    }
    const requestData = encodeCommApiData({ apiType: 0, appid: 'wx_other', pairs: [{ key: 'media', value: Buffer.from([9]), contentType: 'image/jpeg', filename: 'a.jpg' }] });
    handleWxOpenApiRequest(new Spy(), { apiName: 'security.imgSecCheck', requestData }, { openid: ALICE });
    expect(seen).toEqual([['security.imgSecCheck', { media: { contentType: 'image/jpeg', value: Buffer.from([9]), fileName: 'a.jpg' } }, { openid: ALICE, appid: 'wx_other' }]]);
  });
});

/** Runs in a child process with the real, unmodified wx-server-sdk. */
const SDK_SCRIPT = `
const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const run = async (name, fn) => {
  try {
    const r = await fn();
    if (Buffer.isBuffer(r.buffer)) r.buffer = { isBuffer: true, base64: r.buffer.toString('base64') };
    return { name, ok: true, result: r };
  } catch (e) {
    return { name, ok: false, isError: e instanceof Error, errCode: e.errCode, errMsg: e.errMsg };
  }
};
(async () => {
  const send = () => cloud.openapi.subscribeMessage.send({
    touser: '${ALICE}', templateId: 'TPL_SIGNUP', page: 'pages/index/index?from=msg', miniprogramState: 'developer',
    data: { thing1: { value: '社区义诊' }, date2: { value: '2024年5月4日 09:30' } },
  });
  const out = [];
  out.push(await run('send', send));
  out.push(await run('sendAgain', send));
  out.push(await run('code', () => cloud.openapi.wxacode.getUnlimited({ scene: 'id=42&f=1', page: 'pages/index/index', width: 300 })));
  out.push(await run('badScene', () => cloud.openapi.wxacode.getUnlimited({ scene: '帖子42' })));
  out.push(await run('check', () => cloud.openapi.security.msgSecCheck({ version: 2, openid: '${ALICE}', scene: 2, content: '周末一起赌博' })));
  out.push(await run('unknown', () => cloud.openapi.customerServiceMessage.send({ touser: '${ALICE}' })));
  console.log(JSON.stringify(out));
  process.exit(0);
})();
`;

describe('real wx-server-sdk against handleWxOpenApiRequest', () => {
  const openApi = new OpenApi({ templates: TEMPLATES, pages: ['pages/index/index'] });
  const seen: Array<{ url?: string; contentType?: string; fields: Record<string, string | Buffer> }> = [];
  const server = http.createServer((req, res) => {
    const contentType = req.headers['content-type'] ?? '';
    if (req.method !== 'POST' || !isMultipart(contentType)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'only wx.openApi here' }));
    }
    parseMultipart(req, contentType)
      .then(({ fields }) => {
        seen.push({ url: req.url, contentType, fields });
        if (fields.action !== 'wx.openApi') throw new Error(`unexpected action ${String(fields.action)}`);
        const reply = handleWxOpenApiRequest(openApi, fields);
        res.writeHead(200, { 'content-type': OPENAPI_REPLY_CONTENT_TYPE, 'content-length': reply.length });
        res.end(reply);
      })
      .catch((err: Error) => {
        res.writeHead(500);
        res.end(err.message);
      });
  });

  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sees success camel-cased, WeChat errors thrown with errCode, and images as {contentType, buffer}', async () => {
    openApi.subscriptions.grant(ALICE, 'TPL_SIGNUP', 'accept');
    const port = (server.address() as AddressInfo).port;
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(TCB_|TENCENTCLOUD_|WX_|SCF_)/.test(k)) env[k] = v;
    Object.assign(env, {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
      TENCENTCLOUD_SECRETID: 'x',
      TENCENTCLOUD_SECRETKEY: 'x',
      SCF_NAMESPACE: 'local',
      SILENCE: 'true',
    });
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-e', SDK_SCRIPT], { cwd: ROOT, env, timeout: 45_000 }, (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)));
    });
    const results = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as Array<Record<string, any>>;
    const by = Object.fromEntries(results.map((r) => [r.name, r]));

    expect(by.send).toEqual({ name: 'send', ok: true, result: { msgid: expect.any(Number), errMsg: 'openapi.subscribeMessage.send:ok', errCode: 0 } });
    expect(openApi.outbox()[0]).toMatchObject({ touser: ALICE, templateId: 'TPL_SIGNUP', miniprogramState: 'developer' });
    expect(by.sendAgain).toMatchObject({ ok: false, isError: true, errCode: 43101, errMsg: expect.stringMatching(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg/) });

    expect(by.code).toMatchObject({ ok: true, result: { contentType: 'image/png', errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', buffer: { isBuffer: true } } });
    expect(Buffer.from(by.code.result.buffer.base64, 'base64').subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(by.badScene).toMatchObject({ ok: false, errCode: 40129, errMsg: expect.stringMatching(/invalid scene/) });

    expect(by.check).toMatchObject({ ok: true, result: { result: { suggest: 'risky', label: 20006 }, traceId: expect.any(String), errCode: 0 } });
    expect(by.check.result.detail[0]).toMatchObject({ strategy: 'content_model', suggest: 'risky', keyword: '赌博' });
    expect(by.check.result).not.toHaveProperty('trace_id');
    expect(by.unknown).toMatchObject({ ok: false, errCode: -1, errMsg: expect.stringMatching(/api not supported by the emulator/) });

    // Wire facts the emulator relies on.
    expect(seen[0].url).toMatch(/^\/admin\?env=local&seqId=/);
    expect(seen[0].contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0].fields).toMatchObject({ action: 'wx.openApi', apiName: 'subscribeMessage.send', envName: 'local' });
    const request = decodeCommApiData(seen[0].fields.requestData as Buffer);
    expect(request.apiType).toBe(API_TYPE.OPEN_API);
    expect(request.pairs.map((p) => p.key).sort()).toEqual(['data', 'miniprogram_state', 'page', 'template_id', 'touser']);
    const code = seen.find((s) => s.fields.apiName === 'wxacode.getUnlimited');
    expect(
      decodeCommApiData(code?.fields.requestData as Buffer)
        .pairs.find((p) => p.key === 'width')
        ?.value.toString(),
    ).toBe('300');
    expect(decodeWxacodeText('pages/index/index?scene=id%3D42%26f%3D1')).toEqual({ page: 'pages/index/index', scene: 'id=42&f=1' });
  });
});
