/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * "我的" beyond the building: personal data behind the privacy notice, the privacy agreement, elder
 * mode (the user's switch, or WeChat's large font until they choose), and the way to the work pages
 * of each role. In miniprogram-simulate against the emulator on the seeded demo neighbourhood.
 */
import { call } from '../helpers/app';
import { agreeToPrivacy, declinePrivacy, privacyDialogOpen, privacySetting } from './privacy-dialog';
import { SimPage } from './simulate';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup({ wx: privacySetting(false) });

function openMe(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('pages/me/me', openid, { wx });
}

const me = async (openid: string) => (await call(phone.emulator, openid, 'user', 'me', {})).data;

test('a newcomer gives their birth year: the form asks for the privacy notice first, then saves it', async () => {
  const page = openMe('o-new-neighbour-1');
  await settled();
  expect(screen(page)).toContain('未填写');

  tapOn(page, '.me__info .me__row-action');
  await settled();
  const form = element(page, '.me__info-form');
  typeInto(form, '.personal-info-form__year', '1956');
  tapOn(form, '.personal-info-form__submit');
  await settled();
  expect(screen(page)).toContain('请先阅读并同意隐私保护指引');
  expect((await me('o-new-neighbour-1')).birthYear).toBeNull();

  element(form, '.personal-info-form__agree').dispatchEvent('change', { detail: { value: ['agree'] } });
  tapOn(form, '.personal-info-form__submit');
  await settled();

  expect(screen(page)).toContain('1956 年生');
  expect(screen(page)).toContain('已同意');
  const saved = await me('o-new-neighbour-1');
  expect(saved.birthYear).toBe(1956);
  expect(saved.privacy).toMatchObject({ version: '2026-11' });
});

test('a mistyped phone number is explained in plain words and nothing is saved', async () => {
  const page = openMe('demo-resident-6');
  await settled();
  const before = await me('demo-resident-6');
  tapOn(page, '.me__info .me__row-action');
  await settled();
  const form = element(page, '.me__info-form');
  typeInto(form, '.personal-info-form__phone', '1381234');
  tapOn(form, '.personal-info-form__submit');
  await settled();

  expect(screen(page)).toContain('请填写 11 位手机号');
  expect(await me('demo-resident-6')).toEqual(before);
});

test('reading the privacy notice on 我的 opens the agreement; declining changes nothing, agreeing is recorded', async () => {
  const page = openMe('o-new-neighbour-2', privacySetting(true));
  await settled();
  expect(screen(page)).toContain('未同意');

  tapOn(page, '.me__privacy .me__row-action');
  await settled();
  expect(privacyDialogOpen(page)).toBe(true);
  declinePrivacy(page);
  await settled();
  expect(privacyDialogOpen(page)).toBe(false);
  expect((await me('o-new-neighbour-2')).privacy).toBeNull();

  tapOn(page, '.me__privacy .me__row-action');
  await settled();
  agreeToPrivacy(page);
  await settled();
  expect(screen(page)).toContain('已同意');
  expect((await me('o-new-neighbour-2')).privacy).toMatchObject({ version: '2026-11' });
});

test('switching on elder mode enlarges the page at once and is kept on the phone and the profile', async () => {
  const storage: Record<string, unknown> = {};
  const page = openMe('demo-resident-7', {
    setStorage: ({ key, data }: { key: string; data: unknown }) => {
      storage[key] = data;
    },
  });
  await settled();
  expect(page.querySelector('.elder')).toBeUndefined();

  element(page, '.me__elder-switch').dispatchEvent('change', { detail: { value: true } });
  await settled();

  expect(page.querySelector('.elder')).toBeDefined();
  expect(storage['youlin.elder']).toBe('on');
  expect((await me('demo-resident-7')).elderMode).toBe(true);
});

test("with WeChat's font set large, the page opens in elder mode until the user turns it off", async () => {
  const largeFont = { getAppBaseInfo: () => ({ fontSizeSetting: 22, SDKVersion: '3.15.2' }) };
  const page = openMe('demo-resident-8', largeFont);
  await settled();
  expect(page.querySelector('.elder')).toBeDefined();

  element(page, '.me__elder-switch').dispatchEvent('change', { detail: { value: false } });
  await settled();
  expect(page.querySelector('.elder')).toBeUndefined();

  const standard = openMe('demo-resident-9', { getAppBaseInfo: () => ({ fontSizeSetting: 17, SDKVersion: '3.15.2' }) });
  await settled();
  expect(standard.querySelector('.elder')).toBeUndefined();
});

test('each role finds its work: the provider 服务核销, the committee 居委会工作台, a resident neither', async () => {
  const provider = openMe('demo-provider-1');
  await settled();
  expect(screen(provider)).toContain('服务核销');
  expect(screen(provider)).not.toContain('居委会工作台');

  const committee = openMe('demo-committee');
  await settled();
  expect(screen(committee)).toContain('居委会工作台');
  expect(element(committee, '.me__link--workbench')).toBeDefined();

  const resident = openMe('demo-resident-1');
  await settled();
  expect(screen(resident)).toContain('我的预约');
  expect(screen(resident)).toContain('我的时长与积分');
  expect(screen(resident)).not.toContain('服务核销');
  expect(screen(resident)).not.toContain('居委会工作台');
});
