/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The tab pages 邻里圈, 服务 and 活动 in miniprogram-simulate, in local mode against the emulator
 * running the real functions on the seeded demo neighbourhood, with TDesign's own components
 * (t-cell, t-empty, t-button) rendered from miniprogram_npm. Every setData stays within the
 * issue's budget (checked after each test).
 */
import { call } from '../helpers/app';
import { activityFields } from '../functions/activity-fixtures';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimPage, setDataRecords, tap } from './simulate';
import { settled, screen } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const TABS = [
  { name: '邻里圈', path: 'pages/circle/circle' },
  { name: '服务', path: 'pages/service/service' },
  { name: '活动', path: 'pages/activity/activity' },
] as const;

const rowTitles = (page: SimPage) => page.querySelectorAll('.list-page__row').map((row) => row.data.title);

test('服务: a resident sees the seeded service menu, each with its series', async () => {
  const page = phone.open('pages/service/service', 'demo-resident-1');
  expect(screen(page)).toContain('加载中');
  await settled();

  expect(rowTitles(page)).toEqual(expect.arrayContaining(['中医把脉', '血压血糖测量']));
  expect(screen(page)).toContain('康养友邻');
  expect(screen(page)).not.toContain('加载中');
});

test('邻里圈: a neighbour posts, and a resident of the same community sees it in the feed', async () => {
  const posted = await call(phone.emulator, 'demo-resident-2', 'circle', 'post', { kind: 'help', content: '谁家有梯子可以借用一下？周六上午用，用完马上还。' });
  expect(posted).toMatchObject({ ok: true });

  const page = phone.open('pages/circle/circle', 'demo-resident-1');
  await settled();

  expect(screen(page)).toContain('谁家有梯子可以借用一下？周六上午用，用完马上还。');
  expect(screen(page)).toContain('邻里互助');
});

test('活动: the committee publishes an activity, and a resident sees it with its seats left', async () => {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', {
    communityId: 'demo-community',
    fields: activityFields({ title: '重阳节敬老茶话会', capacity: 30 }),
  });
  expect(created).toMatchObject({ ok: true });

  const page = phone.open('pages/activity/activity', 'demo-resident-1');
  await settled();

  expect(rowTitles(page)).toContain('重阳节敬老茶话会');
  expect(screen(page)).toContain('剩余 30 个名额');
});

test('活动: someone outside every audience (bound to no building) is told to bind first, not shown a blank page', async () => {
  const page = phone.open('pages/activity/activity', 'o-stranger-far-away');
  await settled();

  expect(page.querySelector('.activity__bind')).toBeDefined();
  expect(screen(page)).toContain('先绑定你住的楼栋');
  expect(rowTitles(page)).toEqual([]);
});

describe.each(TABS)('$name', ({ path }) => {
  test('says so when the backend cannot be reached, and 重试 loads the list once it is back', async () => {
    let reachable = false;
    const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }));
    const page = phone.open(path, 'demo-resident-1', { wx: { request } });
    await settled();

    expect(screen(page)).toContain('网络不给力，请稍后重试');
    expect(page.querySelector('.list-page__list')).toBeUndefined();

    reachable = true;
    tap(page.querySelector('.list-page__retry')!);
    await settled();
    expect(screen(page)).not.toContain('网络不给力');
    expect(page.querySelector('.list-page__retry')).toBeUndefined();
  });
});

test('the setData recorder sees every payload of the page, with its size and list growth', async () => {
  const page = phone.open('pages/service/service', 'demo-resident-1');
  await settled();

  const mine = setDataRecords().filter((r) => r.component === 'pages/service/service');
  expect(mine.map((r) => r.keys)).toEqual([['elder'], ['loading', 'loadError'], ['loading', 'rows', 'nextCursor']]);
  const rows = page.data.rows as unknown[];
  expect(mine[2].listGrowth).toBe(rows.length);
  expect(mine[2].bytes).toBe(Buffer.byteLength(JSON.stringify({ loading: false, rows, nextCursor: page.data.nextCursor }), 'utf8'));
});
