/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The 活动 tab's series filter, load-more, pull-to-refresh and my own state on a row, in
 * miniprogram-simulate against the emulator running the real functions on the seeded demo
 * neighbourhood. Every setData stays within the budget (checked after each test).
 */
import { ActivityFields } from '../../domain/activities';
import { call } from '../helpers/app';
import { activityFields } from '../functions/activity-fixtures';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimPage, tap } from './simulate';
import { element, screen, settled } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const HOUR = 3600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

function openList(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('pages/activity/activity', openid, { wx });
}

async function publish(fields: Partial<ActivityFields>): Promise<string> {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', { communityId: 'demo-community', fields: activityFields(fields) });
  expect(created).toMatchObject({ ok: true });
  return created.data.id;
}

const rows = (page: SimPage) => page.querySelectorAll('.list-page__row');
const titles = (page: SimPage) => rows(page).map((row) => row.data.title);

function chip(page: SimPage, name: string) {
  const found = page.querySelectorAll('.activity__filter').find((c) => c.dom?.textContent === name);
  if (!found) throw new Error(`no filter chip ${name}`);
  return found;
}

test('a resident filters 康养友邻 (health) and sees only those, then 全部 again', async () => {
  await publish({ title: '秋季义诊', series: 'wellness' });
  await publish({ title: '太极拳晨练', series: 'wellness' });
  await publish({ title: '书画展', series: 'culture' });
  await publish({ title: '党史读书会', series: 'party' });

  const page = openList('demo-resident-1');
  await settled();
  expect(titles(page)).toEqual(expect.arrayContaining(['秋季义诊', '太极拳晨练', '书画展', '党史读书会']));
  expect(page.querySelectorAll('.activity__filter').map((c) => c.dom?.textContent)).toEqual(['全部', '党群友邻', '社区友邻', '康养友邻', '文化友邻', '文明友邻']);

  chip(page, '康养友邻').dispatchEvent('tap');
  await settled();
  expect(element(page, '.activity__filter--on').dom?.textContent).toBe('康养友邻');
  expect(titles(page).sort()).toEqual(['太极拳晨练', '秋季义诊'].sort());
  expect(rows(page).every((row) => String(row.data.description).startsWith('康养友邻'))).toBe(true);
  expect(screen(page)).not.toContain('书画展');

  chip(page, '文明友邻').dispatchEvent('tap');
  await settled();
  expect(titles(page)).toEqual([]);
  expect(screen(page)).toContain('近期没有这类活动');

  chip(page, '全部').dispatchEvent('tap');
  await settled();
  expect(titles(page)).toEqual(expect.arrayContaining(['秋季义诊', '书画展', '党史读书会']));
});

test('each row shows the seats left, and my own signup state on the ones I joined', async () => {
  const id = await publish({ title: '社区合唱团招新', series: 'community', capacity: 12 });
  await call(phone.emulator, 'demo-resident-2', 'activity', 'signup', { activityId: id, answers: {} });

  const page = openList('demo-resident-2');
  await settled();
  chip(page, '社区友邻').dispatchEvent('tap');
  await settled();

  const index = titles(page).indexOf('社区合唱团招新');
  expect(index).toBeGreaterThanOrEqual(0);
  const item = page.querySelectorAll('.list-page__item')[index];
  expect(item.dom?.textContent).toContain('剩余 11 个名额');
  expect(item.dom?.textContent).toContain('我的报名：已报名');

  // Someone else sees the seats but no state of theirs.
  const other = openList('demo-resident-3');
  await settled();
  chip(other, '社区友邻').dispatchEvent('tap');
  await settled();
  const theirs = other.querySelectorAll('.list-page__item')[titles(other).indexOf('社区合唱团招新')];
  expect(theirs.dom?.textContent).toContain('剩余 11 个名额');
  expect(theirs.dom?.textContent).not.toContain('我的报名');
});

test('scrolling to the bottom brings the next 20, and the end says so', async () => {
  for (let n = 1; n <= 23; n++) {
    // Soonest first: 文明实践 1 … 23, a day apart.
    await publish({ title: `文明实践 ${n}`, series: 'civility', startAt: iso((48 + n) * HOUR), endAt: iso((49 + n) * HOUR) });
  }
  const page = openList('demo-resident-4');
  await settled();
  chip(page, '文明友邻').dispatchEvent('tap');
  await settled();
  expect(titles(page)).toHaveLength(20);
  expect(titles(page)[0]).toBe('文明实践 1');
  expect(screen(page)).not.toContain('没有更多了');

  page.instance.onReachBottom();
  await settled();
  expect(titles(page)).toHaveLength(23);
  expect(titles(page)[22]).toBe('文明实践 23');
  expect(screen(page)).toContain('没有更多了');
});

test('pulling down shows an activity published since, and stops the spinner', async () => {
  const stopPullDownRefresh = jest.fn();
  const page = openList('demo-resident-5', { stopPullDownRefresh });
  await settled();
  expect(titles(page)).not.toContain('新春写福字');

  await publish({ title: '新春写福字', series: 'culture' });
  page.instance.onPullDownRefresh();
  await settled();
  expect(titles(page)).toContain('新春写福字');
  expect(stopPullDownRefresh).toHaveBeenCalled();
});

test('a filtered list that cannot load says why, and 重试 loads it', async () => {
  let reachable = true;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail timeout' }));
  const page = openList('demo-resident-6', { request });
  await settled();
  // The network drops just as the filter is tapped.
  reachable = false;
  chip(page, '党群友邻').dispatchEvent('tap');
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');
  expect(page.querySelector('.list-page__list')).toBeUndefined();

  reachable = true;
  tap(element(page, '.list-page__retry'));
  await settled();
  expect(titles(page)).toContain('党史读书会');
  expect(element(page, '.activity__filter--on').dom?.textContent).toBe('党群友邻');
});
