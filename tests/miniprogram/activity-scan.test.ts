/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 活动详情 on the day, in miniprogram-simulate against the emulator running the real functions on the
 * seeded demo neighbourhood: a volunteer scans the organiser's code in and out, and each wrong scan
 * (stale, too far, no signup, privacy declined) is refused with its reason. Every setData stays within
 * the budget (checked after each test).
 */
import { shanghaiDateTime } from '../../miniprogram/utils/time';
import { call } from '../helpers/app';
import { MINUTE, codeFor, insertActivity, insertSignup } from '../functions/attendance-fixtures';
import { settled, element, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const openDetail = (id: string, openid: string, wx: Record<string, unknown> = {}) => phone.open('pages/activity-detail/activity-detail', openid, { query: { id }, wx });

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
