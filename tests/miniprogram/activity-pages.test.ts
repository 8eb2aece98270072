/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The activity pages (活动详情, 我的活动, the list's tap through) in miniprogram-simulate, in local
 * mode against the emulator running the real functions on the seeded demo neighbourhood: a resident
 * signs up through the form the activity asks for and the committee approves; a volunteer scans the
 * organiser's code on the day. Every setData stays within the budget (checked after each test).
 */
import { TEMPLATES } from '../../server/subscription-templates';
import { shanghaiDateTime } from '../../miniprogram/utils/time';
import { call } from '../helpers/app';
import { activityFields } from '../functions/activity-fixtures';
import { MINUTE, codeFor, insertActivity, insertSignup } from '../functions/attendance-fixtures';
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

test('确认报名 asks for the three signup notices; once the committee approves, the resident gets one 报名结果 message', async () => {
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

test('a confirmed volunteer on an ongoing activity scans in, then out', async () => {
  const activity = await insertActivity(phone.emulator, { title: '垃圾分类督导' });
  await insertSignup(phone.emulator, activity, 'demo-volunteer-1');
  let token = codeFor(activity);
  const scanCode = jest.fn((o: { success(res: { result: string }): void }) => o.success({ result: token }));
  const page = openDetail(activity._id, 'demo-volunteer-1', { scanCode });
  await settled();

  expect(element(page, '.detail__status').dom?.textContent).toBe('已报名');
  expect(page.querySelector('.detail__form')).toBeUndefined();
  expect(page.querySelector('.detail__scan-out')).toBeUndefined();
  tapOn(page, '.detail__scan-in');
  await settled();

  expect(scanCode).toHaveBeenCalledTimes(1);
  const checkin = await call(phone.emulator, 'demo-volunteer-1', 'activity', 'get', { activityId: activity._id });
  const at = shanghaiDateTime(checkin.data.mySignups[0].checkinAt);
  expect(element(page, '.detail__message').dom?.textContent).toBe(`已签到 ${at}`);
  expect(element(page, '.detail__checkin').dom?.textContent).toBe(`已签到 ${at}`);
  expect(page.querySelector('.detail__scan-in')).toBeUndefined();

  token = codeFor(activity);
  tapOn(page, '.detail__scan-out');
  await settled();
  expect(element(page, '.detail__message').dom?.textContent).toMatch(/^已签退 .*小时志愿时长$/);
});

test('each wrong scan says what went wrong', async () => {
  const activity = await insertActivity(phone.emulator, { title: '樱花节引导' });
  const other = await insertActivity(phone.emulator, { title: '另一场活动' });
  await insertSignup(phone.emulator, activity, 'demo-volunteer-2');
  let scanned = '';
  const page = openDetail(activity._id, 'demo-volunteer-2', { scanCode: (o: { success(res: { result: string }): void }) => o.success({ result: scanned }) });
  await settled();

  const cases: [string, string][] = [
    [codeFor(activity, { issuedAt: new Date(Date.now() - 5 * MINUTE) }), '签到码已过期，请扫描组织者屏幕上最新的二维码'],
    [`${codeFor(activity).slice(0, -4)}AAAA`, '签到码无效，请扫描组织者手机上的签到二维码'],
    [codeFor(other), '这是其他活动的签到码，请确认你扫的是本活动的二维码'],
    ['hello', '这不是签到二维码，请扫描组织者手机上的签到二维码'],
  ];
  for (const [token, message] of cases) {
    scanned = token;
    tapOn(page, '.detail__scan-in');
    await settled();
    expect(element(page, '.detail__message').dom?.textContent).toBe(message);
    expect(page.querySelector('.detail__checkin')).toBeUndefined();
  }
});

test('a scan from too far away, and one without a signup, are refused with their reasons', async () => {
  const far = await insertActivity(phone.emulator, {
    title: '滨江健步走',
    place: { text: '社区活动中心', location: { type: 'Point', coordinates: [121.3215, 31.2987] }, servicePointId: null },
    checkinRadiusMetres: 200,
  });
  await insertSignup(phone.emulator, far, 'demo-volunteer-3');
  const getLocation = (o: { success(res: { latitude: number; longitude: number }): void }) => o.success({ longitude: 121.332, latitude: 31.2987 });
  const getPrivacySetting = ({ success }: { success(res: unknown): void }) => success({ needAuthorization: false, privacyContractName: '《友邻圈隐私保护指引》' });
  const page = openDetail(far._id, 'demo-volunteer-3', { getPrivacySetting, getLocation, scanCode: (o: { success(res: { result: string }): void }) => o.success({ result: codeFor(far) }) });
  await settled();
  tapOn(page, '.detail__scan-in');
  await settled();
  expect(element(page, '.detail__message').dom?.textContent).toMatch(/^你离活动地点约 \d+ 米，请到现场 200 米内再扫码$/);

  // Without a signup there is no scan button at all; the server would say the same to a stale page.
  const stranger = await call(phone.emulator, 'demo-resident-7', 'activity', 'checkin', { activityId: far._id, token: codeFor(far) });
  expect(stranger).toMatchObject({ ok: false });
  const none = openDetail(far._id, 'demo-resident-7');
  await settled();
  expect(none.querySelector('.detail__scan-in')).toBeUndefined();
});

test('a volunteer who declines the privacy agreement is told why the location scan cannot go on, and no location is read', async () => {
  const far = await insertActivity(phone.emulator, {
    title: '江边净滩',
    place: { text: '江边步道', location: { type: 'Point', coordinates: [121.3215, 31.2987] }, servicePointId: null },
    checkinRadiusMetres: 200,
  });
  await insertSignup(phone.emulator, far, 'demo-volunteer-2');
  const getLocation = jest.fn();
  const scanCode = jest.fn();
  const getPrivacySetting = ({ success }: { success(res: unknown): void }) => success({ needAuthorization: true, privacyContractName: '《友邻圈隐私保护指引》' });
  const page = openDetail(far._id, 'demo-volunteer-2', { getPrivacySetting, getLocation, scanCode });
  await settled();
  tapOn(page, '.detail__scan-in');
  await settled();

  const dialog = element(page, '#privacy-dialog');
  element(dialog, '.privacy-dialog__decline').dispatchEvent('tap');
  await settled();
  expect(element(page, '.detail__message').dom?.textContent).toContain('同意《友邻圈隐私保护指引》后才能使用位置');
  expect(getLocation).not.toHaveBeenCalled();
  expect(scanCode).not.toHaveBeenCalled();
});

test('我的 links to 我的活动', async () => {
  const page = phone.open('pages/me/me', 'demo-resident-1');
  await settled();
  expect(element(page, '.me__link--activities').dom?.textContent).toBe('我的活动');
  expect(element(page, '.me__link--hours').dom?.textContent).toBe('我的时长与积分');
});
