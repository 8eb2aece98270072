/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 附近服务点 in miniprogram-simulate, in local mode against the emulator running the real functions
 * on the seeded demo neighbourhood. The location is asked only after the privacy agreement and a tap
 * on 使用我的位置; with it the points come nearest first ("350 米", "1.2 公里"); without it (privacy
 * declined, location refused) by name, in pinyin order, with a note that says why. A point opens
 * its services and the map. Every setData stays within the budget (checked after each test).
 */
import { okCall } from '../functions/neighbourhood';
import { COMMITTEE, itemFields } from '../functions/service-fixtures';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimComponent, SimPage, tap } from './simulate';
import { element, screen, settled, tapOn } from './screen';
import { privacyAgreed } from './privacy-dialog';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

/** Where the resident stands in the stories with a location (away from the demo health centre). */
const HERE = { longitude: 121.4, latitude: 31.25 };

beforeAll(async () => {
  // Two more points with a service each: 阳光 (yang) about 350 m north of HERE (0.003144° of latitude on the
  // cloud's 6378.1 km Earth, domain/earth.ts), 爱心 (ai) about 1.2 km.
  const add = async (name: string, dLat: number, service: string) => {
    const point = await okCall(phone.emulator, COMMITTEE, 'service', 'createPoint', {
      communityId: 'demo-community',
      fields: { name, address: `${name}门口`, openingHours: '每天 09:00–17:00', location: { type: 'Point', coordinates: [HERE.longitude, HERE.latitude + dLat] } },
    });
    await okCall(phone.emulator, COMMITTEE, 'service', 'createItem', { communityId: 'demo-community', fields: itemFields(point.id, { name: service, series: 'community' }) });
    return point;
  };
  await add('阳光服务站', 0.003144, '上门修理');
  await add('爱心服务站', 0.0108, '代买代送');
});

function openNearby(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('pages/nearby/nearby', openid, { wx });
}

const text = (c: SimComponent | undefined) => c?.dom?.textContent ?? '';
const names = (page: SimPage) => page.querySelectorAll('.nearby__name').map(text);
const note = (page: SimPage) => text(element(page, '.nearby__note'));

test('with the privacy agreement and the location, the points come nearest first with their distance; a point opens its services and the map', async () => {
  const getLocation = jest.fn((o: { type: string; success(res: typeof HERE): void }) => o.success(HERE));
  const navigateTo = jest.fn();
  const openLocation = jest.fn();
  const page = openNearby('demo-resident-1', { ...privacyAgreed, getLocation, navigateTo, openLocation });
  await settled();

  // Nothing is asked before the tap.
  expect(getLocation).not.toHaveBeenCalled();
  expect(note(page)).toBe('服务点按名称排列。点“使用我的位置”，可以按离你的远近排列。');

  tapOn(page, '.nearby__locate');
  await settled();
  expect(getLocation).toHaveBeenCalledTimes(1);
  expect(getLocation.mock.calls[0][0].type).toBe('gcj02');
  expect(names(page)).toEqual(['阳光服务站', '爱心服务站']);
  expect(page.querySelectorAll('.nearby__distance').map(text)).toEqual(['350 米', '1.2 公里']);
  expect(note(page)).toBe('按离你的远近排列（步行距离以直线估算）。');

  page.querySelectorAll('.nearby__row')[1].dispatchEvent('tap');
  await settled();
  expect(page.querySelectorAll('.nearby__item-title').map(text)).toEqual(['代买代送']);
  tapOn(page, '.nearby__item');
  await settled();
  expect(navigateTo).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/pages\/service-item\/service-item\?id=.+/) });

  page.querySelectorAll('.nearby__map')[0].dispatchEvent('tap');
  await settled();
  expect(openLocation).toHaveBeenCalledWith(expect.objectContaining({ name: '阳光服务站', address: '阳光服务站门口', longitude: HERE.longitude, latitude: HERE.latitude + 0.003144 }));
});

test('a resident who declines the privacy agreement is never located: the points stay by name, and the page says why', async () => {
  const getLocation = jest.fn();
  const page = openNearby('demo-resident-2', {
    getPrivacySetting: ({ success }: any) => success({ needAuthorization: true, privacyContractName: '《友邻圈隐私保护指引》' }),
    getLocation,
  });
  await settled();
  // By pinyin: ai, yang, you (by character code 友 would come first).
  expect(names(page)).toEqual(['爱心服务站', '阳光服务站', '友邻社区卫生服务中心']);
  expect(page.querySelector('.nearby__distance')).toBeUndefined();

  tapOn(page, '.nearby__locate');
  await settled();
  const dialog = element(page, '#privacy-dialog');
  expect(text(dialog)).toContain('《友邻圈隐私保护指引》');
  tapOn(dialog, '.privacy-dialog__decline');
  await settled();

  expect(getLocation).not.toHaveBeenCalled();
  expect(note(page)).toBe('你没有同意隐私保护指引，所以没有使用你的位置，服务点按名称排列。');
  expect(names(page)).toEqual(['爱心服务站', '阳光服务站', '友邻社区卫生服务中心']);

  // A point still opens its services by name.
  page.querySelectorAll('.nearby__row')[2].dispatchEvent('tap');
  await settled();
  expect(page.querySelectorAll('.nearby__item-title').map(text)).toEqual(expect.arrayContaining(['中医把脉', '血压血糖测量']));
  expect(page.querySelector('.nearby__map')).toBeUndefined();
});

test('when WeChat gives no location (refused or failed), the points stay by name and the page says so', async () => {
  const getLocation = jest.fn((o: { fail(err: { errMsg: string }): void }) => o.fail({ errMsg: 'getLocation:fail auth deny' }));
  const page = openNearby('demo-resident-3', { ...privacyAgreed, getLocation });
  await settled();
  tapOn(page, '.nearby__locate');
  await settled();

  expect(getLocation).toHaveBeenCalledTimes(1);
  expect(note(page)).toBe('没有拿到你的位置（可能没有允许小程序使用位置，或定位失败），服务点按名称排列。');
  expect(names(page)).toEqual(['爱心服务站', '阳光服务站', '友邻社区卫生服务中心']);
});

test('far from every point, the page says none is near and keeps them by name', async () => {
  const getLocation = (o: { success(res: typeof HERE): void }) => o.success({ longitude: 121.9, latitude: 30.9 });
  const page = openNearby('demo-resident-4', { ...privacyAgreed, getLocation });
  await settled();
  tapOn(page, '.nearby__locate');
  await settled();
  expect(note(page)).toBe('你附近 3 公里内没有服务点，以下按名称排列。');
  expect(names(page)).toEqual(['爱心服务站', '阳光服务站', '友邻社区卫生服务中心']);
});

test('without the network the page says so; 重试 loads the points once it is back', async () => {
  let reachable = false;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }));
  const page = openNearby('demo-resident-5', { ...privacyAgreed, request });
  await settled();
  expect(text(element(page, '.nearby__error'))).toBe('网络不给力，请稍后重试');
  expect(screen(page)).toContain('重试');

  reachable = true;
  tap(element(page, '.nearby__retry'));
  await settled();
  expect(page.querySelector('.nearby__retry')).toBeUndefined();
  expect(names(page)).toEqual(['爱心服务站', '阳光服务站', '友邻社区卫生服务中心']);
});
