/**
 * The emulator's side of `cloud.openapi.*` (wx-server-sdk 4.0.2 → node-sdk
 * `callCompatibleWxOpenApi`).
 *
 * Request: POST multipart/form-data with `action=wx.openApi`, `apiName` (e.g.
 * `subscribeMessage.send`) and `requestData`, a protobuf `CommApiData` whose pairs
 * hold each snake_cased param as JSON text.
 * Reply: HTTP 200 with a protobuf `CommOpenApiResp` body. WeChat's own errors
 * travel as JSON `{errcode, errmsg}` inside `respData` with `errorCode` 0: the SDK
 * throws them as `CloudSDKError{errCode: errcode}`, while a non-zero `errorCode`
 * would become an opaque "system error". Success JSON is camel-cased by the SDK;
 * a non-JSON `contentType` comes back to the caller as `{contentType, buffer}`.
 */
import { API_TYPE, decodeCommApiData, encodeCommOpenApiResp, ProtobufError } from './protobuf';
import type { CommApiData, KeyValuePair } from './protobuf';
import { parseMultipart } from './multipart';
import { SubscriptionStore } from './subscribe-message';
import type { SendParams, SentMessage, SubscribeRequestResult, TemplateRegistry } from './subscribe-message';
import { getUnlimited } from './wxacode';
import type { GetUnlimitedParams } from './wxacode';
import { msgSecCheck } from './security';
import { MediaChecks } from './media-check';
import type { MediaCheckOptions, MediaCheckParams } from './media-check';
import type { MsgSecCheckParams } from './security';

/**
 * HTTP Content-Type the server must send with the protobuf reply. node-sdk's
 * `handleWxOpenApiData` JSON-parses any body whose header is exactly
 * `application/json; charset=utf-8`, which would break the binary reply.
 */
export const OPENAPI_REPLY_CONTENT_TYPE = 'application/octet-stream';

/** The `action` form field node-sdk sends for open API calls. */
export const OPENAPI_ACTION = 'wx.openApi';

export const SUPPORTED_OPENAPIS = ['subscribeMessage.send', 'wxacode.getUnlimited', 'security.msgSecCheck', 'security.mediaCheckAsync'] as const;

/** Inner content type for JSON results; the SDK only looks for "application/json". */
const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';

export interface OpenApiOptions {
  /** Subscribe-message templates of the app: `{ [templateId]: { title, fields } }`. */
  templates?: TemplateRegistry;
  /** app.json `pages`; enables the "page exists" checks (41030). First is the home page. */
  pages?: readonly string[];
  now?: () => Date;
  /** Where and when the asynchronous media check pushes its verdicts (see media-check.ts). */
  mediaCheck?: MediaCheckOptions;
}

export interface OpenApiCallContext {
  appid?: string;
  openid?: string;
}

export interface OpenApiReply {
  contentType: string;
  body: Buffer;
  /** WeChat errcode of the result, 0 on success (images are always 0). */
  errcode: number;
}

/** A media param (pair with its own content type), as wx-server-sdk uploads files. */
export interface MediaParam {
  contentType: string;
  value: Buffer;
  fileName?: string;
}

function jsonReply(result: { errcode?: number; [key: string]: unknown }): OpenApiReply {
  return { contentType: JSON_CONTENT_TYPE, body: Buffer.from(JSON.stringify(result), 'utf8'), errcode: result.errcode ?? 0 };
}

export class OpenApi {
  readonly subscriptions: SubscriptionStore;
  readonly mediaChecks: MediaChecks;
  readonly pages?: readonly string[];

  constructor(options: OpenApiOptions = {}) {
    this.pages = options.pages;
    this.mediaChecks = new MediaChecks(options.mediaCheck);
    this.subscriptions = new SubscriptionStore({ templates: options.templates ?? {}, pages: options.pages, now: options.now });
  }

  /** Sent subscribe messages, newest first. */
  outbox(): SentMessage[] {
    return this.subscriptions.outbox();
  }

  /** A user's answer to wx.requestSubscribeMessage: `{ [templateId]: 'accept' | 'reject' | 'ban' | 'filter' }`. */
  requestSubscribeMessage(openid: string, results: Record<string, unknown>): SubscribeRequestResult {
    return this.subscriptions.requestSubscribeMessage(openid, results);
  }

  /**
   * Runs one open API call with snake_case params, as they arrive on the wire.
   * `ctx.appid` is the cross-account appid the SDK may send and `ctx.openid` the
   * calling function's user; WeChat ignores both (params carry the openid), so do the fakes.
   */
  handle(apiName: string, params: Record<string, unknown>, ctx: OpenApiCallContext = {}): OpenApiReply {
    switch (apiName) {
      case 'subscribeMessage.send':
        return jsonReply(this.subscriptions.send(params as SendParams));
      case 'wxacode.getUnlimited': {
        const r = getUnlimited(params as GetUnlimitedParams, { pages: this.pages });
        return 'png' in r ? { contentType: 'image/png', body: r.png, errcode: 0 } : jsonReply(r);
      }
      case 'security.msgSecCheck':
        // process.env is read per call so word lists can change between calls.
        return jsonReply(msgSecCheck(params as MsgSecCheckParams, process.env));
      case 'security.mediaCheckAsync':
        return jsonReply(this.mediaChecks.request(params as MediaCheckParams, ctx.appid ?? 'wx0000000000000000'));
      default:
        return jsonReply({
          errcode: -1,
          errmsg: `api not supported by the emulator: ${apiName || '(empty apiName)'}; supported: ${SUPPORTED_OPENAPIS.join(', ')}`,
        });
    }
  }
}

/** A wire reply carrying a WeChat-style JSON error, for requests that cannot be run. */
export function encodeOpenApiError(errcode: number, errmsg: string, errorCode = 0): Buffer {
  const respData = Buffer.from(JSON.stringify({ errcode, errmsg }), 'utf8');
  return encodeCommOpenApiResp({ respData, contentType: JSON_CONTENT_TYPE, errorCode, httpCode: 200 });
}

function pairToParam(pair: KeyValuePair): unknown {
  if (pair.contentType !== undefined) {
    const media: MediaParam = { contentType: pair.contentType, value: pair.value };
    if (pair.filename !== undefined) media.fileName = pair.filename;
    return media;
  }
  return JSON.parse(pair.value.toString('utf8'));
}

/**
 * Turns the parsed form of one `wx.openApi` post into the protobuf reply body.
 * Send it with status 200 and `Content-Type: OPENAPI_REPLY_CONTENT_TYPE`.
 */
export function handleWxOpenApiRequest(api: OpenApi, fields: Record<string, string | Buffer | undefined>, caller: OpenApiCallContext = {}): Buffer {
  const action = fields.action;
  if (action !== undefined && String(action) !== OPENAPI_ACTION) {
    return encodeOpenApiError(-1, `emulator: action ${String(action)} is not ${OPENAPI_ACTION}`);
  }
  const apiName = fields.apiName === undefined ? '' : String(fields.apiName);
  if (!apiName) return encodeOpenApiError(-1, 'emulator: the apiName form field is missing');
  const raw = fields.requestData;
  if (raw === undefined || raw.length === 0) return encodeOpenApiError(44002, 'empty post data: the requestData form field is missing');
  // requestData is binary; a string here means someone sent it as a text part.
  const requestData = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');

  let decoded: CommApiData;
  try {
    decoded = decodeCommApiData(requestData);
  } catch (err) {
    if (!(err instanceof ProtobufError)) throw err;
    return encodeOpenApiError(-1, `emulator: requestData is not a CommApiData protobuf (${err.message})`);
  }
  if (decoded.apiType !== API_TYPE.OPEN_API) {
    // Svrkit/inner/token calls (getOpenData, cloudID, voip) expect other reply
    // messages; a non-zero errorCode makes every SDK path throw instead of mis-decoding.
    return encodeOpenApiError(-1, `emulator: apiType ${decoded.apiType} is not supported, only OPEN_API (0)`, -1);
  }

  const params: Record<string, unknown> = {};
  for (const pair of decoded.pairs) {
    try {
      params[pair.key] = pairToParam(pair);
    } catch {
      return encodeOpenApiError(47001, `data format error: value of ${pair.key} is not JSON`);
    }
  }
  const reply = api.handle(apiName, params, { ...caller, appid: decoded.appid ?? caller.appid });
  return encodeCommOpenApiResp({ respData: reply.body, contentType: reply.contentType, httpCode: 200 });
}

/** Parses a multipart `wx.openApi` body and answers it; for the HTTP router. */
export async function handleWxOpenApiMultipart(api: OpenApi, contentType: string, body: Buffer | NodeJS.ReadableStream, caller: OpenApiCallContext = {}): Promise<Buffer> {
  let fields: Record<string, string | Buffer>;
  try {
    ({ fields } = await parseMultipart(body, contentType));
  } catch (err) {
    return encodeOpenApiError(-1, `emulator: bad multipart body (${err instanceof Error ? err.message : String(err)})`);
  }
  return handleWxOpenApiRequest(api, fields, caller);
}

export { SubscriptionStore } from './subscribe-message';
export type { SubscribeFieldType, SubscribeResult, SubscribeRequestResult, TemplateDef, TemplateRegistry, SentMessage } from './subscribe-message';
export { decodeWxacodeText, wxacodeText, renderQrPng } from './wxacode';
export { MediaChecks, RISKY_MARKER, REVIEW_MARKER } from './media-check';
export { msgSecCheck, DEFAULT_RISKY_WORDS, DEFAULT_REVIEW_WORDS, LABEL } from './security';
export { parseMultipart, isMultipart } from './multipart';
