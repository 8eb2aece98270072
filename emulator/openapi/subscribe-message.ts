/**
 * Fake of `subscribeMessage.send` with one-time subscription consents.
 *
 * Rules follow WeChat's subscribeMessage.send documentation: errcodes 40003 (openid),
 * 40037 (template_id), 47003 (argument invalid, errmsg names the field, e.g.
 * "argument invalid! data.thing3.value is empty"), 41030 (page not in the app),
 * 43101 (user refuse to accept the msg: no consent left), and the value limits of
 * "订阅消息参数值内容限制说明". Each `accept` from wx.requestSubscribeMessage is one
 * send; nothing else grants consent.
 */

export type SubscribeFieldType = 'thing' | 'number' | 'letter' | 'symbol' | 'character_string' | 'phone_number' | 'car_number' | 'name' | 'phrase' | 'time' | 'date' | 'amount';

export interface TemplateDef {
  title: string;
  /** Keys as they appear in `data`, e.g. `thing1`, with their WeChat value type. */
  fields: Record<string, SubscribeFieldType>;
}

export type TemplateRegistry = Record<string, TemplateDef>;

/** Per-template result of wx.requestSubscribeMessage. */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

export interface SendParams {
  touser?: unknown;
  template_id?: unknown;
  data?: unknown;
  page?: unknown;
  miniprogram_state?: unknown;
  lang?: unknown;
}

export interface SentMessage {
  id: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  lang: string;
  sentAt: Date;
}

export interface WxResult {
  errcode: number;
  errmsg: string;
  [key: string]: unknown;
}

/** What wx.requestSubscribeMessage resolves (or rejects) with: errMsg plus one key per template id. */
export interface SubscribeRequestResult {
  errMsg: string;
  errCode?: number;
  [templateId: string]: string | number | undefined;
}

export interface SubscriptionStoreOptions {
  templates: TemplateRegistry;
  /** The app's page list (app.json `pages`); when given, `page` must be one of them. */
  pages?: readonly string[];
  now?: () => Date;
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];
const RESULTS: readonly SubscribeResult[] = ['accept', 'reject', 'ban', 'filter'];

// Date/time grammar accepted for `time` and `date`: 2019-10-01, 2019/10/01,
// 2019.10.01, 2019年10月1日, optionally with 15:01[:05]; a range joins two with "~".
const M = '(?:0?[1-9]|1[0-2])';
const D = '(?:0?[1-9]|[12]\\d|3[01])';
const DATE = `\\d{4}(?:-${M}-${D}|/${M}/${D}|\\.${M}\\.${D}|年${M}月${D}日)`;
const TIME = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const range = (point: string): RegExp => new RegExp(`^${point}(?:\\s*~\\s*(?:${point}|${TIME}))?$`);
const TIME_VALUE = range(`(?:${DATE}\\s*)?${TIME}`);
const DATE_VALUE = range(`${DATE}(?:\\s*${TIME})?`);

const HAN = /\p{Script=Han}/u;

interface Rule {
  max: number;
  test: (v: string) => boolean;
  what: string;
}

/** Value rules per type; `max` counts characters (code points). */
const RULES: Record<SubscribeFieldType, Rule> = {
  thing: { max: 20, test: () => true, what: 'Chinese, digits, letters or symbols' },
  number: { max: 32, test: (v) => /^\d+(\.\d+)?$/.test(v), what: 'digits with an optional decimal part' },
  letter: { max: 32, test: (v) => /^[A-Za-z]+$/.test(v), what: 'letters only' },
  symbol: { max: 5, test: (v) => /^[^\p{L}\p{N}\s]+$/u.test(v), what: 'symbols only' },
  character_string: { max: 32, test: (v) => /^[^\p{Script=Han}\s]+$/u.test(v), what: 'digits, letters or symbols' },
  phone_number: { max: 17, test: (v) => /^[+]?[\d\-() ]*\d[\d\-() ]*$/.test(v), what: 'digits and + - ( ) or spaces' },
  car_number: { max: 8, test: (v) => /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u.test(v), what: 'a plate: Chinese only first/last, else letters and digits' },
  name: { max: 20, test: validName, what: 'up to 10 Chinese characters or 20 letters' },
  phrase: { max: 5, test: (v) => /^\p{Script=Han}+$/u.test(v), what: 'Chinese characters only' },
  time: { max: 100, test: (v) => TIME_VALUE.test(v), what: 'a 24-hour time such as 15:01 or 2019年10月1日 15:01' },
  date: { max: 100, test: (v) => DATE_VALUE.test(v), what: 'a date such as 2019-10-01 or 2019年10月1日 15:01' },
  amount: { max: 16, test: (v) => /^[¥￥$€£]?\d{1,10}(\.\d+)?元?$/.test(v), what: 'a currency sign and up to 10 digits, e.g. ¥100.50 or 100元' },
};

/** Mixed Chinese and letters counts as a Chinese name (≤10); pure letters may run to 20. */
function validName(v: string): boolean {
  if (HAN.test(v)) return [...v].length <= 10 && /^[\p{Script=Han}A-Za-z·•. ]+$/u.test(v);
  return /^[A-Za-z·•.' -]+$/.test(v);
}

/** Returns why a value breaks its type's rule, or undefined when it is fine. */
export function checkFieldValue(type: SubscribeFieldType, value: string): string | undefined {
  if (value.trim() === '') return 'is empty';
  // WeChat refuses line breaks and other control characters in every type.
  if (/\p{Cc}/u.test(value)) return 'contains a control character';
  const rule = RULES[type];
  const length = [...value].length;
  if (length > rule.max) return `is longer than ${rule.max} characters for type ${type}`;
  if (!rule.test(value)) return `is not valid for type ${type} (${rule.what})`;
  return undefined;
}

/** Strips the query and a leading slash: WeChat resolves both forms to the same page. */
function pagePath(page: string): string {
  return page.split('?')[0].replace(/^\/+/, '');
}

export class SubscriptionStore {
  private readonly templates: TemplateRegistry;
  private readonly pages?: ReadonlySet<string>;
  private readonly now: () => Date;
  /** openid → templateId → remaining one-time consents. */
  private readonly remaining = new Map<string, Map<string, number>>();
  private readonly sent: SentMessage[] = [];
  private nextMsgid = 1_000_001;

  constructor(options: SubscriptionStoreOptions) {
    this.templates = options.templates;
    this.pages = options.pages ? new Set(options.pages.map(pagePath)) : undefined;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Records one template's result of wx.requestSubscribeMessage for a user.
   * Only 'accept' adds a consent; 'reject', 'ban' and 'filter' add nothing and
   * leave earlier consents alone. Returns the consents now left for the template.
   */
  grant(openid: string, templateId: string, result: SubscribeResult): number {
    if (!OPENID.test(openid)) throw new Error(`grant: invalid openid "${openid}"`);
    if (!this.templates[templateId]) throw new Error(`grant: template "${templateId}" is not in the registry`);
    if (!RESULTS.includes(result)) throw new Error(`grant: result must be one of ${RESULTS.join(', ')}`);
    const byTemplate = this.remaining.get(openid) ?? new Map<string, number>();
    this.remaining.set(openid, byTemplate);
    const count = (byTemplate.get(templateId) ?? 0) + (result === 'accept' ? 1 : 0);
    byTemplate.set(templateId, count);
    return count;
  }

  /**
   * The client side of wx.requestSubscribeMessage: `results` maps each template id of
   * one call to the user's choice. Mirrors its documented failures: 10001 empty list,
   * 20003 more than 3 templates, 20001 a template id the app does not have, 10004 a
   * choice that is not accept/reject/ban/filter. Nothing is granted on failure.
   */
  requestSubscribeMessage(openid: string, results: Record<string, unknown>): SubscribeRequestResult {
    const fail = (errCode: number, why: string): SubscribeRequestResult => ({ errMsg: `requestSubscribeMessage:fail ${why}`, errCode });
    if (!OPENID.test(openid)) return fail(10004, `invalid openid ${JSON.stringify(openid)}`);
    const ids = Object.keys(results);
    if (ids.length === 0) return fail(10001, 'tmplIds is empty');
    if (ids.length > 3) return fail(20003, 'at most 3 template ids per call');
    const unknown = ids.find((id) => !this.templates[id]);
    if (unknown) return fail(20001, `No template data return, verify the template id exist: ${unknown}`);
    const badChoice = ids.find((id) => !RESULTS.includes(results[id] as SubscribeResult));
    if (badChoice) return fail(10004, `result for ${badChoice} must be one of ${RESULTS.join(', ')}`);
    const out: SubscribeRequestResult = { errMsg: 'requestSubscribeMessage:ok' };
    for (const id of ids) {
      this.grant(openid, id, results[id] as SubscribeResult);
      out[id] = results[id] as SubscribeResult;
    }
    return out;
  }

  /** Remaining one-time consents per template for a user (templates with none are left out). */
  consents(openid: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [templateId, n] of this.remaining.get(openid) ?? []) if (n > 0) out[templateId] = n;
    return out;
  }

  send(params: SendParams): WxResult {
    const { touser, template_id: templateId, page } = params;
    if (typeof touser !== 'string' || !OPENID.test(touser)) {
      return { errcode: 40003, errmsg: `invalid openid: touser ${JSON.stringify(touser ?? null)} is missing or malformed` };
    }
    if (typeof templateId !== 'string' || templateId === '') {
      return { errcode: 40037, errmsg: 'invalid template_id: template_id is missing' };
    }
    const template = this.templates[templateId];
    if (!template) return { errcode: 40037, errmsg: `invalid template_id: "${templateId}" is not a template of this mini-program` };

    const checked = this.checkData(template, params.data);
    if (typeof checked === 'string') return { errcode: 47003, errmsg: `argument invalid! ${checked}` };

    const state = params.miniprogram_state ?? 'formal';
    if (typeof state !== 'string' || !MINIPROGRAM_STATES.includes(state)) {
      return { errcode: 47003, errmsg: `argument invalid! miniprogram_state must be one of ${MINIPROGRAM_STATES.join(', ')}` };
    }
    const lang = params.lang ?? 'zh_CN';
    if (typeof lang !== 'string' || !LANGS.includes(lang)) {
      return { errcode: 47003, errmsg: `argument invalid! lang must be one of ${LANGS.join(', ')}` };
    }
    if (page !== undefined && page !== '') {
      if (typeof page !== 'string' || /\s/.test(page) || pagePath(page) === '') {
        return { errcode: 41030, errmsg: `invalid page: ${JSON.stringify(page)} is not a page path such as pages/index/index?foo=bar` };
      }
      if (this.pages && !this.pages.has(pagePath(page))) {
        return { errcode: 41030, errmsg: `invalid page: "${pagePath(page)}" is not in the app's page list` };
      }
    }

    const left = this.remaining.get(touser)?.get(templateId) ?? 0;
    if (left <= 0) {
      return { errcode: 43101, errmsg: `user refuse to accept the msg: ${touser} has no accepted one-time consent left for template ${templateId}` };
    }
    this.remaining.get(touser)?.set(templateId, left - 1);

    const msgid = this.nextMsgid++;
    this.sent.push({
      id: String(msgid),
      touser,
      templateId,
      page: typeof page === 'string' && page !== '' ? page : undefined,
      data: checked,
      miniprogramState: state,
      lang,
      sentAt: this.now(),
    });
    return { errcode: 0, errmsg: 'ok', msgid };
  }

  /** Messages sent so far, newest first. */
  outbox(): SentMessage[] {
    return [...this.sent].reverse();
  }

  /** Returns the cleaned data, or the 47003 reason naming the field. */
  private checkData(template: TemplateDef, data: unknown): Record<string, { value: string }> | string {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data is missing or not an object';
    const input = data as Record<string, unknown>;
    const out: Record<string, { value: string }> = {};
    for (const [key, type] of Object.entries(template.fields)) {
      const entry = input[key];
      const raw = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
      if (raw === undefined || raw === null) return `data.${key}.value is empty`;
      if (typeof raw !== 'string' && typeof raw !== 'number') return `data.${key}.value must be a string`;
      const value = String(raw);
      const problem = checkFieldValue(type, value);
      if (problem) return `data.${key}.value ${problem}`;
      out[key] = { value };
    }
    return out;
  }
}
