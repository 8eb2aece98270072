/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 我的预约 in miniprogram-simulate, in local mode against the emulator running the real functions on
 * the seeded demo neighbourhood: live bookings show their QR and are cancelled before the cut-off
 * after confirming, not after it; a slot the provider cancelled says who and why; 20 at a time with
 * 加载更多. Every setData stays within the budget (checked after each test).
 */
import { okCall } from '../functions/neighbourhood';
import { HOUR, PROVIDER, addSlot, bookingDocs } from '../functions/service-fixtures';
import { element, settled, tapOn } from './screen';
import { servicePagesSetup, text, texts } from './service-pages';

const { phone, openMine, newService } = servicePagesSetup();

test('我的预约: a live booking shows its QR and is cancelled after confirming; past the cut-off it cannot be; a slot the provider cancelled says who and why', async () => {
  const item = await newService('口腔检查');
  const later = await addSlot(phone.emulator, item, { fromNow: 48 * HOUR });
  const soon = await addSlot(phone.emulator, item, { fromNow: HOUR });
  const dropped = await addSlot(phone.emulator, item, { fromNow: 50 * HOUR });
  const toCancel = await okCall(phone.emulator, 'demo-resident-18', 'service', 'book', { slotId: later });
  await okCall(phone.emulator, 'demo-resident-18', 'service', 'book', { slotId: soon });
  await okCall(phone.emulator, 'demo-resident-18', 'service', 'book', { slotId: dropped });
  await okCall(phone.emulator, PROVIDER, 'service', 'cancelSlot', { slotId: dropped, reason: '医生临时出诊' });

  const modals: string[] = [];
  const showModal = (o: { content: string; success(res: { confirm: boolean }): void }) => {
    modals.push(o.content);
    o.success({ confirm: true });
  };
  const page = openMine('demo-resident-18', { showModal });
  await settled();

  // Newest first: the dropped one, the one too soon to cancel, the one to cancel.
  const rows = texts(page, '.bookings__row');
  expect(rows).toHaveLength(3);
  expect(rows[0]).toContain('已取消');
  expect(rows[0]).toContain('服务方取消了这次服务：医生临时出诊');
  expect(rows[1]).toContain('已预约');
  expect(rows[1]).toContain('已过取消时间');
  expect(rows[2]).toContain('已预约');
  expect(rows[2]).toMatch(/\d{4}年\d+月\d+日 \d\d:\d\d 前可以取消/);
  expect(page.querySelectorAll('.bookings__qr').map((q) => q.data.text)).toEqual(expect.arrayContaining([toCancel.code]));
  expect(page.querySelectorAll('.bookings__qr')).toHaveLength(2);
  expect(page.querySelectorAll('.bookings__cancel')).toHaveLength(1);

  tapOn(page, '.bookings__cancel');
  await settled();
  expect(modals).toEqual([expect.stringContaining('确定取消“口腔检查”')]);
  expect(text(element(page, '.bookings__message'))).toBe('已取消预约');
  expect(texts(page, '.bookings__row')[2]).toContain('你取消了这次预约');
  expect(page.querySelectorAll('.bookings__qr')).toHaveLength(1);
  expect(bookingDocs(phone.emulator, { _id: toCancel.id })[0].status).toBe('cancelled');
});

test('我的预约 loads 20 at a time; 加载更多 brings the rest', async () => {
  const item = await newService('健康咨询');
  for (let i = 0; i < 21; i++) {
    const slotId = await addSlot(phone.emulator, item, { fromNow: (24 + i) * HOUR });
    await okCall(phone.emulator, 'demo-resident-19', 'service', 'book', { slotId });
  }
  const page = openMine('demo-resident-19');
  await settled();
  expect(page.querySelectorAll('.bookings__row')).toHaveLength(20);

  tapOn(page, '.bookings__more');
  await settled();
  expect(page.querySelectorAll('.bookings__row')).toHaveLength(21);
  expect(page.querySelector('.bookings__more')).toBeUndefined();
});
