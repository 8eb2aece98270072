/**
 * The mini-program's typed client, `callApi`, with `wx.request` and `wx.cloud.callFunction` stubbed:
 * every answer is checked against the contract, and nothing a network can do turns into an exception.
 */
import path from 'node:path';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../domain/contract';
import type { Result } from '../../domain/result';
import { MINIPROGRAM_ROOT } from './simulate';
import { wxStorage } from './emulator-phone';

type CallApi = <F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, data: ActionInput<F, A>, options?: { idempotencyKey?: string }) => Promise<Result<ActionOutput<F, A>>>;

/** The module as the mini-program loads it (its TypeScript sees `wx`, which the Node project must not). */
function loadCallApi(): CallApi {
  let api: { callApi: CallApi } | undefined;
  jest.isolateModules(() => {
    api = require(path.join(MINIPROGRAM_ROOT, 'services', 'api', 'api'));
  });
  if (!api) throw new Error('services/api/api did not load');
  return api.callApi;
}

interface RequestOptions {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
  success(res: { statusCode: number; data: unknown }): void;
  fail(err: { errMsg: string }): void;
}
interface CallFunctionOptions {
  name: string;
  data: unknown;
  success(res: { result: unknown }): void;
  fail(err: { errMsg: string }): void;
}

const g = globalThis as { wx?: unknown };
let storage: Record<string, unknown>;
let request: jest.Mock<void, [RequestOptions]>;

/** A phone with no cloud (local mode) whose network answers with `answer`. */
function localPhone(answer: (options: RequestOptions) => void): void {
  request = jest.fn(answer);
  g.wx = { request, ...wxStorage(storage) };
}

/** A phone with CloudBase whose callFunction answers with `answer`. */
function cloudPhone(answer: (options: CallFunctionOptions) => void): jest.Mock<void, [CallFunctionOptions]> {
  const callFunction = jest.fn(answer);
  request = jest.fn();
  g.wx = { request, cloud: { callFunction }, ...wxStorage(storage) };
  return callFunction;
}

const emptyTree = { units: [], partners: [] };
const building2 = { id: 'demo-building-2', kind: 'building', name: '2号楼', parentId: 'demo-grid-1', communityId: 'demo-community', archived: false };

let callApi: CallApi;
beforeEach(() => {
  storage = {};
  callApi = loadCallApi();
});
afterEach(() => {
  delete g.wx;
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('local mode (no wx.cloud): wx.request to the emulator', () => {
  test('posts the event to /functions/{name} as the demo resident and returns the checked data', async () => {
    localPhone((o) => o.success({ statusCode: 200, data: { ok: true, data: { units: [building2], partners: [] } } }));

    const result = await callApi('community', 'tree', { communityId: 'demo-community' });

    expect(result).toEqual({ ok: true, data: { units: [building2], partners: [] } });
    const sent = request.mock.calls[0][0];
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('http://127.0.0.1:8787/functions/community');
    expect(sent.header['x-openid']).toBe('demo-resident-1');
    expect(sent.data).toEqual({ action: 'tree', data: { communityId: 'demo-community' } });
  });

  test('the identity a developer picked in storage goes in the x-openid header, with the idempotency key in the event', async () => {
    storage['youlin.openid'] = 'demo-committee';
    localPhone((o) => o.success({ statusCode: 200, data: { ok: true, data: emptyTree } }));

    await callApi('community', 'tree', {}, { idempotencyKey: 'retry-key-0001' });

    const sent = request.mock.calls[0][0];
    expect(sent.header['x-openid']).toBe('demo-committee');
    expect(sent.data).toEqual({ action: 'tree', data: {}, idempotencyKey: 'retry-key-0001' });
  });

  test("the function's own error comes back as it is", async () => {
    const notFound = { ok: false, error: { code: 'NOT_FOUND', message: '没有找到这个楼组' } };
    localPhone((o) => o.success({ statusCode: 200, data: notFound }));

    await expect(callApi('user', 'requestBinding', { buildingId: 'gone', room: '101' })).resolves.toEqual(notFound);
  });

  test("an error whose message is missing or not written for residents reads as its code's Chinese message", async () => {
    const { ERROR_MESSAGES } = require(path.join(MINIPROGRAM_ROOT, 'services/api/api.ts'));
    localPhone((o) => o.success({ statusCode: 200, data: { ok: false, error: { code: 'CONFLICT', message: 'write conflict' } } }));
    await expect(callApi('user', 'requestBinding', { buildingId: 'b', room: '101' })).resolves.toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '已经有人先一步操作了，请刷新后再试' },
    });
    localPhone((o) => o.success({ statusCode: 200, data: { ok: false, error: { code: 'PERMISSION_DENIED', message: '' } } }));
    const refused = await callApi('user', 'requestBinding', { buildingId: 'b', room: '101' });
    expect(refused).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: ERROR_MESSAGES.PERMISSION_DENIED } });
  });

  test('every error code has a message in Chinese', () => {
    const { ERROR_MESSAGES } = require(path.join(MINIPROGRAM_ROOT, 'services/api/api.ts'));
    const { ERROR_CODES } = require('../../domain/result');
    for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]{4,}/);
  });

  test('an answer that does not match the contract becomes INTERNAL with a readable message', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    localPhone((o) => o.success({ statusCode: 200, data: { ok: true, data: { units: 'not a list' } } }));

    const result = await callApi('community', 'tree', {});

    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务返回的数据有误，请稍后重试' } });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('community.tree'));
  });

  test('so does an answer that is not JSON at all, or an error code the contract does not know', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => {});
    localPhone((o) => o.success({ statusCode: 200, data: '<html>gateway</html>' }));
    expect(await callApi('user', 'me', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    localPhone((o) => o.success({ statusCode: 200, data: { ok: false, error: { code: 'TEAPOT', message: '?' } } }));
    expect(await callApi('user', 'me', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  test('a network failure is UNAVAILABLE, not an exception', async () => {
    localPhone((o) => o.fail({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }));

    await expect(callApi('user', 'me', {})).resolves.toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: '网络不给力，请稍后重试' } });
  });

  test("wx.request's own timeout is UNAVAILABLE", async () => {
    localPhone((o) => o.fail({ errMsg: 'request:fail timeout' }));

    await expect(callApi('user', 'me', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  test('no answer within 10 seconds is UNAVAILABLE, even if the callback never comes', async () => {
    jest.useFakeTimers();
    localPhone(() => {});

    const pending = callApi('user', 'me', {});
    await jest.advanceTimersByTimeAsync(10_000);

    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: '网络不给力，请稍后重试' } });
  });

  test('a crashed or missing function (HTTP 502/404) is UNAVAILABLE', async () => {
    localPhone((o) => o.success({ statusCode: 502, data: { errCode: -404011, errMsg: 'cloud.callFunction:fail Error: boom' } }));
    await expect(callApi('user', 'me', {})).resolves.toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } });

    localPhone((o) => o.success({ statusCode: 404, data: { errCode: -501000, errMsg: 'cloud.callFunction:fail not found' } }));
    await expect(callApi('user', 'me', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});

describe('cloud mode: wx.cloud.callFunction', () => {
  test('calls the function by name with { action, data, idempotencyKey } and checks its result', async () => {
    const callFunction = cloudPhone((o) => o.success({ result: { ok: true, data: emptyTree } }));

    const result = await callApi('community', 'tree', {}, { idempotencyKey: 'retry-key-0002' });

    expect(result).toEqual({ ok: true, data: emptyTree });
    expect(callFunction.mock.calls[0][0]).toMatchObject({ name: 'community', data: { action: 'tree', data: {}, idempotencyKey: 'retry-key-0002' } });
    expect(request).not.toHaveBeenCalled();
  });

  test('a failed callFunction is UNAVAILABLE', async () => {
    cloudPhone((o) => o.fail({ errMsg: 'cloud.callFunction:fail -404011 cloud function execution error' }));

    await expect(callApi('user', 'me', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  test('a malformed result is INTERNAL', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => {});
    cloudPhone((o) => o.success({ result: undefined }));

    await expect(callApi('user', 'me', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  test("a developer's switch in storage sends calls to the emulator even where wx.cloud exists", async () => {
    storage['youlin.local'] = true;
    const callFunction = cloudPhone(() => {});
    request.mockImplementation((o: RequestOptions) => o.success({ statusCode: 200, data: { ok: true, data: emptyTree } }));

    await expect(callApi('community', 'tree', {})).resolves.toEqual({ ok: true, data: emptyTree });
    expect(callFunction).not.toHaveBeenCalled();
    expect(request.mock.calls[0][0].url).toBe('http://127.0.0.1:8787/functions/community');
  });
});
