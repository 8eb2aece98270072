/**
 * A phone in local mode talking to an in-process emulator: `wx.request` really goes over HTTP (with
 * Node's http: tests/helpers/post.ts) and storage holds the demo
 * identity the developer picked. Pass the result as `loadPage(path, { wx })`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Emulator } from '../../emulator/app';
import { request } from '../helpers/post';
import { callStarted } from './pending-work';

export interface WxRequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?(res: { statusCode: number; data: unknown; header: Record<string, string>; errMsg: string }): void;
  fail?(err: { errMsg: string }): void;
  complete?(): void;
}

/** Each call counts as pending work until its callbacks have run, so a test can wait until the page has heard back. */
export function wxRequestOverHttp(options: WxRequestOptions): void {
  const ended = callStarted();
  request(options.url, {
    method: options.method ?? 'GET',
    headers: options.header,
    body: options.data === undefined ? undefined : JSON.stringify(options.data),
  })
    .then((res) => {
      const text = res.text;
      // Like wx.request with dataType json: parsed when it parses, the raw text otherwise.
      let data: unknown = text;
      try {
        data = JSON.parse(text);
      } catch {
        // keep the text
      }
      options.success?.({ statusCode: res.status, data, header: {}, errMsg: 'request:ok' });
    })
    .catch((error: Error) => options.fail?.({ errMsg: `request:fail ${error.message}` }))
    .finally(() => {
      try {
        options.complete?.();
      } finally {
        ended();
      }
    });
}

export interface WxUploadFileOptions {
  url: string;
  filePath: string;
  name: string;
  formData?: Record<string, string>;
  header?: Record<string, string>;
  success?(res: { statusCode: number; data: string; errMsg: string }): void;
  fail?(err: { errMsg: string }): void;
  complete?(): void;
}

/**
 * wx.uploadFile as the phone does it: the file at `filePath` (a real file on disk, standing for a
 * temporary file from wx.chooseMedia) goes as multipart/form-data under `name`, with `formData`
 * beside it, really over HTTP. The body is put together here because jsdom's FormData is not one
 * Node's fetch can send.
 */
export function wxUploadFileOverHttp(options: WxUploadFileOptions): void {
  const ended = callStarted();
  const boundary = `----youlin-${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
  const part = (headers: string) => Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`, 'utf8');
  Promise.resolve()
    .then(() => {
      const fields = Object.entries(options.formData ?? {}).map(([key, value]) => Buffer.concat([part(`Content-Disposition: form-data; name="${key}"`), Buffer.from(`${value}\r\n`, 'utf8')]));
      const file = Buffer.concat([
        part(`Content-Disposition: form-data; name="${options.name}"; filename="${path.basename(options.filePath)}"\r\nContent-Type: application/octet-stream`),
        fs.readFileSync(options.filePath),
        Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
      ]);
      return fetch(options.url, {
        method: 'POST',
        headers: { ...options.header, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: Buffer.concat([...fields, file]),
      });
    })
    .then(async (res) => options.success?.({ statusCode: res.status, data: await res.text(), errMsg: 'uploadFile:ok' }))
    .catch((error: Error) => options.fail?.({ errMsg: `uploadFile:fail ${error.message}` }))
    .finally(() => {
      try {
        options.complete?.();
      } finally {
        ended();
      }
    });
}

interface StorageCall {
  key: string;
  data?: unknown;
  success?(res: { data: unknown; errMsg: string }): void;
  fail?(err: { errMsg: string }): void;
}

/**
 * The phone's storage, asynchronous only, like the app uses it: a synchronous call fails the test,
 * because it would block a page's first render.
 */
export function wxStorage(storage: Record<string, unknown>): Record<string, unknown> {
  const sync = (name: string) => () => {
    throw new Error(`wx.${name} blocks rendering: use the asynchronous wx.${name.replace('Sync', '')}`);
  };
  return {
    getStorage: ({ key, success, fail }: StorageCall) =>
      setTimeout(() => (key in storage ? success?.({ data: storage[key], errMsg: 'getStorage:ok' }) : fail?.({ errMsg: 'getStorage:fail data not found' }))),
    setStorage: ({ key, data, success }: StorageCall) =>
      setTimeout(() => {
        storage[key] = data;
        success?.({ data: undefined, errMsg: 'setStorage:ok' });
      }),
    getStorageSync: sync('getStorageSync'),
    setStorageSync: sync('setStorageSync'),
  };
}

export function phoneOnEmulator(emulator: Emulator, openid: string): Record<string, unknown> {
  // A busy test machine can be many times slower than a phone and the cloud: the page waits for its
  // answer as long as the test may run, so a slow machine is never taken for a lost answer.
  const storage: Record<string, unknown> = { 'youlin.openid': openid, 'youlin.localBase': emulator.url, 'youlin.callTimeoutMs': 120_000 };
  return {
    request: wxRequestOverHttp,
    uploadFile: wxUploadFileOverHttp,
    ...wxStorage(storage),
    showToast: () => {},
    stopPullDownRefresh: () => {},
  };
}
