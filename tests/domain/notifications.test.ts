import fs from 'node:fs';
import path from 'node:path';
import { ActivityNotice, NOTICE_KINDS, SubscriptionTemplate, fitValue, noticeValues, shanghaiMinute, subscriptionTemplatesSchema, templateData } from '../../domain/notifications';
import { checkFieldValue } from '../../emulator/openapi/subscribe-message';
import { ROOT } from '../helpers/emulator';

/**
 * What a subscription message says, fitted to WeChat's rules before it leaves: the emulator's own
 * rule checker (the one its subscribeMessage.send fake answers 47003 with) is the judge here.
 */

const configured = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'subscription-templates.json'), 'utf8'));
const TEMPLATES = subscriptionTemplatesSchema.parse(configured);

const LONG_TITLE = '“红色星期六”社区志愿服务暨垃圾分类亲子课堂（第三期）';
const notice = (kind: ActivityNotice['kind'], over: Partial<ActivityNotice> = {}): ActivityNotice => ({
  kind,
  openid: 'o-someone',
  activity: { id: 'a1', title: '垃圾分类亲子课堂', startAt: new Date('2026-11-07T01:30:00Z'), placeText: '居民区活动室' },
  ...over,
});

describe('times are written for people in Shanghai', () => {
  it('a Saturday 09:30 start (01:30 UTC) reads 2026-11-07 09:30', () => {
    expect(shanghaiMinute(new Date('2026-11-07T01:30:00Z'))).toBe('2026-11-07 09:30');
  });

  it('just after midnight in Shanghai is already the next day', () => {
    expect(shanghaiMinute(new Date('2026-12-31T16:05:59Z'))).toBe('2027-01-01 00:05');
  });

  it('time and date fields take the instant in that form, which WeChat accepts for both', () => {
    const at = new Date('2026-11-07T01:30:00Z');
    for (const type of ['time', 'date'] as const) {
      expect(fitValue(type, at)).toBe('2026-11-07 09:30');
      expect(checkFieldValue(type, fitValue(type, at))).toBeUndefined();
    }
  });

  it('a text can never fill a time field (the configuration refuses that mapping too)', () => {
    expect(() => fitValue('time', '下周六上午')).toThrow();
  });
});

describe('thing: at most 20 characters, cut with an ellipsis', () => {
  it('a title of 20 characters or fewer is kept as it is', () => {
    expect(fitValue('thing', '垃圾分类亲子课堂')).toBe('垃圾分类亲子课堂');
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(fitValue('thing', twenty)).toBe(twenty);
  });

  it('a longer title keeps its first 19 characters and ends with …', () => {
    const fitted = fitValue('thing', LONG_TITLE);
    expect([...fitted]).toHaveLength(20);
    expect(fitted).toBe(`${[...LONG_TITLE].slice(0, 19).join('')}…`);
    expect(checkFieldValue('thing', fitted)).toBeUndefined();
  });

  it('characters outside the basic plane count once, so an emoji is never split in half', () => {
    const fitted = fitValue('thing', '🎉'.repeat(25));
    expect(fitted).toBe(`${'🎉'.repeat(19)}…`);
    expect(checkFieldValue('thing', fitted)).toBeUndefined();
  });

  it('line breaks and tabs in a reason become single spaces (WeChat refuses control characters)', () => {
    expect(fitValue('thing', '  场地临时\n维修，\t改期  ')).toBe('场地临时 维修， 改期');
  });

  it('an empty text becomes 无 rather than an empty value WeChat would refuse', () => {
    expect(fitValue('thing', ' \n ')).toBe('无');
  });
});

describe('phrase: at most 5 Chinese characters', () => {
  it('a result such as 审核通过 or 未通过 is kept', () => {
    expect(fitValue('phrase', '审核通过')).toBe('审核通过');
    expect(fitValue('phrase', '未通过')).toBe('未通过');
  });

  it('only Chinese characters stay, at most 5, with no ellipsis (it is not Chinese)', () => {
    expect(fitValue('phrase', 'OK，报名已经成功啦')).toBe('报名已经成');
    expect(fitValue('phrase', 'OK!')).toBe('无');
  });
});

describe("whatever the text, the fitted value passes WeChat's rule for its type", () => {
  const nasty = ['', ' ', '\n', 'a'.repeat(100), '中'.repeat(21), 'x\u0000y', '𠀀'.repeat(30), '👨‍👩‍👧'.repeat(8), '12345', '——', 'Tab\there'];
  it.each(nasty.flatMap((text) => (['thing', 'phrase'] as const).map((type) => [type, JSON.stringify(text), text] as const)))('%s from %s', (type, _label, text) => {
    expect(checkFieldValue(type, fitValue(type, text))).toBeUndefined();
  });
});

describe('what each notice says', () => {
  it("a rejection carries the committee's reason; without one it says so", () => {
    expect(noticeValues(notice('signupRejected', { reason: '本次仅限1号楼居民' }))).toMatchObject({ result: '未通过', reason: '本次仅限1号楼居民' });
    expect(noticeValues(notice('signupRejected')).reason).toBe('未说明原因');
  });

  it.each(NOTICE_KINDS.map((k) => [k]))('a %s message fills every configured key, each within its field rule', (kind) => {
    const template: SubscriptionTemplate = TEMPLATES[kind];
    const data = templateData(template, notice(kind, { reason: '因台风预警，活动取消，改期另行通知，请大家注意安全', activity: { ...notice(kind).activity, title: LONG_TITLE } }));
    const keys = Object.values(template.fields).map((f) => f?.key);
    expect(Object.keys(data).sort()).toEqual([...keys].sort());
    for (const field of Object.values(template.fields)) {
      if (field) expect(checkFieldValue(field.type, data[field.key].value)).toBeUndefined();
    }
  });
});

describe('the template configuration (config/subscription-templates.json)', () => {
  it('maps each notice kind (five about activities, three about bookings) to its own template', () => {
    expect(
      Object.keys(TEMPLATES)
        .filter((k) => k !== '$comment')
        .sort(),
    ).toEqual([...NOTICE_KINDS].sort());
    expect(new Set(NOTICE_KINDS.map((k) => TEMPLATES[k].id)).size).toBe(NOTICE_KINDS.length);
    expect(TEMPLATES.signupRejected.fields.reason).toEqual({ key: expect.stringMatching(/^thing\d+$/), type: 'thing' });
  });

  const broken = (change: (c: any) => void) => {
    const copy = JSON.parse(JSON.stringify(configured));
    change(copy);
    return subscriptionTemplatesSchema.safeParse(copy).success;
  };

  it('is refused when two kinds share a template id (WeChat counts consents per template)', () => {
    expect(
      broken((c) => {
        c.promoted.id = c.signupApproved.id;
      }),
    ).toBe(false);
  });

  it('is refused when a key does not match its type, e.g. thing1 declared as phrase', () => {
    expect(
      broken((c) => {
        c.signupApproved.fields.activity = { key: 'thing1', type: 'phrase' };
      }),
    ).toBe(false);
  });

  it('is refused when a text is mapped to a time field, or the time to a thing', () => {
    expect(
      broken((c) => {
        c.promoted.fields.place = { key: 'time9', type: 'time' };
      }),
    ).toBe(false);
    expect(
      broken((c) => {
        c.promoted.fields.time = { key: 'thing9', type: 'thing' };
      }),
    ).toBe(false);
  });

  it('is refused with a field of a meaning no notice has, or a kind missing', () => {
    expect(
      broken((c) => {
        c.promoted.fields.phone = { key: 'thing9', type: 'thing' };
      }),
    ).toBe(false);
    expect(
      broken((c) => {
        delete c.activityReminder;
      }),
    ).toBe(false);
  });
});
