import { Emulator } from '../../emulator/app';
import { checkFieldValue } from '../../emulator/openapi/subscribe-message';
import { readTemplateRegistry } from '../../emulator/subscription-templates';
import { ActivityFields } from '../../domain/activities';
import { NoticeKind, shanghaiMinute } from '../../domain/notifications';
import { TEMPLATES } from '../../server/subscription-templates';
import { call, startApp } from '../helpers/app';
import { activityFields } from './activity-fixtures';
import { COMMUNITY, okCall } from './neighbourhood';

/**
 * Residents hear about their signups by WeChat subscription message: approved, rejected with the
 * reason, promoted from the waitlist, the activity cancelled, and a reminder within the hour before
 * it starts. Each message goes out once, only while a consent the resident gave on the signup tap
 * remains, and always within WeChat's field rules (the emulator's fake answers 47003 otherwise).
 */

const COMMITTEE = 'demo-committee';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LONG_TITLE = '“红色星期六”社区志愿服务暨垃圾分类亲子课堂';
const resident = (n: number) => `demo-resident-${n}`;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

describe('subscription messages about activities', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  /** The signup tap: WeChat asks, the resident accepts, and the page reports the answers to the app. */
  async function subscribe(openid: string, kinds: NoticeKind[]): Promise<void> {
    const res = await fetch(`${emulator.url}/emulator/consents`, {
      method: 'POST',
      body: JSON.stringify({ openid, results: Object.fromEntries(kinds.map((k) => [TEMPLATES[k].id, 'accept'])) }),
    });
    expect(await res.json()).toMatchObject({ errMsg: 'requestSubscribeMessage:ok' });
    await reportToApp(openid, kinds);
  }
  /** Only the report reaches the app (WeChat holds no consent): what a stale or forged report looks like. */
  async function reportToApp(openid: string, kinds: NoticeKind[]): Promise<void> {
    expect(await okCall(emulator, openid, 'user', 'recordConsents', { results: Object.fromEntries(kinds.map((k) => [k, 'accept'])) })).toEqual({ accepted: kinds });
  }

  async function publish(fields: Partial<ActivityFields>): Promise<{ id: string; startAt: string }> {
    const base = activityFields({ title: LONG_TITLE, description: '带孩子一起学垃圾分类。', capacity: 10 });
    return okCall(emulator, COMMITTEE, 'activity', 'create', { communityId: COMMUNITY, fields: { ...base, ...fields } });
  }
  const signUp = async (openid: string, activityId: string) => okCall(emulator, openid, 'activity', 'signup', { activityId, answers: {} });
  /** The committee's decisions are told by the activity timer, which the review wrote them due for. */
  const tellReviewed = async () => expect(await emulator.host.fireTimer('activity', 'tellReviewed')).toMatchObject({ ok: true, result: { ok: true } });

  const messages = (openid: string, kind: NoticeKind) => emulator.openApi.outbox().filter((m) => m.touser === openid && m.templateId === TEMPLATES[kind].id);
  const records = (openid: string, kind: NoticeKind) => emulator.db.find('notifications', { openid, kind });
  const consentsLeft = (openid: string, kind: NoticeKind) => emulator.db.find('subscriptions', { openid, kind })[0]?.remaining ?? 0;

  describe('the committee reviews signups', () => {
    let activity: { id: string; startAt: string };
    beforeAll(async () => {
      activity = await publish({ approval: 'committee' });
    });

    it('an approved resident gets one 活动报名结果通知: the title cut to 20 characters, the start in Shanghai time, and a link to the activity', async () => {
      await subscribe(resident(1), ['signupApproved', 'signupRejected']);
      const signup = await signUp(resident(1), activity.id);
      expect(signup.status).toBe('pending');

      await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: activity.id, signupIds: [signup.id], decision: 'approve' });
      await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: activity.id, signupIds: [signup.id], decision: 'approve' });
      // Nothing is sent inside the call; the timer sends it once however often it fires, at once too.
      expect(messages(resident(1), 'signupApproved')).toEqual([]);
      await Promise.all([tellReviewed(), tellReviewed()]);
      await tellReviewed();

      expect(messages(resident(1), 'signupApproved')).toEqual([
        expect.objectContaining({
          page: `pages/activity/activity?id=${activity.id}`,
          miniprogramState: 'formal',
          lang: 'zh_CN',
          data: {
            thing1: { value: `${[...LONG_TITLE].slice(0, 19).join('')}…` },
            time2: { value: shanghaiMinute(new Date(activity.startAt)) },
            thing3: { value: '居民区活动室' },
            phrase4: { value: '报名成功' },
            thing5: { value: '请准时参加' },
          },
        }),
      ]);
      expect(records(resident(1), 'signupApproved')).toEqual([expect.objectContaining({ activityId: activity.id, status: 'sent', errcode: null, templateId: TEMPLATES.signupApproved.id })]);
      expect(consentsLeft(resident(1), 'signupApproved')).toBe(0);
      expect(messages(resident(1), 'signupRejected')).toEqual([]);
    });

    it('a rejected resident is told the reason, cut to fit', async () => {
      await subscribe(resident(2), ['signupRejected']);
      const signup = await signUp(resident(2), activity.id);
      const reason = '本次活动名额只面向1号楼和2号楼的居民，下次欢迎您再来报名';
      await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: activity.id, signupIds: [signup.id], decision: 'reject', reason });
      await tellReviewed();

      const [message] = messages(resident(2), 'signupRejected');
      expect(messages(resident(2), 'signupRejected')).toHaveLength(1);
      expect(message.data).toMatchObject({ phrase3: { value: '未通过' }, thing4: { value: `${[...reason].slice(0, 19).join('')}…` } });
      expect(records(resident(2), 'signupRejected')).toEqual([expect.objectContaining({ status: 'sent' })]);
    });

    it('without a consent nothing is sent, and that is recorded as no-consent', async () => {
      const signup = await signUp(resident(3), activity.id);
      await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: activity.id, signupIds: [signup.id], decision: 'approve' });
      await tellReviewed();

      expect(messages(resident(3), 'signupApproved')).toEqual([]);
      expect(records(resident(3), 'signupApproved')).toEqual([expect.objectContaining({ activityId: activity.id, status: 'no-consent', errcode: null })]);
    });

    it('a consent the app recorded but WeChat does not hold ends in 43101: recorded as refused, the consent spent, never retried', async () => {
      await reportToApp(resident(4), ['signupApproved']);
      const signup = await signUp(resident(4), activity.id);
      await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: activity.id, signupIds: [signup.id], decision: 'approve' });
      await tellReviewed();

      expect(messages(resident(4), 'signupApproved')).toEqual([]);
      expect(records(resident(4), 'signupApproved')).toEqual([expect.objectContaining({ status: 'refused', errcode: 43101 })]);
      expect(consentsLeft(resident(4), 'signupApproved')).toBe(0);

      // Their next approval finds no consent rather than asking WeChat again.
      const other = await publish({ approval: 'committee' });
      const next = await signUp(resident(4), other.id);
      await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: other.id, signupIds: [next.id], decision: 'approve' });
      await tellReviewed();
      expect(records(resident(4), 'signupApproved').map((r: any) => r.status)).toEqual(['refused', 'no-consent']);
    });

    it('a resident who cancels before the timer runs is not told of the approval, and keeps the consent', async () => {
      await subscribe(resident(20), ['signupApproved']);
      const signup = await signUp(resident(20), activity.id);
      await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: activity.id, signupIds: [signup.id], decision: 'approve' });
      await okCall(emulator, resident(20), 'activity', 'cancel', { signupId: signup.id });
      await tellReviewed();

      expect(messages(resident(20), 'signupApproved')).toEqual([]);
      expect(records(resident(20), 'signupApproved')).toEqual([]);
      expect(consentsLeft(resident(20), 'signupApproved')).toBe(1);
    });

    it('one consent, two approvals at the same moment: exactly one message, the other finds no consent left', async () => {
      // WeChat would allow two; the app counted one, and the app's count decides.
      await fetch(`${emulator.url}/emulator/consents`, { method: 'POST', body: JSON.stringify({ openid: resident(5), results: { [TEMPLATES.signupApproved.id]: 'accept' } }) });
      await subscribe(resident(5), ['signupApproved']);
      const [a, b] = await Promise.all([publish({ approval: 'committee' }), publish({ approval: 'committee' })]);
      const [sa, sb] = await Promise.all([signUp(resident(5), a.id), signUp(resident(5), b.id)]);
      await Promise.all([
        okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: a.id, signupIds: [sa.id], decision: 'approve' }),
        okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: b.id, signupIds: [sb.id], decision: 'approve' }),
      ]);
      await Promise.all([tellReviewed(), tellReviewed()]);

      expect(messages(resident(5), 'signupApproved')).toHaveLength(1);
      expect(
        records(resident(5), 'signupApproved')
          .map((r: any) => r.status)
          .sort(),
      ).toEqual(['no-consent', 'sent']);
    });
  });

  it('a confirmed resident cancels: the first on the waitlist is promoted and gets one 候补成功通知 from the timer; the second waits on, unnotified', async () => {
    const activity = await publish({ capacity: 1 });
    await signUp(resident(6), activity.id);
    await subscribe(resident(7), ['promoted']);
    await subscribe(resident(8), ['promoted']);
    expect((await signUp(resident(7), activity.id)).status).toBe('waitlisted');
    expect((await signUp(resident(8), activity.id)).status).toBe('waitlisted');

    const [mine] = emulator.db.find('signups', { activityId: activity.id, openid: resident(6) });
    await okCall(emulator, resident(6), 'activity', 'cancel', { signupId: mine._id });
    // The cancellation writes the message due; the timer sends it, once however often it fires.
    expect(messages(resident(7), 'promoted')).toEqual([]);
    await Promise.all([emulator.host.fireTimer('activity', 'tellPromoted'), emulator.host.fireTimer('activity', 'tellPromoted')]);
    await emulator.host.fireTimer('activity', 'tellPromoted');

    expect(messages(resident(7), 'promoted')).toEqual([
      expect.objectContaining({ page: `pages/activity/activity?id=${activity.id}`, data: expect.objectContaining({ thing4: { value: '已为你保留名额，请准时参加' } }) }),
    ]);
    expect(messages(resident(8), 'promoted')).toEqual([]);
    expect(consentsLeft(resident(8), 'promoted')).toBe(1);
  });

  it('the committee cancels an activity: everyone still signed up (confirmed, waitlisted) gets one 活动取消通知 with the reason; who cancelled earlier does not', async () => {
    const activity = await publish({ capacity: 1 });
    for (const n of [9, 10, 11]) await subscribe(resident(n), ['activityCancelled']);
    await signUp(resident(9), activity.id);
    await signUp(resident(10), activity.id);
    const gone = await signUp(resident(11), activity.id);
    await okCall(emulator, resident(11), 'activity', 'cancel', { signupId: gone.id });

    await okCall(emulator, COMMITTEE, 'activity', 'cancelActivity', { activityId: activity.id, reason: '台风预警，活动取消' });

    for (const n of [9, 10]) {
      expect(messages(resident(n), 'activityCancelled')).toEqual([
        expect.objectContaining({ data: { thing1: expect.anything(), date2: { value: shanghaiMinute(new Date(activity.startAt)) }, thing3: { value: '台风预警，活动取消' } } }),
      ]);
    }
    expect(messages(resident(11), 'activityCancelled')).toEqual([]);
    expect(records(resident(11), 'activityCancelled')).toEqual([]);
  });

  describe('reminders within the hour before the start', () => {
    let soon: { id: string; startAt: string };
    let later: { id: string };
    beforeAll(async () => {
      soon = await publish({ title: '社区义诊', capacity: 2, startAt: iso(40 * MINUTE), endAt: iso(2 * HOUR), signupClosesAt: iso(30 * MINUTE) });
      later = await publish({ title: '读书会', startAt: iso(3 * HOUR), endAt: iso(4 * HOUR), signupClosesAt: iso(2 * HOUR) });
      for (const n of [12, 13, 14]) {
        // Two accepted consents each: a second reminder would find one, so only the claim can stop it.
        await subscribe(resident(n), ['activityReminder']);
        await subscribe(resident(n), ['activityReminder']);
        await signUp(resident(n), soon.id);
      }
      await signUp(resident(12), later.id);
    });

    it('the timer fires twice, then twice at once: each confirmed resident gets exactly one reminder; the waitlisted and the later activity get none', async () => {
      const first = await emulator.host.fireTimer('activity', 'remindUpcoming');
      expect(first).toMatchObject({ ok: true, result: { ok: true, data: { reminded: 2 } } });
      await emulator.host.fireTimer('activity', 'remindUpcoming');
      await Promise.all([emulator.host.fireTimer('activity', 'remindUpcoming'), emulator.host.fireTimer('activity', 'remindUpcoming')]);

      for (const n of [12, 13]) {
        expect(messages(resident(n), 'activityReminder')).toEqual([
          expect.objectContaining({
            page: `pages/activity/activity?id=${soon.id}`,
            data: { thing1: { value: '社区义诊' }, time2: { value: shanghaiMinute(new Date(soon.startAt)) }, thing3: { value: '居民区活动室' }, thing4: { value: '活动1小时内开始，请准时到场' } },
          }),
        ]);
        expect(consentsLeft(resident(n), 'activityReminder')).toBe(1);
      }
      expect(messages(resident(14), 'activityReminder')).toEqual([]);
      expect(emulator.db.find('signups', { activityId: later.id, openid: resident(12) })[0].remindedAt ?? null).toBeNull();
    });

    it('a reminder costs two database requests a person (claim, consent) plus one read of the signups and one write of the outcomes; a run with nothing due only reads', async () => {
      const again = await publish({ title: '健康讲座', capacity: 5, startAt: iso(50 * MINUTE), endAt: iso(2 * HOUR), signupClosesAt: iso(45 * MINUTE) });
      for (const n of [15, 16, 17]) await signUp(resident(n), again.id);

      // activities due (1) + for each: its confirmed signups (1), then for each newly due person a claim and a consent, and one write of all outcomes.
      const run = await emulator.host.fireTimer('activity', 'remindUpcoming');
      expect(run).toMatchObject({ ok: true, result: { ok: true, data: { activities: 2, reminded: 3 } } });
      expect(run.dbRequests).toBe(1 + 2 + 3 * 2 + 1);
      const idle = await emulator.host.fireTimer('activity', 'remindUpcoming');
      expect(idle.dbRequests).toBe(1 + 2);
      expect(records(resident(15), 'activityReminder')).toEqual([expect.objectContaining({ status: 'no-consent' })]);
    });
  });

  describe('consents reported by the mini-program', () => {
    it('only accept counts; reject, ban and filter add nothing and leave earlier consents alone', async () => {
      await reportToApp(resident(18), ['promoted']);
      const res = await okCall(emulator, resident(18), 'user', 'recordConsents', { results: { promoted: 'reject', activityReminder: 'ban', activityCancelled: 'filter' } });
      expect(res).toEqual({ accepted: [] });
      expect(emulator.db.find('subscriptions', { openid: resident(18) })).toEqual([expect.objectContaining({ kind: 'promoted', remaining: 1 })]);
    });

    it('at most three kinds a report (as WeChat asks at most three templates a tap), none unknown', async () => {
      const four = { signupApproved: 'accept', signupRejected: 'accept', promoted: 'accept', activityReminder: 'accept' };
      expect(await call(emulator, resident(19), 'user', 'recordConsents', { results: four })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '一次记录 1 到 3 个订阅结果' } });
      expect(await call(emulator, resident(19), 'user', 'recordConsents', { results: {} })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(await call(emulator, resident(19), 'user', 'recordConsents', { results: { birthdayGreeting: 'accept' } })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(await call(emulator, resident(19), 'user', 'recordConsents', { results: { promoted: 'yes' } })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(emulator.db.find('subscriptions', { openid: resident(19) })).toEqual([]);
    });
  });

  it('everything in the outbox fits its template as configured, and no send failed (WeChat would have said 47003)', () => {
    const registry = readTemplateRegistry();
    const sent = emulator.openApi.outbox();
    // Approved, rejected, the race's one, promoted, two cancellations, two reminders.
    expect(sent).toHaveLength(8);
    for (const message of sent) {
      const template = registry[message.templateId];
      expect(Object.keys(message.data).sort()).toEqual(Object.keys(template.fields).sort());
      for (const [key, type] of Object.entries(template.fields)) expect(checkFieldValue(type, message.data[key].value)).toBeUndefined();
    }
    expect(emulator.db.find('notifications', { status: 'failed' })).toEqual([]);
  });
});
