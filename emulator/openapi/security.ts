/**
 * Fake of `security.msgSecCheck` v2: a word list instead of WeChat's content model.
 *
 * Error codes are the ones WeChat documents for msgSecCheck: 40003 "openid无效",
 * 40129 "场景值错误" (scene 1 profile, 2 comment, 3 forum, 4 social log),
 * 44002 "传递的参数为空", 47001 "传递的参数格式不对" (used for a wrong version and
 * for content over the documented 2500-character limit). 61010 (user not seen in
 * the last two hours) is not emulated.
 *
 * Labels are WeChat's: 100 normal, 10001 ad, 20001 politics, 20002 porn, 20003 abuse,
 * 20006 illegal, 20008 fraud, 21000 other.
 *
 * Word lists come from YOULIN_RISKY_WORDS and YOULIN_REVIEW_WORDS (comma separated,
 * each word optionally `word:label`), read on every call so tests can change them.
 * An unset variable means the default list; a set but empty one means no words.
 *
 * YOULIN_MSGSECCHECK_FAIL=1 (also read per call) makes every check answer WeChat's
 * errcode -1 "system error", so callers can show they fail closed.
 */
import { randomBytes } from 'node:crypto';

export const LABEL = {
  NORMAL: 100,
  AD: 10001,
  POLITICS: 20001,
  PORN: 20002,
  ABUSE: 20003,
  ILLEGAL: 20006,
  FRAUD: 20008,
  OTHER: 21000,
} as const;

export type Suggest = 'pass' | 'review' | 'risky';

export const DEFAULT_RISKY_WORDS: readonly string[] = ['赌博', '代开发票', '色情', '毒品', '刷单', '傻逼', 'gambling', 'porn'];
export const DEFAULT_REVIEW_WORDS: readonly string[] = ['加微信', '私聊', '加群', 'add me on wechat'];

/** Labels for the default words; env words without `:label` fall back to these, then to 21000. */
export const DEFAULT_WORD_LABELS: Readonly<Record<string, number>> = {
  赌博: LABEL.ILLEGAL,
  代开发票: LABEL.ILLEGAL,
  色情: LABEL.PORN,
  毒品: LABEL.ILLEGAL,
  刷单: LABEL.FRAUD,
  傻逼: LABEL.ABUSE,
  gambling: LABEL.ILLEGAL,
  porn: LABEL.PORN,
  加微信: LABEL.AD,
  私聊: LABEL.AD,
  加群: LABEL.AD,
  'add me on wechat': LABEL.AD,
};

export interface MsgSecCheckParams {
  version?: unknown;
  openid?: unknown;
  scene?: unknown;
  content?: unknown;
  title?: unknown;
  nickname?: unknown;
  signature?: unknown;
}

export interface MsgSecCheckDetail {
  strategy: 'content_model';
  errcode: 0;
  suggest: Suggest;
  label: number;
  keyword?: string;
  prob: number;
}

export type MsgSecCheckResult = { errcode: 0; errmsg: 'ok'; result: { suggest: Suggest; label: number }; detail: MsgSecCheckDetail[]; trace_id: string } | { errcode: number; errmsg: string };

export const MAX_CONTENT_CHARS = 2500;
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

interface Word {
  word: string;
  label: number;
}

/** Parses `a,b:20002，c` (ASCII or Chinese commas); undefined means "use the defaults". */
export function parseWordList(raw: string | undefined, defaults: readonly string[]): Word[] {
  const entries = raw === undefined ? [...defaults] : raw.split(/[,，]/);
  const words: Word[] = [];
  for (const entry of entries) {
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.trim());
    const word = (m?.[1] ?? '').trim();
    if (!word) continue;
    const label = m?.[2] ? Number(m[2]) : (DEFAULT_WORD_LABELS[word] ?? LABEL.OTHER);
    words.push({ word, label });
  }
  return words;
}

function findWord(texts: string[], words: Word[]): Word | undefined {
  // Compare case-insensitively and also with spaces removed, so "赌 博" still hits.
  const hay = texts.map((t) => t.toLowerCase());
  const squeezed = hay.map((t) => t.replace(/\s+/g, ''));
  return words.find(({ word }) => {
    const w = word.toLowerCase();
    return hay.some((t) => t.includes(w)) || squeezed.some((t) => t.includes(w.replace(/\s+/g, '')));
  });
}

function traceId(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16)}`;
}

export function msgSecCheck(params: MsgSecCheckParams, env: NodeJS.ProcessEnv = process.env): MsgSecCheckResult {
  if (env.YOULIN_MSGSECCHECK_FAIL === '1') return { errcode: -1, errmsg: 'system error (YOULIN_MSGSECCHECK_FAIL=1)' };
  if (params.version !== 2) {
    return { errcode: 47001, errmsg: 'data format error: version must be 2 (msgSecCheck 1.0 was retired on 2021-09-01)' };
  }
  if (typeof params.openid !== 'string' || !OPENID.test(params.openid)) {
    return { errcode: 40003, errmsg: `invalid openid: ${JSON.stringify(params.openid ?? null)} is missing or malformed` };
  }
  if (typeof params.scene !== 'number' || ![1, 2, 3, 4].includes(params.scene)) {
    return { errcode: 40129, errmsg: 'invalid scene: scene must be 1 (profile), 2 (comment), 3 (forum) or 4 (social log)' };
  }
  const { content } = params;
  if (content === undefined || content === null || content === '') {
    return { errcode: 44002, errmsg: 'empty post data: content is required' };
  }
  if (typeof content !== 'string') return { errcode: 47001, errmsg: 'data format error: content must be a string' };
  const length = [...content].length;
  if (length > MAX_CONTENT_CHARS) {
    return { errcode: 47001, errmsg: `data format error: content has ${length} characters, the limit is ${MAX_CONTENT_CHARS}` };
  }
  const texts = [content];
  for (const key of ['title', 'nickname', 'signature'] as const) {
    const v = params[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return { errcode: 47001, errmsg: `data format error: ${key} must be a string` };
    // WeChat only looks at the signature for profile checks (scene 1).
    if (key !== 'signature' || params.scene === 1) texts.push(v);
  }

  const risky = findWord(texts, parseWordList(env.YOULIN_RISKY_WORDS, DEFAULT_RISKY_WORDS));
  const review = risky ? undefined : findWord(texts, parseWordList(env.YOULIN_REVIEW_WORDS, DEFAULT_REVIEW_WORDS));
  const hit = risky ?? review;
  const suggest: Suggest = risky ? 'risky' : review ? 'review' : 'pass';
  const label = hit ? hit.label : LABEL.NORMAL;
  const detail: MsgSecCheckDetail = { strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : review ? 60 : 90 };
  if (hit) detail.keyword = hit.word;
  return { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [detail], trace_id: traceId() };
}
