/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 长辈模式 offered at the first open of the app (邻里圈, the first tab), in miniprogram-simulate against
 * the emulator running the real functions: one dismissible choice, remembered on the phone (and the
 * profile), so the offer never comes back; 我的 keeps the switch for later.
 */
import { call } from '../helpers/app';
import { wxStorage } from './emulator-phone';
import { SimPage } from './simulate';
import { element, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

/** A phone's storage with the local mode's keys, which the test then reads. */
const phoneStorage = (openid: string): Record<string, unknown> => ({ 'youlin.openid': openid, 'youlin.localBase': phone.emulator.url, 'youlin.callTimeoutMs': 120_000 });

function openCircle(openid: string, storage: Record<string, unknown>) {
  return phone.open('pages/circle/circle', openid, { wx: wxStorage(storage) });
}

const offer = (page: SimPage) => element(page, '.circle__elder-offer');
const offered = (page: SimPage) => offer(page).querySelector('.elder-offer') !== undefined;

test('the first open offers 长辈模式; 开启长辈模式 enlarges the page at once and is remembered, so it is not offered again', async () => {
  const kept = phoneStorage('demo-resident-8');
  const again = openCircle('demo-resident-8', kept);
  await settled();
  expect(element(offer(again), '.elder-offer__title').dom?.textContent).toBe('字太小，看不清？');
  expect(again.querySelector('.elder')).toBeUndefined();

  tapOn(offer(again), '.elder-offer__on');
  await settled();
  expect(again.querySelector('.elder')).toBeDefined();
  expect(offered(again)).toBe(false);
  expect(kept['youlin.elder']).toBe('on');
  expect((await call(phone.emulator, 'demo-resident-8', 'user', 'me', {})).data.elderMode).toBe(true);

  const later = openCircle('demo-resident-8', kept);
  await settled();
  expect(offered(later)).toBe(false);
});

test('暂不需要 dismisses it for good: kept off on the phone, not offered again', async () => {
  const kept = phoneStorage('demo-resident-9');
  const page = openCircle('demo-resident-9', kept);
  await settled();
  tapOn(offer(page), '.elder-offer__off');
  await settled();
  expect(offered(page)).toBe(false);
  expect(page.querySelector('.elder')).toBeUndefined();
  expect(kept['youlin.elder']).toBe('off');

  const later = openCircle('demo-resident-9', kept);
  await settled();
  expect(offered(later)).toBe(false);
});
