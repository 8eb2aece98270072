/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 扫码核销 in the provider subpackage (packageProvider), in miniprogram-simulate against the
 * emulator running the real functions on the seeded demo neighbourhood: the health centre's
 * provider picks one of its services, scans a resident's real booking code and sees the outcome.
 * Only wx.scanCode (the camera) is stubbed. Every setData stays within the budget.
 */
import { call } from '../helpers/app';
import { addSlot } from '../functions/service-fixtures';
import { timeRange } from '../../miniprogram/pages/activity-detail/view';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimPage, tap } from './simulate';
import { element, screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const REDEEM = 'packageProvider/pages/redeem/redeem';
const PROVIDER = 'demo-provider-1';

const phone = pageTestSetup();

function open(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open(REDEEM, openid, { wx });
}

/** The camera, showing whatever `scanned.text` holds when 扫码核销 is tapped. */
function camera() {
  const scanned = { text: '' };
  const scanCode = jest.fn((o: { success(res: { result: string }): void }) => o.success({ result: scanned.text }));
  return { scanned, scanCode };
}

/** A resident books 血压血糖测量 (open to everyone) in a slot half an hour from now unless told, through the API. */
async function residentBooks(openid: string, fromNow = 30 * 60_000): Promise<any> {
  const menu = await call(phone.emulator, openid, 'service', 'catalogue', {});
  const item = menu.data.items.find((i: any) => i.id === 'demo-item-blood-pressure');
  const slotId = await addSlot(phone.emulator, item, { fromNow });
  const booked = await call(phone.emulator, openid, 'service', 'book', { slotId });
  expect(booked).toMatchObject({ ok: true, data: { status: 'booked', code: expect.any(String) } });
  return booked.data;
}

const items = (page: SimPage) => page.querySelectorAll('.redeem__item');
const chooseItem = (page: SimPage, name: string) => {
  const item = items(page).find((i) => (i.dom?.textContent ?? '').includes(name));
  if (!item) throw new Error(`no service ${name} on screen`);
  item.dispatchEvent('tap');
};

test("the provider scans a resident's booking: 核销成功 with the booking; scanning it again says it was already used", async () => {
  const booking = await residentBooks('demo-resident-1');
  const { scanned, scanCode } = camera();
  const page = open(PROVIDER, { scanCode });
  expect(screen(page)).toContain('加载中');
  await settled();

  // The health centre's own services to choose from.
  expect(items(page).map((i) => i.dom?.textContent ?? '')).toEqual(expect.arrayContaining([expect.stringContaining('中医把脉'), expect.stringContaining('血压血糖测量')]));
  expect(items(page)).toHaveLength(2);
  tapOn(page, '.redeem__scan');
  await settled();
  expect(screen(page)).toContain('请先选择要核销的服务');
  expect(scanCode).not.toHaveBeenCalled();

  chooseItem(page, '血压血糖测量');
  scanned.text = booking.code;
  tapOn(page, '.redeem__scan');
  await settled();

  expect(scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true, scanType: ['qrCode'] }));
  expect(element(page, '.redeem__result-title').dom?.textContent).toBe('核销成功');
  expect(element(page, '.redeem__booking-item').dom?.textContent).toBe('血压血糖测量');
  expect(element(page, '.redeem__booking-time').dom?.textContent).toBe(timeRange(booking.startAt, booking.endAt));
  const mine = await call(phone.emulator, 'demo-resident-1', 'service', 'mine', {});
  expect(mine.data.items.find((b: any) => b.id === booking.id)).toMatchObject({ status: 'completed' });

  // The same code again, from the result screen.
  tapOn(page, '.redeem__again');
  await settled();
  expect(element(page, '.redeem__result-title').dom?.textContent).toBe('这个预约码已经用过了');
  expect(screen(page)).toContain('这个预约码已经核销过了');
  expect(page.querySelector('.redeem__booking')).toBeUndefined();

  // 返回 goes back to the choice, still on the same service.
  tapOn(page, '.redeem__back');
  await settled();
  expect(element(page, '.redeem__item--on').dom?.textContent).toContain('血压血糖测量');
});

test('each wrong code says what is wrong in plain words', async () => {
  const other = await residentBooks('demo-resident-2');
  // Five hours ahead: still before the 2-hour cancel cutoff.
  const cancelled = await residentBooks('demo-resident-3', 5 * 3600_000);
  expect(await call(phone.emulator, 'demo-resident-3', 'service', 'cancel', { bookingId: cancelled.id })).toMatchObject({ ok: true });
  const { mintBookingCode } = await import('../../server/booking-code');
  const { DEV_CHECKIN_SECRET } = await import('../../server/checkin-token');

  const { scanned, scanCode } = camera();
  const page = open(PROVIDER, { scanCode });
  await settled();

  const forged = other.code.slice(0, 12) + (other.code[12] === 'A' ? 'B' : 'A') + other.code.slice(13);
  // [the service at the counter, what the camera sees, the heading, the words under it]
  const cases: [string, string, string, string][] = [
    ['中医把脉', other.code, '不是本服务的预约', '这是“血压血糖测量”的预约码，不是本服务的'],
    ['血压血糖测量', mintBookingCode(cancelled.id, DEV_CHECKIN_SECRET), '这个预约不能核销', '这个预约已取消，不能核销'],
    ['血压血糖测量', forged, '预约码无效', '预约码无效，请让居民打开“我的预约”重新出示'],
    ['血压血糖测量', 'https://example.com/not-a-booking', '这不是预约码', '请扫描居民在“我的预约”里出示的预约二维码。'],
  ];
  for (const [service, code, title, detail] of cases) {
    chooseItem(page, service);
    scanned.text = code;
    tapOn(page, '.redeem__scan');
    await settled();
    expect(element(page, '.redeem__result-title').dom?.textContent).toBe(title);
    expect(element(page, '.redeem__result-detail').dom?.textContent).toBe(detail);
    tapOn(page, '.redeem__back');
    await settled();
  }
  // None of them completed anything.
  const stillBooked = await call(phone.emulator, 'demo-resident-2', 'service', 'mine', {});
  expect(stillBooked.data.items.find((b: any) => b.id === other.id)).toMatchObject({ status: 'booked' });
});

test('a resident opening the redeem page sees it is for providers only', async () => {
  const { scanCode } = camera();
  const page = open('demo-resident-4', { scanCode });
  await settled();
  expect(element(page, '.redeem__denied-title').dom?.textContent).toBe('仅限服务提供方使用');
  expect(page.querySelector('.redeem__scan')).toBeUndefined();
  expect(items(page)).toHaveLength(0);
});

test('without the network the page says why, and 重试 loads the services', async () => {
  let reachable = false;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail timeout' }));
  const page = open(PROVIDER, { request });
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');
  reachable = true;
  tap(element(page, '.redeem__retry'));
  await settled();
  expect(items(page)).toHaveLength(2);
});
