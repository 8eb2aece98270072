/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The "我的" page in miniprogram-simulate, in local mode against the emulator running the real
 * functions on the seeded demo neighbourhood. Each story picks a demo identity the way a developer
 * does (storage `youlin.openid`) and reads what the page shows.
 */
import { call } from '../helpers/app';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimComponent, SimPage } from './simulate';
import { settled, screen, element, tapOn, typeInto } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

function openMe(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('pages/me/me', openid, { wx });
}

/** Opens a picker and chooses the option whose label starts with `label`. */
function pick(form: SimComponent, selector: string, options: { label: string }[], label: string): void {
  const index = options.findIndex((o) => o.label.startsWith(label));
  if (index < 0) throw new Error(`the picker offers no "${label}": ${options.map((o) => o.label).join(', ')}`);
  element(form, selector).dispatchEvent('change', { detail: { value: index } });
}

test('a resident sees their name and their building, grid, community and room', async () => {
  const page = openMe('demo-resident-1');
  await settled();

  expect(screen(page)).toContain('王秀英');
  expect(screen(page)).toContain('居民');
  expect(screen(page)).toContain('我的楼组');
  expect(screen(page)).toContain('1号楼 · 第1微网格 · 友邻居民区');
  expect(screen(page)).toContain('房号101');
  expect(screen(page)).not.toContain('绑定楼组');
});

test('a newcomer whose request the committee rejected sees why, and can ask again', async () => {
  const asked = await call(phone.emulator, 'o-rejected-neighbour', 'user', 'requestBinding', { buildingId: 'demo-building-3', room: '909' });
  await call(phone.emulator, 'demo-committee', 'user', 'reviewBinding', { bindingId: asked.data.id, decision: 'reject', reason: '3号楼没有909室，请核对房号' });
  const page = openMe('o-rejected-neighbour');
  await settled();

  expect(screen(page)).toContain('3号楼没有909室，请核对房号');
  expect(screen(page)).toContain('绑定楼组');
});

test('a visitor whose request is waiting for the committee sees it in review', async () => {
  const page = openMe('demo-visitor-1');
  await settled();

  expect(screen(page)).toContain('新邻居小周');
  expect(screen(page)).toContain('访客');
  expect(screen(page)).toContain('审核中');
  expect(screen(page)).toContain('1号楼（第1微网格）602 室');
  expect(screen(page)).not.toContain('我的楼组');
  expect(screen(page)).not.toContain('绑定楼组');
});

test('a new neighbour asks to join 2号楼 and then sees the request in review', async () => {
  const page = openMe('o-new-neighbour');
  await settled();

  expect(screen(page)).toContain('访客');
  expect(screen(page)).toContain('绑定楼组');
  // The demo street has one community, so it is already chosen.
  expect(screen(page)).toContain('友邻居民区 · 新翔街道');
  const form = element(page, '.me__binding');

  pick(form, '.binding-form__building', form.data.buildings, '2号楼');
  tapOn(form, '.binding-form__submit');
  await settled();
  expect(screen(page)).toContain('请填写房号');
  expect(phone.emulator.db.find('bindings', { openid: 'o-new-neighbour' })).toEqual([]);

  typeInto(form, '.binding-form__room', '1203');
  tapOn(form, '.binding-form__submit');
  await settled();

  expect(phone.emulator.db.find('bindings', { openid: 'o-new-neighbour' })).toEqual([
    expect.objectContaining({ buildingId: 'demo-building-2', gridId: 'demo-grid-1', communityId: 'demo-community', room: '1203', status: 'pending' }),
  ]);
  expect(screen(page)).toContain('审核中');
  expect(screen(page)).toContain('2号楼（第1微网格）1203 室');
  expect(screen(page)).not.toContain('绑定楼组');

  // Coming back later, the request is still there.
  const later = openMe('o-new-neighbour');
  await settled();
  expect(screen(later)).toContain('审核中');
  expect(screen(later)).toContain('2号楼（第1微网格）1203 室');
});

test('when the answer to 提交 is lost on the way back, tapping again does not file a second request', async () => {
  let loseNextAnswer = false;
  // The request reaches the emulator, but the phone never hears back.
  const request = (options: WxRequestOptions) => {
    if (!loseNextAnswer) return wxRequestOverHttp(options);
    loseNextAnswer = false;
    wxRequestOverHttp({ ...options, success: () => options.fail?.({ errMsg: 'request:fail socket closed' }) });
  };
  const page = openMe('o-flaky-neighbour', { request });
  await settled();
  const form = element(page, '.me__binding');
  pick(form, '.binding-form__building', form.data.buildings, '3号楼');
  typeInto(form, '.binding-form__room', '502');

  loseNextAnswer = true;
  tapOn(form, '.binding-form__submit');
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');

  tapOn(form, '.binding-form__submit');
  await settled();
  expect(screen(page)).toContain('审核中');
  expect(phone.emulator.db.find('bindings', { openid: 'o-flaky-neighbour' })).toEqual([expect.objectContaining({ buildingId: 'demo-building-3', room: '502', status: 'pending' })]);
});

test('a committee member sees the role 居委会', async () => {
  const page = openMe('demo-committee');
  await settled();

  expect(screen(page)).toContain('居委会');
});

test('when the backend cannot be reached the page says so, and 重试 loads it once it is back', async () => {
  let reachable = false;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }));
  const page = openMe('demo-resident-1', { request });
  await settled();

  expect(screen(page)).toContain('网络不给力，请稍后重试');
  expect(screen(page)).not.toContain('王秀英');

  reachable = true;
  tapOn(page, '.me__retry');
  await settled();
  expect(screen(page)).toContain('王秀英');
  expect(screen(page)).not.toContain('网络不给力');
});

test('a resident who turned on elder mode gets the enlarged page', async () => {
  const turnedOn = await call(phone.emulator, 'demo-resident-2', 'user', 'updateProfile', { elderMode: true });
  expect(turnedOn.ok).toBe(true);

  const page = openMe('demo-resident-2');
  await settled();

  expect(page.querySelector('.elder')).toBeDefined();
  const neighbour = openMe('demo-resident-3');
  await settled();
  expect(neighbour.querySelector('.elder')).toBeUndefined();
});

test("a resident finds the 居委会 and their grid's worker under 联系我们, and a tap on a row calls the role's phone", async () => {
  const makePhoneCall = jest.fn();
  const page = phone.open('pages/me/me', 'demo-resident-1', { wx: { makePhoneCall } });
  await settled();
  const card = element(page, '.me__contacts');
  const rows = card.querySelectorAll('.contact-card__row');
  expect(rows.map((r) => r.dom?.textContent?.replace(/\s+/g, ''))).toEqual(['居委会友邻居民区居委会致电021-59990000', expect.stringMatching(/^第\d微网格网格员.+致电1380000090\d$/)]);

  rows[0].dispatchEvent('tap');
  rows[1].dispatchEvent('tap');
  await settled();
  expect(makePhoneCall.mock.calls.map(([o]) => o.phoneNumber)).toEqual(['021-59990000', expect.stringMatching(/^1380000090\d$/)]);
});

test('a visitor has no contacts yet: 联系我们 comes with the building', async () => {
  const page = phone.open('pages/me/me', 'demo-visitor-1');
  await settled();
  expect(page.querySelector('.me__contacts')).toBeUndefined();
});
