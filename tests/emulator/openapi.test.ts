/** Stories for the open API fakes: WeChat's subscribe-message and content-check rules. */
import { SubscriptionStore, checkFieldValue } from '../../emulator/openapi/subscribe-message';
import type { SubscribeFieldType, TemplateRegistry } from '../../emulator/openapi/subscribe-message';
import { DEFAULT_REVIEW_WORDS, DEFAULT_RISKY_WORDS, msgSecCheck } from '../../emulator/openapi/security';

const ALICE = 'oAlice_0123456789abcdefghijk';
const BOB = 'oBob_0123456789abcdefghijklm';

const TEMPLATES: TemplateRegistry = {
  TPL_SIGNUP: { title: '活动报名成功通知', fields: { thing1: 'thing', date2: 'date', phrase3: 'phrase' } },
  TPL_REPAIR: { title: '报修进度提醒', fields: { character_string1: 'character_string', thing2: 'thing' } },
  TPL_OTHER: { title: '其他通知', fields: { thing1: 'thing' } },
  TPL_FOURTH: { title: '第四个模板', fields: { thing1: 'thing' } },
};
const PAGES = ['pages/index/index', 'pages/activity/detail'];

function store(): SubscriptionStore {
  return new SubscriptionStore({ templates: TEMPLATES, pages: PAGES, now: () => new Date('2024-05-01T08:00:00Z') });
}

function signup(touser: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    touser,
    template_id: 'TPL_SIGNUP',
    page: 'pages/activity/detail?id=42',
    data: { thing1: { value: '社区义诊' }, date2: { value: '2024年5月4日 09:30' }, phrase3: { value: '报名成功' } },
    miniprogram_state: 'developer',
    lang: 'zh_CN',
    ...overrides,
  };
}

describe('subscribeMessage.send consents', () => {
  it('one accepted consent allows exactly one send; the second gets 43101', () => {
    const s = store();
    expect(s.grant(ALICE, 'TPL_SIGNUP', 'accept')).toBe(1);
    const first = s.send(signup(ALICE));
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(typeof first.msgid).toBe('number');
    const second = s.send(signup(ALICE));
    expect(second.errcode).toBe(43101);
    expect(second.errmsg).toMatch(/user refuse to accept the msg/);
    expect(s.outbox()).toHaveLength(1);
  });

  it.each(['reject', 'ban', 'filter'] as const)('a %s result grants nothing', (result) => {
    const s = store();
    expect(s.grant(ALICE, 'TPL_SIGNUP', result)).toBe(0);
    expect(s.consents(ALICE)).toEqual({});
    expect(s.send(signup(ALICE)).errcode).toBe(43101);
  });

  it('each accept adds one send, and a later reject does not take them back', () => {
    const s = store();
    s.grant(ALICE, 'TPL_SIGNUP', 'accept');
    s.grant(ALICE, 'TPL_SIGNUP', 'accept');
    s.grant(ALICE, 'TPL_SIGNUP', 'reject');
    expect(s.consents(ALICE)).toEqual({ TPL_SIGNUP: 2 });
    expect(s.send(signup(ALICE)).errcode).toBe(0);
    expect(s.send(signup(ALICE)).errcode).toBe(0);
    expect(s.send(signup(ALICE)).errcode).toBe(43101);
  });

  it('consents belong to one user and one template', () => {
    const s = store();
    s.grant(ALICE, 'TPL_OTHER', 'accept');
    expect(s.send(signup(ALICE)).errcode).toBe(43101);
    s.grant(ALICE, 'TPL_SIGNUP', 'accept');
    expect(s.send(signup(BOB)).errcode).toBe(43101);
    expect(s.send(signup(ALICE)).errcode).toBe(0);
    expect(s.consents(ALICE)).toEqual({ TPL_OTHER: 1 });
  });

  it('a refused send keeps the consent for a corrected retry', () => {
    const s = store();
    s.grant(ALICE, 'TPL_SIGNUP', 'accept');
    const bad = s.send(signup(ALICE, { data: { thing1: { value: '一'.repeat(21) }, date2: { value: '2024-05-04' }, phrase3: { value: '报名成功' } } }));
    expect(bad.errcode).toBe(47003);
    expect(s.consents(ALICE)).toEqual({ TPL_SIGNUP: 1 });
    expect(s.send(signup(ALICE)).errcode).toBe(0);
  });

  it('the outbox lists sent messages newest first with what was sent', () => {
    const s = store();
    s.grant(ALICE, 'TPL_SIGNUP', 'accept');
    s.grant(BOB, 'TPL_SIGNUP', 'accept');
    const a = s.send(signup(ALICE));
    const b = s.send(signup(BOB, { page: undefined }));
    const [newest, oldest] = s.outbox();
    expect(newest).toMatchObject({ id: String(b.msgid), touser: BOB, templateId: 'TPL_SIGNUP', page: undefined });
    expect(oldest).toMatchObject({ id: String(a.msgid), touser: ALICE, page: 'pages/activity/detail?id=42', miniprogramState: 'developer' });
    expect(oldest.data.thing1).toEqual({ value: '社区义诊' });
    expect(oldest.sentAt.toISOString()).toBe('2024-05-01T08:00:00.000Z');
  });
});

describe('subscribeMessage.send argument rules', () => {
  const granted = (): SubscriptionStore => {
    const s = store();
    s.grant(ALICE, 'TPL_SIGNUP', 'accept');
    return s;
  };

  it('a 21-character thing value is refused with 47003 naming the field', () => {
    const r = granted().send(signup(ALICE, { data: { thing1: { value: '一'.repeat(21) }, date2: { value: '2024-05-04' }, phrase3: { value: '报名成功' } } }));
    expect(r.errcode).toBe(47003);
    expect(r.errmsg).toMatch(/^argument invalid! data\.thing1\.value /);
  });

  it('a missing field is refused with 47003 naming it', () => {
    const r = granted().send(signup(ALICE, { data: { thing1: { value: '社区义诊' }, phrase3: { value: '报名成功' } } }));
    expect(r).toMatchObject({ errcode: 47003, errmsg: 'argument invalid! data.date2.value is empty' });
  });

  it('a missing or malformed openid gets 40003', () => {
    expect(granted().send(signup('')).errcode).toBe(40003);
    expect(granted().send(signup('not an openid!')).errcode).toBe(40003);
    expect(granted().send({ ...signup(ALICE), touser: undefined }).errcode).toBe(40003);
  });

  it('an unknown template id gets 40037', () => {
    const r = granted().send(signup(ALICE, { template_id: 'NOPE' }));
    expect(r.errcode).toBe(40037);
    expect(r.errmsg).toContain('NOPE');
  });

  it('a page outside the app page list gets 41030; query and leading slash are fine', () => {
    expect(granted().send(signup(ALICE, { page: 'pages/missing/missing' })).errcode).toBe(41030);
    expect(granted().send(signup(ALICE, { page: 'pages/index/index?from=msg' })).errcode).toBe(0);
    expect(granted().send(signup(ALICE, { page: '/pages/index/index' })).errcode).toBe(0);
    expect(granted().send(signup(ALICE, { page: 42 })).errcode).toBe(41030);
  });

  it('any page passes the page-list check when no page list is known', () => {
    const s = new SubscriptionStore({ templates: TEMPLATES });
    s.grant(ALICE, 'TPL_SIGNUP', 'accept');
    expect(s.send(signup(ALICE, { page: 'pages/anything/here' })).errcode).toBe(0);
  });

  it('miniprogram_state and lang must be WeChat values', () => {
    expect(granted().send(signup(ALICE, { miniprogram_state: 'prod' })).errcode).toBe(47003);
    expect(granted().send(signup(ALICE, { lang: 'fr_FR' })).errcode).toBe(47003);
  });

  const cases: Array<[SubscribeFieldType, string[], string[]]> = [
    ['thing', ['社区义诊 No.3!', '一'.repeat(20)], ['一'.repeat(21), '第一行\n第二行', '  ']],
    ['number', ['42', '3.1415', '9'.repeat(32)], ['-1', '1e5', '12a', '9'.repeat(33)]],
    ['letter', ['abcXYZ', 'a'.repeat(32)], ['abc1', '字母', 'a'.repeat(33)]],
    ['symbol', ['!?', '#$%&*'], ['!!!!!!', 'a!', '中']],
    ['character_string', ['RX-2024-0001', 'A1b2#'], ['编号123', 'has space', 'x'.repeat(33)]],
    ['phone_number', ['13800138000', '+86-0766-66888866'], ['138-0013-8000-1234', 'call me', '+86-0766-668888660']],
    ['car_number', ['粤A8Z888挂', '京A12345'], ['粤A8Z888挂1', '粤中A123', 'AB 123']],
    ['name', ['张三', '欧阳娜娜', 'John Smith', '李Lei'], ['张'.repeat(11), 'a'.repeat(21), '张三3']],
    ['phrase', ['配送中', '报名成功'], ['已经报名成功了', 'ok', '报名1']],
    ['time', ['15:01', '2019年10月1日 15:01', '2019-10-01 15:01', '2019-10-01 15:01:30', '15:01~16:00'], ['2019-10-01', '25:00', 'tomorrow']],
    ['date', ['2019年10月1日', '2019-10-01', '2019/10/01 15:01', '2019年10月1日 15:01', '2019-10-01 ~ 2019-10-07'], ['15:01', '2019-13-01', '10月1日']],
    ['amount', ['¥100.50', '100元', '￥1000', '99.9'], ['100 元', '¥12345678901', 'USD100', '¥']],
  ];

  describe.each(cases)('%s values', (type, good, bad) => {
    it.each(good)('accepts %j', (value) => expect(checkFieldValue(type, value)).toBeUndefined());
    it.each(bad)('refuses %j', (value) => expect(checkFieldValue(type, value)).toEqual(expect.any(String)));
  });

  it('numbers in JSON are read as their text', () => {
    const s = new SubscriptionStore({ templates: { T: { title: 't', fields: { number1: 'number' } } } });
    s.grant(ALICE, 'T', 'accept');
    expect(s.send({ touser: ALICE, template_id: 'T', data: { number1: { value: 3 } } }).errcode).toBe(0);
  });
});

describe('wx.requestSubscribeMessage', () => {
  it('grants each accepted template and echoes the choices', () => {
    const s = store();
    const r = s.requestSubscribeMessage(ALICE, { TPL_SIGNUP: 'accept', TPL_REPAIR: 'reject' });
    expect(r).toEqual({ errMsg: 'requestSubscribeMessage:ok', TPL_SIGNUP: 'accept', TPL_REPAIR: 'reject' });
    expect(s.consents(ALICE)).toEqual({ TPL_SIGNUP: 1 });
  });

  it('refuses more than three templates, unknown ids and bad choices without granting', () => {
    const s = store();
    const four = { TPL_SIGNUP: 'accept', TPL_REPAIR: 'accept', TPL_OTHER: 'accept', TPL_FOURTH: 'accept' };
    expect(s.requestSubscribeMessage(ALICE, four).errCode).toBe(20003);
    expect(s.requestSubscribeMessage(ALICE, { TPL_SIGNUP: 'accept', NOPE: 'accept' }).errCode).toBe(20001);
    expect(s.requestSubscribeMessage(ALICE, { TPL_SIGNUP: 'yes' }).errCode).toBe(10004);
    expect(s.requestSubscribeMessage(ALICE, {}).errCode).toBe(10001);
    expect(s.consents(ALICE)).toEqual({});
  });
});

describe('security.msgSecCheck v2', () => {
  const saved = { risky: process.env.YOULIN_RISKY_WORDS, review: process.env.YOULIN_REVIEW_WORDS };
  const restore = (key: 'YOULIN_RISKY_WORDS' | 'YOULIN_REVIEW_WORDS', value: string | undefined): void => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  beforeEach(() => {
    delete process.env.YOULIN_RISKY_WORDS;
    delete process.env.YOULIN_REVIEW_WORDS;
  });
  afterAll(() => {
    restore('YOULIN_RISKY_WORDS', saved.risky);
    restore('YOULIN_REVIEW_WORDS', saved.review);
  });
  const check = (content: string, extra: Record<string, unknown> = {}) => msgSecCheck({ version: 2, openid: ALICE, scene: 2, content, ...extra });

  it('ordinary text passes with label 100', () => {
    const r = check('周六上午九点在小区广场举办义诊，欢迎参加');
    expect(r).toMatchObject({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } });
    if (!('result' in r)) throw new Error('expected a result');
    expect(r.detail).toEqual([{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }]);
    expect(r.trace_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('a default risky word is risky with its WeChat label and keyword', () => {
    expect(DEFAULT_RISKY_WORDS).toContain('赌博');
    const r = check('楼下有人聚众赌 博');
    expect(r).toMatchObject({ result: { suggest: 'risky', label: 20006 }, detail: [{ suggest: 'risky', label: 20006, keyword: '赌博' }] });
    expect(check('Free PORN here')).toMatchObject({ result: { suggest: 'risky', label: 20002 } });
  });

  it('a default review word asks for review, and risky wins over review', () => {
    expect(DEFAULT_REVIEW_WORDS).toContain('加微信');
    expect(check('有需要的加微信详聊')).toMatchObject({ result: { suggest: 'review', label: 10001 } });
    expect(check('加微信，代开发票')).toMatchObject({ result: { suggest: 'risky', label: 20006 } });
  });

  it('title and nickname are checked; the signature only for profile checks (scene 1)', () => {
    expect(check('正文正常', { title: '私聊我' })).toMatchObject({ result: { suggest: 'review' } });
    expect(check('正文正常', { signature: '色情' })).toMatchObject({ result: { suggest: 'pass' } });
    expect(check('正文正常', { scene: 1, signature: '色情' })).toMatchObject({ result: { suggest: 'risky', label: 20002 } });
  });

  it('YOULIN_RISKY_WORDS and YOULIN_REVIEW_WORDS replace the defaults, read at call time', () => {
    process.env.YOULIN_RISKY_WORDS = '广场舞扰民, 违章搭建:20006';
    process.env.YOULIN_REVIEW_WORDS = '团购';
    expect(check('楼下广场舞扰民')).toMatchObject({ result: { suggest: 'risky', label: 21000 }, detail: [{ keyword: '广场舞扰民' }] });
    expect(check('有人违章搭建')).toMatchObject({ result: { suggest: 'risky', label: 20006 } });
    expect(check('明天团购鸡蛋')).toMatchObject({ result: { suggest: 'review', label: 21000 } });
    expect(check('楼下聚众赌博')).toMatchObject({ result: { suggest: 'pass' } });
    process.env.YOULIN_RISKY_WORDS = '';
    process.env.YOULIN_REVIEW_WORDS = '';
    expect(check('加微信 赌博')).toMatchObject({ result: { suggest: 'pass', label: 100 } });
  });

  it('refuses wrong arguments with WeChat codes and readable messages', () => {
    expect(check('x', { version: 1 })).toMatchObject({ errcode: 47001, errmsg: expect.stringMatching(/version must be 2/) });
    expect(check('x', { openid: '' })).toMatchObject({ errcode: 40003 });
    expect(check('x', { scene: 5 })).toMatchObject({ errcode: 40129, errmsg: expect.stringMatching(/scene/) });
    expect(check('')).toMatchObject({ errcode: 44002, errmsg: expect.stringMatching(/content/) });
    expect(check('x', { content: 42 })).toMatchObject({ errcode: 47001 });
    expect(check('字'.repeat(2501))).toMatchObject({ errcode: 47001, errmsg: expect.stringMatching(/2501 characters.*2500/) });
    expect(check('字'.repeat(2500))).toMatchObject({ errcode: 0 });
  });
});
