/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 服务详情 in miniprogram-simulate, in local mode against the emulator running the real functions on
 * the seeded demo neighbourhood: a resident picks a slot by day and books the last place, shows the
 * QR, the provider redeems it, and the resident rates the service in 我的预约; refusals in the
 * server's own words; lost answers; 加载更多时段; a network failure or a service that is not there.
 * Every setData stays within the budget (checked after each test).
 */
import QRCode from 'qrcode';
import { TEMPLATES } from '../../server/subscription-templates';
import { QrDrawing } from '../../miniprogram/utils/qr/qr';
import { call } from '../helpers/app';
import { okCall } from '../functions/neighbourhood';
import { COMMITTEE, HOUR, PROVIDER, addSlot, bookingDocs } from '../functions/service-fixtures';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimComponent, SimPage, tap } from './simulate';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { servicePagesSetup, text, texts } from './service-pages';

const { phone, openItem, openMine, newService } = servicePagesSetup();

/** What the qr-code component paints, on a stand-in canvas (simulate has none). */
function painted(qr: SimComponent): QrDrawing {
  const ctx = { fillStyle: '', scale: () => {}, fillRect: () => {} };
  return qr.instance.paint({ width: 0, height: 0, getContext: () => ctx }, 2);
}

/**
 * Reads the painted symbol back module by module and checks it is what an independent encoder (the
 * `qrcode` package, same version and level, one of its eight masks) makes of `content`: the way
 * tests/miniprogram/qr.test.ts stands in for a scanner.
 */
function decodesTo(d: QrDrawing, content: string): boolean {
  const dark = Array.from({ length: d.size }, () => new Array<boolean>(d.size).fill(false));
  for (const r of d.rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) dark[y][x] = true;
  const left = Math.min(...d.rects.map((r) => r.x));
  const right = Math.max(...d.rects.map((r) => r.x + r.w));
  const n = (right - left) / d.cell;
  const modules = Array.from({ length: n }, (_, row) => Array.from({ length: n }, (_, col) => dark[left + row * d.cell][left + col * d.cell]));
  const version = (n - 17) / 4;
  return [0, 1, 2, 3, 4, 5, 6, 7].some((maskPattern) => {
    const other = QRCode.create([{ data: Buffer.from(content, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', version, maskPattern: maskPattern as any });
    const size = other.modules.size;
    const expected = Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => other.modules.data[r * size + c] === 1));
    return JSON.stringify(expected) === JSON.stringify(modules);
  });
}

/** "11月24日 周二" in Shanghai. */
function shanghaiDay(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * HOUR);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 周${'日一二三四五六'[t.getUTCDay()]}`;
}

test('a resident books the last place of a slot and sees 已预约 with its QR; the provider redeems it; 我的预约 shows 已完成 and the resident gives 5 stars', async () => {
  const item = await newService('艾灸理疗');
  const slotId = await addSlot(phone.emulator, item, { capacity: 2, fromNow: 48 * HOUR });
  await okCall(phone.emulator, 'demo-resident-11', 'service', 'book', { slotId });

  const sent: string[] = [];
  // Asked within the tap itself: before the page marked itself booking (its first await follows) or sent anything.
  const requestSubscribeMessage = jest.fn((o: { tmplIds: string[]; success(res: Record<string, string>): void }) => {
    sent.push(page.data.booking ? 'ask (late)' : 'ask');
    o.success({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((t) => [t, 'accept'])) });
  });
  const request = (options: WxRequestOptions) => {
    sent.push(options.url.endsWith('/emulator/consents') ? 'emulator consents' : (options.data as { action: string }).action);
    wxRequestOverHttp(options);
  };
  const page: SimPage = openItem(item.id, 'demo-resident-12', { requestSubscribeMessage, request });
  expect(screen(page)).toContain('加载中');
  await settled();

  expect(text(element(page, '.item__title'))).toBe('艾灸理疗');
  expect(text(element(page, '.item__eligibility'))).toBe('所有居民都可以预约');
  expect(text(element(page, '.item__cutoff'))).toBe('服务开始前 2 小时以前可以取消预约');
  expect(text(element(page, '.item__place'))).toBe('友邻社区卫生服务中心（友邻路 88 号一楼）');
  expect(text(element(page, '.item__provider'))).toContain('友邻社区卫生服务中心');
  expect(text(element(page, '.item__rating'))).toBe('暂无评价');
  expect(texts(page, '.item__slot')).toEqual([expect.stringContaining('剩 1 个名额')]);
  expect(text(element(page, '.item__book'))).toBe('请先选择时段');

  tapOn(page, '.item__slot');
  await settled();
  expect(page.querySelector('.item__slot--on')).toBeDefined();
  sent.length = 0;
  tapOn(page, '.item__book');
  await settled();

  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual([TEMPLATES.bookingConfirmed.id, TEMPLATES.bookingReminder.id, TEMPLATES.bookingCancelled.id]);
  expect(sent[0]).toBe('ask');
  expect(new Set(sent.slice(1, 3))).toEqual(new Set(['recordConsents', 'emulator consents']));
  expect(sent[3]).toBe('book');

  expect(text(element(page, '.item__status'))).toBe('已预约');
  expect(text(element(page, '.item__message'))).toBe('预约成功，请按时到服务点出示预约码');
  const [booking] = bookingDocs(phone.emulator, { itemId: item.id, openid: 'demo-resident-12' });
  // The service's timer sends the 预约成功 message within the minute.
  await phone.emulator.host.fireTimer('service', 'confirmBookings');
  const mine = await okCall(phone.emulator, 'demo-resident-12', 'service', 'mine', {});
  const code = mine.items.find((b: any) => b.id === booking._id).code;
  const qr = element(page, '.item__qr');
  expect(qr.data.text).toBe(code);
  expect(decodesTo(painted(qr), code)).toBe(true);
  expect(decodesTo(painted(qr), booking._id)).toBe(false);

  // That was the last place: the slot is greyed out and cannot be picked.
  expect(texts(page, '.item__slot')).toEqual([expect.stringContaining('已约满')]);
  expect(page.querySelector('.item__slot--full')).toBeDefined();
  tapOn(page, '.item__slot');
  await settled();
  expect(page.querySelector('.item__slot--on')).toBeUndefined();

  // At the health centre the doctor scans the QR.
  const redeemed = await call(phone.emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: qr.data.text });
  expect(redeemed).toMatchObject({ ok: true, data: { status: 'completed' } });

  // The 预约成功 message opens 我的预约 on this booking.
  const [message] = phone.emulator.openApi.outbox().filter((m) => m.touser === 'demo-resident-12' && m.templateId === TEMPLATES.bookingConfirmed.id);
  expect(message.page).toBe(`pages/my-bookings/my-bookings?booking=${booking._id}`);
  const bookings = openMine('demo-resident-12', {}, { booking: booking._id });
  await settled();
  expect(text(element(bookings, '.bookings__row--focus .bookings__title'))).toBe('艾灸理疗');
  expect(text(element(bookings, '.bookings__status'))).toBe('已完成');
  expect(bookings.querySelector('.bookings__qr')).toBeUndefined();
  expect(bookings.querySelector('.bookings__cancel')).toBeUndefined();

  // Submitting without stars asks for them first.
  tapOn(bookings, '.bookings__rate-submit');
  await settled();
  expect(text(element(bookings, '.bookings__message'))).toBe('请先点星星打分（1 到 5 星）');

  bookings.querySelectorAll('.bookings__star')[4].dispatchEvent('tap');
  await settled();
  expect(bookings.querySelectorAll('.bookings__star--on')).toHaveLength(5);
  typeInto(bookings, '.bookings__comment', '医生很耐心，手法很好');
  tapOn(bookings, '.bookings__rate-submit');
  await settled();
  expect(text(element(bookings, '.bookings__my-stars'))).toBe('我的评价：★★★★★ 5 星');
  expect(text(element(bookings, '.bookings__my-comment'))).toBe('医生很耐心，手法很好');
  expect(bookings.querySelector('.bookings__rate')).toBeUndefined();
  expect(text(element(bookings, '.bookings__message'))).toBe('谢谢你的评价');

  const after = openItem(item.id, 'demo-resident-13');
  await settled();
  expect(text(element(after, '.item__rating'))).toBe('★ 5.0（1 条评价）');
});

test('a resident under 60 who tries to book 中医把脉 reads why, in plain words', async () => {
  const tcm = await okCall(phone.emulator, 'demo-resident-15', 'service', 'item', { itemId: 'demo-item-tcm' });
  await addSlot(phone.emulator, tcm, { fromNow: 48 * HOUR });
  const page = openItem('demo-item-tcm', 'demo-resident-15');
  await settled();

  expect(text(element(page, '.item__eligibility'))).toBe('60 岁以上的居民可以预约（按“我的”中填写的出生年份）');
  const open = page.querySelectorAll('.item__slot').find((s) => !text(s).includes('已约满'));
  open!.dispatchEvent('tap');
  await settled();
  tapOn(page, '.item__book');
  await settled();

  expect(text(element(page, '.item__message'))).toBe('这项服务面向 60 岁以上的居民，请在“我的”中填写出生年份');
  expect(page.querySelector('.item__status')).toBeUndefined();
  expect(bookingDocs(phone.emulator, { openid: 'demo-resident-15' })).toEqual([]);
});

test('when the answer to 预约 is lost, tapping again sends the same key and books once', async () => {
  const item = await newService('足部护理');
  await addSlot(phone.emulator, item, { fromNow: 48 * HOUR });
  const keys: string[] = [];
  let loseNextAnswer = false;
  // The booking reaches the emulator, but the phone never hears back.
  const request = (options: WxRequestOptions) => {
    const event = options.data as { action: string; idempotencyKey?: string };
    if (event.action === 'book') keys.push(event.idempotencyKey ?? '');
    if (!loseNextAnswer || event.action !== 'book') return wxRequestOverHttp(options);
    loseNextAnswer = false;
    wxRequestOverHttp({ ...options, success: () => options.fail?.({ errMsg: 'request:fail socket closed' }) });
  };
  const page = openItem(item.id, 'demo-resident-14', { request });
  await settled();
  tapOn(page, '.item__slot');

  loseNextAnswer = true;
  tapOn(page, '.item__book');
  await settled();
  expect(text(element(page, '.item__message'))).toBe('网络不给力，请稍后重试');

  tapOn(page, '.item__book');
  await settled();
  expect(text(element(page, '.item__status'))).toBe('已预约');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(bookingDocs(phone.emulator, { itemId: item.id, openid: 'demo-resident-14' })).toHaveLength(1);
});

test('slots come grouped by Shanghai day, a full one greyed out, 20 at a time with 加载更多时段', async () => {
  const item = await newService('康复训练');
  const templates = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ['09:00', '14:00', '16:00'].map((startTime) => ({ weekday, startTime, capacity: 1 })));
  await okCall(phone.emulator, COMMITTEE, 'service', 'setSchedule', { itemId: item.id, templates, weeks: 2 });
  const first = await okCall(phone.emulator, 'demo-resident-16', 'service', 'slots', { itemId: item.id });
  const second = await okCall(phone.emulator, 'demo-resident-16', 'service', 'slots', { itemId: item.id, cursor: first.nextCursor });
  const all = [...first.items, ...second.items];
  await okCall(phone.emulator, 'demo-resident-16', 'service', 'book', { slotId: all[0].id });

  const page = openItem(item.id, 'demo-resident-17');
  await settled();
  const days = (slots: any[]) => [...new Set(slots.map((s) => shanghaiDay(s.startAt)))];
  expect(page.querySelectorAll('.item__slot')).toHaveLength(20);
  expect(texts(page, '.item__day')).toEqual(days(all.slice(0, 20)));
  expect(text(page.querySelectorAll('.item__slot')[0])).toContain('已约满');
  expect(text(page.querySelectorAll('.item__slot')[1])).toContain('剩 1 个名额');

  // The full slot cannot be picked; 预约 waits for a slot.
  tapOn(page, '.item__slot');
  await settled();
  expect(page.querySelector('.item__slot--on')).toBeUndefined();
  expect(text(element(page, '.item__book'))).toBe('请先选择时段');

  tapOn(page, '.item__more');
  await settled();
  expect(page.querySelectorAll('.item__slot')).toHaveLength(Math.min(all.length, 40));
  expect(texts(page, '.item__day')).toEqual(days(all.slice(0, 40)));
});

test('without the network 服务详情 and 我的预约 say so; 重试 loads them once it is back', async () => {
  let reachable = false;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }));

  const detail = openItem('demo-item-blood-pressure', 'demo-resident-20', { request });
  await settled();
  expect(text(element(detail, '.item__error'))).toBe('网络不给力，请稍后重试');
  reachable = true;
  tap(element(detail, '.item__retry'));
  await settled();
  expect(text(element(detail, '.item__title'))).toBe('血压血糖测量');
  expect(detail.querySelector('.item__retry')).toBeUndefined();

  reachable = false;
  const mine = openMine('demo-resident-20', { request });
  await settled();
  expect(text(element(mine, '.bookings__error'))).toBe('网络不给力，请稍后重试');
  reachable = true;
  tap(element(mine, '.bookings__retry'));
  await settled();
  expect(screen(mine)).toContain('还没有预约过服务');
});

test('a service that is not there says so', async () => {
  const page = openItem('no-such-service', 'demo-resident-1');
  await settled();
  expect(text(element(page, '.item__error'))).toBe('没有找到这项服务');
  expect(page.querySelector('.item__book')).toBeUndefined();
});
