/**
 * Fake of `security.mediaCheckAsync` v2 and of the result WeChat pushes later.
 *
 * The call (documented at developers.weixin.qq.com, 小程序 服务端 API 内容安全
 * security.mediaCheckAsync): `media_url` (an http(s) URL WeChat downloads: a cloud fileID is not
 * one), `media_type` 1 audio or 2 image, `version` 2, `openid`, `scene` 1 profile, 2 comment,
 * 3 forum, 4 social log. It answers at once `{ errcode: 0, errmsg: 'ok', trace_id }`; the verdict
 * arrives within 30 minutes as a message push (消息推送) event, which CloudBase hands to the cloud
 * function configured in the console:
 *   { ToUserName, FromUserName, CreateTime, MsgType: 'event', Event: 'wxa_media_check', appid,
 *     trace_id, version: 2, result: { suggest, label }, detail: [{ strategy, errcode, suggest, label, prob }] }
 * Errors are msgSecCheck's: 40003 openid, 40129 scene, 44002 empty, 47001 format.
 *
 * The verdict here: the emulator downloads the URL like WeChat; `YOULIN-RISKY` in the URL or in the
 * file's bytes makes it risky (label 20002), `YOULIN-REVIEW` review (21000), anything else pass;
 * a URL that cannot be downloaded is sent to review (a person decides). The event goes to the
 * configured function `delayMs` after the call (null: only when `flush()` is called, for tests).
 */
import { randomBytes } from 'node:crypto';
// Node's own timers: page tests run the emulator where the globals are a browser's (no unref).
import { clearTimeout, setTimeout } from 'node:timers';

export interface MediaCheckParams {
  media_url?: unknown;
  media_type?: unknown;
  version?: unknown;
  openid?: unknown;
  scene?: unknown;
}

export interface MediaCheckOptions {
  /** The function CloudBase's message push delivers `wxa_media_check` to; default `circle`. */
  functionName?: string;
  /** How long after the call the verdict is pushed; null waits for flush(). Default 2000 ms. */
  delayMs?: number | null;
}

export type Deliver = (functionName: string, event: Record<string, unknown>) => Promise<unknown>;

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
export const RISKY_MARKER = 'YOULIN-RISKY';
export const REVIEW_MARKER = 'YOULIN-REVIEW';

interface Pending {
  traceId: string;
  url: string;
  openid: string;
  appid: string;
  timer: NodeJS.Timeout | null;
}

export class MediaChecks {
  private pending = new Map<string, Pending>();
  private inFlight = new Set<Promise<unknown>>();
  private deliver: Deliver | null = null;
  readonly functionName: string;
  readonly delayMs: number | null;
  /** Every verdict pushed, oldest first: for tests and for people trying the emulator. */
  readonly pushed: Record<string, unknown>[] = [];

  constructor(options: MediaCheckOptions = {}) {
    this.functionName = options.functionName ?? 'circle';
    this.delayMs = options.delayMs === undefined ? 2000 : options.delayMs;
  }

  setDeliver(deliver: Deliver): void {
    this.deliver = deliver;
  }

  request(params: MediaCheckParams, appid: string): { errcode: number; errmsg: string; trace_id?: string } {
    if (params.version !== 2) return { errcode: 47001, errmsg: 'data format error: version must be 2' };
    if (typeof params.openid !== 'string' || !OPENID.test(params.openid)) return { errcode: 40003, errmsg: 'invalid openid' };
    if (typeof params.scene !== 'number' || ![1, 2, 3, 4].includes(params.scene)) return { errcode: 40129, errmsg: 'invalid scene: 1 (profile), 2 (comment), 3 (forum) or 4 (social log)' };
    if (params.media_url === undefined || params.media_url === null || params.media_url === '') return { errcode: 44002, errmsg: 'empty post data: media_url is required' };
    if (typeof params.media_url !== 'string' || !/^https?:\/\/\S+$/.test(params.media_url)) {
      return { errcode: 47001, errmsg: 'data format error: media_url must be an http(s) URL WeChat can download (a cloud fileID is not one)' };
    }
    if (params.media_type !== 1 && params.media_type !== 2) return { errcode: 47001, errmsg: 'data format error: media_type must be 1 (audio) or 2 (image)' };
    const hex = randomBytes(12).toString('hex');
    const traceId = `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16)}`;
    const entry: Pending = { traceId, url: params.media_url, openid: params.openid, appid, timer: null };
    this.pending.set(traceId, entry);
    if (this.delayMs !== null) {
      entry.timer = setTimeout(() => void this.push(traceId), this.delayMs);
      entry.timer.unref();
    }
    return { errcode: 0, errmsg: 'ok', trace_id: traceId };
  }

  /** Checks still waiting for their push. */
  waiting(): number {
    return this.pending.size;
  }

  /** Pushes every waiting verdict now and waits until the function has handled each (and those already on their way). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.push(id)));
    await Promise.all([...this.inFlight]);
  }

  close(): void {
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
    this.pending.clear();
  }

  private push(traceId: string): Promise<unknown> {
    const entry = this.pending.get(traceId);
    if (!entry) return Promise.resolve();
    this.pending.delete(traceId);
    if (entry.timer) clearTimeout(entry.timer);
    const run = (async () => {
      const { suggest, label } = await verdictOf(entry.url);
      const event = {
        ToUserName: 'gh_000000000000',
        FromUserName: entry.openid,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: entry.appid,
        trace_id: entry.traceId,
        version: 2,
        result: { suggest, label: String(label) },
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label: String(label), prob: 90 }],
      };
      this.pushed.push(event);
      if (this.deliver) await this.deliver(this.functionName, event);
    })();
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }
}

async function verdictOf(url: string): Promise<{ suggest: 'pass' | 'review' | 'risky'; label: number }> {
  const has = (text: string, marker: string) => text.toUpperCase().includes(marker);
  if (has(decodeURIComponent(url), RISKY_MARKER)) return { suggest: 'risky', label: 20002 };
  if (has(decodeURIComponent(url), REVIEW_MARKER)) return { suggest: 'review', label: 21000 };
  try {
    const res = await fetch(url);
    if (!res.ok) return { suggest: 'review', label: 21000 };
    const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
    if (has(body, RISKY_MARKER)) return { suggest: 'risky', label: 20002 };
    if (has(body, REVIEW_MARKER)) return { suggest: 'review', label: 21000 };
    return { suggest: 'pass', label: 100 };
  } catch {
    return { suggest: 'review', label: 21000 };
  }
}
