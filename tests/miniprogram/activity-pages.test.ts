/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The activity pages (活动详情, 我的活动, the list's tap through) in miniprogram-simulate, in local
 * mode against the emulator running the real functions on the seeded demo neighbourhood: a resident
 * signs up through the form the activity asks for and the committee approves (the volunteer's scan
 * on the day: activity-scan.test.ts). Every setData stays within the budget (checked after each test).
 */
import { TEMPLATES } from '../../server/subscription-templates';
import { call } from '../helpers/app';
import { activityFields } from '../functions/activity-fixtures';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimPage } from './simulate';
import { settled, screen, element, tapOn, typeInto } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const openDetail = (id: string, openid: string, wx: Record<string, unknown> = {}) => phone.open('pages/activity-detail/activity-detail', openid, { query: { id }, wx });

/** The committee publishes a tea party that needs its approval and asks for a phone, companions and a note. */
async function teaParty(title: string): Promise<string> {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', {
    communityId: 'demo-community',
    fields: activityFields({
      title,
      series: 'wellness',
      place: { text: '居民区活动室' },
      capacity: 20,
      approval: 'committee',
      form: { phone: 'required', companionsMax: 2, note: 'optional', noteLabel: '饮食禁忌' },
    }),
  });
  expect(created).toMatchObject({ ok: true });
  return created.data.id;
}

test('the list taps through to the activity', async () => {
  const id = await teaParty('重阳节茶话会');
  const navigateTo = jest.fn();
  const page = phone.open('pages/activity/activity', 'demo-resident-1', { wx: { navigateTo } });
  await settled();

  const index = page.querySelectorAll('.list-page__row').findIndex((row) => row.data.title === '重阳节茶话会');
  expect(index).toBeGreaterThanOrEqual(0);
  page.querySelectorAll('.list-page__item')[index].dispatchEvent('tap');
  await settled();

  expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/activity-detail/activity-detail?id=${id}` });
});

test('a subscription message opening the tab with ?id= goes on to that activity', async () => {
  const id = await teaParty('敬老理发日');
  const navigateTo = jest.fn();
  phone.open('pages/activity/activity', 'demo-resident-1', { query: { id }, wx: { navigateTo } });
  await settled();
  expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/activity-detail/activity-detail?id=${id}` });
});

test('a resident signs up through the form, sees 待审核, and after the committee approves sees 已通过', async () => {
  const id = await teaParty('冬至包饺子');
  const page = openDetail(id, 'demo-resident-3');
  expect(screen(page)).toContain('加载中');
  await settled();

  expect(screen(page)).toContain('冬至包饺子');
  expect(screen(page)).toContain('康养友邻');
  expect(screen(page)).toContain('居民区活动室');
  expect(screen(page)).toContain('剩余 20 个名额');
  expect(screen(page)).toContain('报名后由居委会审核');
  expect(screen(page)).toContain('饮食禁忌');

  // The phone is required: the form says so before anything is sent.
  tapOn(page, '.detail__submit');
  await settled();
  expect(screen(page)).toContain('请填写手机号');

  typeInto(page, '.detail__phone', '13800001234');
  element(page, '.detail__companions').dispatchEvent('change', { detail: { value: 1 } });
  typeInto(page, '.detail__note', '不吃香菜');
  tapOn(page, '.detail__submit');
  await settled();

  expect(element(page, '.detail__status').dom?.textContent).toBe('待审核');
  expect(page.querySelector('.detail__form')).toBeUndefined();
  expect(page.querySelector('.detail__cancel')).toBeDefined();

  const roster = await call(phone.emulator, 'demo-committee', 'activity', 'roster', { activityId: id });
  const entry = roster.data.items.find((e: any) => e.signup.openid === 'demo-resident-3');
  expect(entry).toMatchObject({ answers: { companions: 1, note: '不吃香菜' }, signup: { seats: 2 } });
  const reviewed = await call(phone.emulator, 'demo-committee', 'activity', 'review', { activityId: id, signupIds: [entry.signup.id], decision: 'approve' });
  expect(reviewed).toMatchObject({ ok: true });

  const again = openDetail(id, 'demo-resident-3');
  await settled();
  expect(element(again, '.detail__status').dom?.textContent).toBe('已通过');
  expect(screen(again)).toContain('剩余 18 个名额');
});

test('确认报名 asks for the three signup notices; once the committee approves, the activity timer sends them one 报名结果 message', async () => {
  const id = await teaParty('秋季健康讲座');
  const ids = (['signupApproved', 'signupRejected', 'promoted'] as const).map((k) => TEMPLATES[k].id);
  const sent: string[] = [];
  // Asked within the tap itself: before the page marked itself submitting (its first await follows) or sent anything.
  const requestSubscribeMessage = jest.fn((o: { tmplIds: string[]; success(res: Record<string, string>): void }) => {
    sent.push(page.data.submitting ? 'ask (late)' : 'ask');
    o.success({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((t) => [t, 'accept'])) });
  });
  const request = (options: WxRequestOptions) => {
    sent.push(options.url.endsWith('/emulator/consents') ? 'emulator consents' : (options.data as { action: string }).action);
    wxRequestOverHttp(options);
  };
  const page: SimPage = openDetail(id, 'demo-resident-9', { requestSubscribeMessage, request });
  await settled();
  typeInto(page, '.detail__phone', '13800009999');
  sent.length = 0;
  tapOn(page, '.detail__submit');
  await settled();
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(ids);
  expect(sent[0]).toBe('ask');
  expect(new Set(sent.slice(1, 3))).toEqual(new Set(['recordConsents', 'emulator consents']));
  expect(sent.slice(3)).toEqual(['signup']);
  expect(element(page, '.detail__status').dom?.textContent).toBe('待审核');

  const roster = await call(phone.emulator, 'demo-committee', 'activity', 'roster', { activityId: id });
  const entry = roster.data.items.find((e: any) => e.signup.openid === 'demo-resident-9');
  expect(await call(phone.emulator, 'demo-committee', 'activity', 'review', { activityId: id, signupIds: [entry.signup.id], decision: 'approve' })).toMatchObject({ ok: true });
  // The approval wrote its message due; the activity timer sends it.
  await phone.emulator.host.fireTimer('activity', 'tellReviewed');

  const toResident = phone.emulator.openApi.outbox().filter((m) => m.touser === 'demo-resident-9');
  expect(toResident).toEqual([expect.objectContaining({ templateId: TEMPLATES.signupApproved.id, page: `pages/activity/activity?id=${id}` })]);
});

test('when the answer to 确认报名 is lost, tapping again sends the same key and signs up once', async () => {
  const id = await teaParty('亲子绘本会');
  const keys: string[] = [];
  let loseNextAnswer = false;
  // The signup reaches the emulator, but the phone never hears back.
  const request = (options: WxRequestOptions) => {
    const event = options.data as { action: string; idempotencyKey?: string };
    if (event.action === 'signup') keys.push(event.idempotencyKey ?? '');
    if (!loseNextAnswer) return wxRequestOverHttp(options);
    loseNextAnswer = false;
    wxRequestOverHttp({ ...options, success: () => options.fail?.({ errMsg: 'request:fail socket closed' }) });
  };
  const page = openDetail(id, 'demo-resident-8', { request });
  await settled();
  typeInto(page, '.detail__phone', '13800008888');

  loseNextAnswer = true;
  tapOn(page, '.detail__submit');
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');

  tapOn(page, '.detail__submit');
  await settled();
  expect(element(page, '.detail__status').dom?.textContent).toBe('待审核');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(phone.emulator.db.find('signups', { activityId: id, openid: 'demo-resident-8' })).toHaveLength(1);
});

test('the committee turns a signup down: the resident reads why', async () => {
  const id = await teaParty('手工香囊课');
  const signed = await call(phone.emulator, 'demo-resident-4', 'activity', 'signup', { activityId: id, answers: { phone: '13800004321' } });
  await call(phone.emulator, 'demo-committee', 'activity', 'review', { activityId: id, signupIds: [signed.data.id], decision: 'reject', reason: '本次仅限 60 岁以上老人' });

  const page = openDetail(id, 'demo-resident-4');
  await settled();
  expect(element(page, '.detail__status').dom?.textContent).toBe('未通过：本次仅限 60 岁以上老人');
  expect(page.querySelector('.detail__cancel')).toBeUndefined();
});

test('a resident cancels a live signup before the start', async () => {
  const id = await teaParty('书法体验课');
  await call(phone.emulator, 'demo-resident-5', 'activity', 'signup', { activityId: id, answers: { phone: '13800005555' } });
  const page = openDetail(id, 'demo-resident-5', { showModal: (o: { success(res: { confirm: boolean }): void }) => o.success({ confirm: true }) });
  await settled();

  tapOn(page, '.detail__cancel');
  await settled();
  expect(element(page, '.detail__status').dom?.textContent).toBe('已取消');
  expect(screen(page)).toContain('已取消报名');
});

test('my-activities lists my signups with their state and next step', async () => {
  const id = await teaParty('社区合唱排练');
  await call(phone.emulator, 'demo-resident-6', 'activity', 'signup', { activityId: id, answers: { phone: '13800006666' } });
  const navigateTo = jest.fn();
  const page = phone.open('pages/my-activities/my-activities', 'demo-resident-6', { wx: { navigateTo } });
  await settled();

  const row = element(page, '.mine__row');
  expect(row.dom?.textContent).toContain('社区合唱排练');
  expect(element(page, '.mine__status').dom?.textContent).toBe('待审核');
  expect(element(page, '.mine__next').dom?.textContent).toContain('等待居委会审核');

  row.dispatchEvent('tap');
  await settled();
  expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/activity-detail/activity-detail?id=${id}` });
});

test('我的 links to 我的活动', async () => {
  const page = phone.open('pages/me/me', 'demo-resident-1');
  await settled();
  expect(element(page, '.me__link--activities').dom?.textContent).toBe('我的活动');
  expect(element(page, '.me__link--hours').dom?.textContent).toBe('我的时长与积分');
});
