/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 服务 (the tab) in miniprogram-simulate, in local mode against the emulator running the real
 * functions on the seeded demo neighbourhood: the five 友邻 series as a menu, each service with its
 * provider, rating, place and duration; 加载更多; taps through to a service, 附近服务点 and 我的预约.
 * Every setData stays within the budget (checked after each test).
 */
import { okCall } from '../functions/neighbourhood';
import { COMMITTEE, PROVIDER, addSlot, itemFields } from '../functions/service-fixtures';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimPage, tap } from './simulate';
import { element, screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

function openMenu(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('pages/service/service', openid, { wx });
}

/** Taps the series (or 全部) in the menu by its name. */
async function pickSeries(page: SimPage, name: string): Promise<void> {
  const tab = page.querySelectorAll('.service__tab').find((t) => t.dom?.textContent === name);
  if (!tab) throw new Error(`no series ${name} in the menu`);
  tab.dispatchEvent('tap');
  await settled();
}

/** Each service on screen as the text of its row. */
const rows = (page: SimPage) => page.querySelectorAll('.service__item').map((r) => r.dom?.textContent ?? '');
const rowOf = (page: SimPage, name: string) => rows(page).find((text) => text.includes(name)) ?? '';

test('a resident filters 康养友邻 and sees the TCM service with its provider, rating, place and duration; once rated, its stars', async () => {
  const page = openMenu('demo-resident-1');
  expect(screen(page)).toContain('加载中');
  await settled();

  expect(page.querySelectorAll('.service__tab').map((t) => t.dom?.textContent)).toEqual(['全部', '党群友邻', '社区友邻', '康养友邻', '文化友邻', '文明友邻']);
  await pickSeries(page, '康养友邻');
  expect(element(page, '.service__tab--on').dom?.textContent).toBe('康养友邻');
  const tcm = rowOf(page, '中医把脉');
  // The health centre gives it at its own service point: its name once, then where that is.
  expect(tcm.split('友邻社区卫生服务中心')).toHaveLength(2);
  expect(tcm).toContain('友邻路 88 号一楼');
  expect(tcm).toContain('暂无评价');
  expect(tcm).toContain('约 30 分钟');
  expect(tcm).toContain('康养友邻');

  // A neighbour of 60+ is seen, the doctor redeems the code, and the neighbour gives 5 stars.
  const item = await okCall(phone.emulator, 'demo-resident-2', 'service', 'item', { itemId: 'demo-item-tcm' });
  const slotId = await addSlot(phone.emulator, item, { fromNow: 30 * 60_000 });
  const booking = await okCall(phone.emulator, 'demo-resident-2', 'service', 'book', { slotId });
  await okCall(phone.emulator, PROVIDER, 'service', 'redeem', { itemId: 'demo-item-tcm', code: booking.code });
  await okCall(phone.emulator, 'demo-resident-2', 'service', 'rate', { bookingId: booking.id, stars: 5 });

  const again = openMenu('demo-resident-1');
  await settled();
  await pickSeries(again, '康养友邻');
  expect(rowOf(again, '中医把脉')).toContain('★ 5.0（1 条评价）');
  expect(rowOf(again, '血压血糖测量')).toContain('暂无评价');
});

test('a series with no services says so; 全部 shows the whole menu again', async () => {
  const page = openMenu('demo-resident-3');
  await settled();
  await pickSeries(page, '党群友邻');
  expect(rows(page)).toEqual([]);
  expect(screen(page)).toContain('这个系列暂时没有可预约的服务');

  await pickSeries(page, '全部');
  expect(rows(page).length).toBeGreaterThanOrEqual(2);
  expect(rowOf(page, '血压血糖测量')).toContain('友邻社区卫生服务中心');
});

test('a tap on a service opens it; the links open 附近服务点 and 我的预约', async () => {
  const navigateTo = jest.fn();
  const page = openMenu('demo-resident-5', { navigateTo });
  await settled();

  const index = rows(page).findIndex((text) => text.includes('血压血糖测量'));
  page.querySelectorAll('.service__item')[index].dispatchEvent('tap');
  tapOn(page, '.service__nearby');
  tapOn(page, '.service__mine');
  await settled();

  expect(navigateTo.mock.calls.map(([o]) => o.url)).toEqual(['/pages/service-item/service-item?id=demo-item-blood-pressure', '/pages/nearby/nearby', '/pages/my-bookings/my-bookings']);
});

test('each row says when the next session is, who may book, and 预约 opens the service to book it', async () => {
  const navigateTo = jest.fn();
  const page = openMenu('demo-resident-7', { navigateTo });
  await settled();

  // 中医把脉 runs Tuesdays at 09:00 for residents of 60 and over; 血压血糖测量 Thursdays at 14:00 for everyone
  // the next Tuesday / Thursday from today (Shanghai), within the coming week
  const coming = Array.from({ length: 8 }, (_, d) => {
    const t = new Date(Date.now() + 8 * 3600_000 + d * 86_400_000);
    return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
  });
  const dayOf = (row: string) => /下一场 (\d+月\d+日)/.exec(row)?.[1];
  const tcm = rowOf(page, '中医把脉');
  expect(tcm).toMatch(/下一场 \d+月\d+日 周二 09:00/);
  expect(coming).toContain(dayOf(tcm));
  expect(coming).toContain(dayOf(rowOf(page, '血压血糖测量')));
  expect(tcm).toContain('仅限60岁以上');
  expect(rowOf(page, '血压血糖测量')).toMatch(/下一场 \d+月\d+日 周四 14:00/);
  expect(rowOf(page, '血压血糖测量')).toContain('所有居民可约');

  const index = rows(page).findIndex((text) => text.includes('中医把脉'));
  tap(page.querySelectorAll('.service__book')[index]);
  await settled();
  expect(navigateTo.mock.calls.map(([o]) => o.url)).toEqual(['/pages/service-item/service-item?id=demo-item-tcm']);
  // the series row scrolls sideways, with a fade at its edge for the series out of sight
  expect(page.querySelector('.service__series-fade')).toBeDefined();
});

test('without the network the menu says so; 重试 loads it once the network is back', async () => {
  let reachable = false;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }));
  const page = openMenu('demo-resident-6', { request });
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');

  reachable = true;
  tap(element(page, '.list-page__retry'));
  await settled();
  expect(screen(page)).not.toContain('网络不给力');
  expect(rowOf(page, '中医把脉')).toContain('友邻社区卫生服务中心');
});

// Last: its 23 services fill the first page of 全部.
test('a long series loads 20 at a time: 加载更多 brings the rest', async () => {
  for (let i = 1; i <= 23; i++) {
    const name = `书法课 ${String(i).padStart(2, '0')} 班`;
    await okCall(phone.emulator, COMMITTEE, 'service', 'createItem', { communityId: 'demo-community', fields: itemFields('demo-point-health', { name, series: 'culture', durationMinutes: 90 }) });
  }
  const page = openMenu('demo-resident-4');
  await settled();
  await pickSeries(page, '文化友邻');
  expect(rows(page)).toHaveLength(20);
  expect(rows(page)[0]).toContain('约 1 小时 30 分钟');

  tapOn(page, '.service__more');
  await settled();
  expect(rows(page)).toHaveLength(23);
  expect(page.querySelector('.service__more')).toBeUndefined();
});
