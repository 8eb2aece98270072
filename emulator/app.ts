import crypto from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DeployAdmin } from './deploy-admin';
import { DeployFunctions } from './function-settings';
import { FunctionHost, HostOptions, Identity } from './host/function-host';
import { HttpError, parseJson, readBody, sendJson, sendJsonText } from './http-util';
import { OpenApi, OpenApiOptions, handleWxOpenApiMultipart, isMultipart, OPENAPI_REPLY_CONTENT_TYPE } from './openapi';
import { MultipartForm, parseMultipart } from './openapi/multipart';
import { CollectionSchema, Database } from './store/database';
import { StoreError, isDoc } from './store/types';
import { runDatabaseAction } from './wire/database-actions';
import { Storage, StorageReply } from './storage';
import { Auth, StorageRules } from './storage/rules';

export interface EmulatorOptions {
  port?: number;
  /** null keeps data in memory only (tests); a folder makes every acknowledged write durable. */
  dataDir: string | null;
  functionsDir: string;
  schema: CollectionSchema[];
  /** deploy/functions.json: each function's runtime, timeout, memory and environment (default: 3 s, 256 MB). */
  functionSettings?: DeployFunctions;
  envId?: string;
  appid?: string;
  /** Subscription-message templates known to the fake (id → fields); see emulator/openapi. */
  openApi?: OpenApiOptions;
  timers?: boolean;
  /**
   * Whether hosted functions are told they run on the emulator (YOULIN_EMULATOR=1, which the cloud
   * never sets; default true). False runs them as a deployed environment would.
   */
  markFunctions?: boolean;
  /** The bucket's security rule for clients (storage.rules.json); every client may do anything without one. */
  storageRules?: StorageRules;
  /** How the function instances scale and retire (at most 16 of a function; idle ones retired after 30 s). */
  instances?: Pick<HostOptions, 'maxInstances' | 'idleInstanceMs' | 'onRetire' | 'timeoutScale' | 'codeCacheDir'>;
}

export interface Emulator {
  url: string;
  db: Database;
  host: FunctionHost;
  openApi: OpenApi;
  storage: Storage;
  close(): Promise<void>;
}

/** The payload limit of wx.cloud.callFunction; the local mode keeps it so nothing works here that fails there. */
export const FUNCTION_PAYLOAD_LIMIT = 100 * 1024;
const ADMIN_PAYLOAD_LIMIT = 16 * 1024 * 1024;
const UPLOAD_LIMIT = 20 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const envId = options.envId ?? 'youlin-local';
  const appid = options.appid ?? 'wx0000000000000000';
  const db = Database.open({ dataDir: options.dataDir, schema: options.schema });
  const host = new FunctionHost({ ...options.instances, functionsDir: options.functionsDir, envId, appid, settings: options.functionSettings, markFunctions: options.markFunctions });
  host.load();
  const deployAdmin = new DeployAdmin(db, host, options.schema);
  const openApi = new OpenApi(options.openApi);
  // WeChat's message push (消息推送) of media-check verdicts, to the function the console names; no user calls it.
  openApi.mediaChecks.setDeliver((fn, event) => host.invoke(fn, event, {}));
  const storage = new Storage(envId, options.dataDir, options.storageRules);

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, { code: error.code, message: error.message });
      console.error('[emulator] unexpected error:', (error as Error).message);
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: '模拟器内部错误' });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const route = url.pathname;
    if (req.method === 'GET' && route === '/healthz') return sendJson(res, 200, { ok: true, functions: host.names() });
    if (req.method === 'GET' && route === '/outbox') return sendJson(res, 200, { messages: openApi.outbox() });
    if (req.method === 'POST' && (route === '/admin' || route.startsWith('/admin/ctx/'))) {
      const token = route.startsWith('/admin/ctx/') ? route.slice('/admin/ctx/'.length) : undefined;
      return admin(req, res, token);
    }
    const fn = /^\/functions\/([A-Za-z0-9_-]+)$/.exec(route);
    if (req.method === 'POST' && fn) return callFunction(req, res, fn[1]);
    if (req.method === 'POST' && route === '/emulator/consents') return grantConsent(req, res);
    if (route.startsWith('/emulator/deploy/')) {
      const body = req.method === 'POST' ? parseJson(await readBody(req, ADMIN_PAYLOAD_LIMIT)) : undefined;
      return sendJson(res, 200, await deployAdmin.handle(req.method ?? 'GET', route.slice('/emulator/deploy/'.length), body));
    }
    if (req.method === 'POST' && route === '/emulator/clock') return setClock(req, res);
    const timer = /^\/emulator\/timers\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/.exec(route);
    if (req.method === 'POST' && timer) return sendJson(res, 200, await host.fireTimer(timer[1], timer[2]));
    // Cloud storage's own HTTP side (COS in the cloud): the SDK uploads and downloads file bytes here.
    const upload = /^\/storage\/upload\/([0-9a-f]{32})$/.exec(route);
    if (req.method === 'PUT' && upload) return reply(res, await storage.receiveUpload(upload[1], header(req, 'authorization'), await readBody(req, UPLOAD_LIMIT)));
    if ((req.method === 'GET' || req.method === 'HEAD') && route.startsWith('/storage/download/')) {
      return reply(res, await storage.serveDownload(url.pathname.slice('/storage/download/'.length), url.searchParams), req.method === 'HEAD');
    }
    // The mini-program's local mode: wx.uploadFile in place of wx.cloud.uploadFile, and a plain URL for <image src> in place of a fileID.
    if (req.method === 'POST' && route === '/emulator/upload') return receiveMiniprogramUpload(req, res);
    if ((req.method === 'GET' || req.method === 'HEAD') && route === '/emulator/file') {
      return reply(res, await storage.serveFile(url.searchParams.get('id') ?? '', clientAuth(req)), req.method === 'HEAD');
    }
    throw new HttpError(404, 'NOT_FOUND', `没有这个接口：${req.method} ${route}`);
  }

  /** multipart/form-data as wx.uploadFile sends it: the file under `file`, and `cloudPath` in formData. Answers `{ fileID }`. */
  async function receiveMiniprogramUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const contentType = header(req, 'content-type');
    if (!isMultipart(contentType)) throw new HttpError(400, 'INVALID_PARAM', '上传需要 multipart/form-data');
    const body = await readBody(req, UPLOAD_LIMIT);
    let form: MultipartForm;
    try {
      form = await parseMultipart(body, contentType ?? '', { fileSize: UPLOAD_LIMIT });
    } catch (error) {
      throw new HttpError(400, 'INVALID_PARAM', `上传内容无法解析：${(error as Error).message}`);
    }
    const { file, cloudPath } = form.fields;
    if (!Buffer.isBuffer(file) || file.length === 0) throw new HttpError(400, 'INVALID_PARAM', '上传缺少文件（字段 file）');
    try {
      // wx.uploadFile in the local mode carries no identity: such an upload counts as its own creator's.
      sendJson(res, 200, { fileID: await storage.store(cloudPath, file, clientAuth(req) ?? { openid: 'local-client' }) });
    } catch (error) {
      if (error instanceof StoreError) throw new HttpError(error.code === 'STORAGE_PERMISSION_DENIED' ? 403 : 400, error.code, error.message);
      throw error;
    }
  }

  /**
   * `{ "at": "<ISO instant>" }` runs the functions' clock from that instant (a deadline can pass in a
   * walk-through); `{ "at": null }` goes back to the real time. Answers the time the functions see.
   */
  async function setClock(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = parseJson(await readBody(req, ADMIN_PAYLOAD_LIMIT));
    const at = isDoc(body) ? body.at : undefined;
    if (at !== null && (typeof at !== 'string' || Number.isNaN(Date.parse(at)))) throw new HttpError(400, 'INVALID_PARAM', 'at 应为 ISO 时间或 null');
    host.clock.set(at === null ? null : new Date(at));
    sendJson(res, 200, { now: host.clock.now().toISOString() });
  }

  async function admin(req: http.IncomingMessage, res: http.ServerResponse, token: string | undefined): Promise<void> {
    const identity = token ? host.identityFor(token) : undefined;
    const body = await readBody(req, ADMIN_PAYLOAD_LIMIT);
    const requestId = crypto.randomUUID();
    if (isMultipart(req.headers['content-type'])) {
      const reply = await handleWxOpenApiMultipart(openApi, req.headers['content-type'] ?? '', body, { openid: identity?.openid });
      res.writeHead(200, { 'content-type': OPENAPI_REPLY_CONTENT_TYPE, 'content-length': reply.length });
      return void res.end(reply);
    }
    const request = parseJson(body);
    if (!isDoc(request) || typeof request.action !== 'string') throw new HttpError(400, 'INVALID_PARAM', '请求缺少 action');
    try {
      if (request.action === 'functions.invokeFunction') {
        const name = String(request.function_name ?? '');
        const event = request.request_data ? parseJson(Buffer.from(String(request.request_data))) : {};
        const result = await host.invoke(name, event, { ...identity, source: 'scf' }, token);
        if (!result.ok) return sendJson(res, 200, { requestId, code: result.code, message: result.message });
        return sendJson(res, 200, { requestId, data: { response_data: result.json } });
      }
      if (request.action.startsWith('storage.')) return sendJson(res, 200, { requestId, data: await storage.action(request.action, request) });
      if (token && request.action.startsWith('database.')) host.countDbRequest(token);
      const result = await runDatabaseAction(db, request.action, request);
      sendJson(res, 200, { requestId, ...result.top, ...(result.data !== undefined ? { data: result.data } : {}) });
    } catch (error) {
      if (error instanceof StoreError) return sendJson(res, 200, { requestId, code: error.code, message: error.message });
      throw error;
    }
  }

  async function callFunction(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    const event = parseJson(await readBody(req, FUNCTION_PAYLOAD_LIMIT));
    if (!isDoc(event)) throw new HttpError(400, 'INVALID_PARAM', '云函数的参数必须是 JSON 对象');
    const openid = req.headers['x-openid'];
    const identity: Identity = typeof openid === 'string' && openid ? { openid, appid } : {};
    const result = await host.invoke(name, event, identity);
    // How many database requests the call made: for tests and benchmarks of each action's cost.
    res.setHeader('x-db-requests', String(result.dbRequests));
    if (result.ok) return sendJsonText(res, 200, result.json);
    const status = result.code === 'FUNCTIONS_REQUEST_FAIL' ? 404 : 502;
    const errCode = result.code === 'FUNCTIONS_REQUEST_FAIL' ? -501000 : -404011;
    sendJson(res, status, { errCode, errMsg: `cloud.callFunction:fail ${result.message}`, requestId: result.requestId });
  }

  async function grantConsent(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = parseJson(await readBody(req, 64 * 1024));
    if (!isDoc(body) || typeof body.openid !== 'string' || !isDoc(body.results)) {
      throw new HttpError(400, 'INVALID_PARAM', '需要 { openid, results: { 模板ID: "accept" | "reject" | "ban" | "filter" } }');
    }
    sendJson(res, 200, openApi.requestSubscribeMessage(body.openid, body.results));
  }

  // Clients (the SDK in the functions, fetch in tests and tools) keep connections open and close an
  // idle one after about 4 s; with Node's 5 s here a loaded machine lets the server close first, under
  // a request already on its way (ECONNRESET). The server outlasting its clients closes that race.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A backlog above Node's 511: a thousand phones tapping at once should queue, not time out connecting.
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: 2048 }, resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  host.setBaseUrl(url);
  // Instances reach this server without TCP (host/link.ts); the bytes are those of the real SDK.
  host.linkTo((socket) => server.emit('connection', socket));
  storage.setBaseUrl(url);
  if (options.timers) host.startTimers();

  return {
    url,
    db,
    host,
    openApi,
    storage,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      openApi.mediaChecks.close();
      await host.close();
      deployAdmin.close();
      await db.close();
    },
  };
}

/** The client a local-mode storage request comes from (x-openid), or null when it says none. */
function clientAuth(req: http.IncomingMessage): Auth {
  const openid = header(req, 'x-openid');
  return openid ? { openid } : null;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: http.ServerResponse, answer: StorageReply, headOnly = false): void {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
  res.end(headOnly ? undefined : answer.body);
}
