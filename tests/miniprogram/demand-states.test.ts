/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The demand pages' other faces, against the emulator running the real `demand` function: empty
 * lists, a failed load with 重试, a visitor and a resident who may not open the workbench told why,
 * elder mode on every page, the committee's categories and 诉求统计 with its CSV and the street's
 * view across communities, and the ways in: 我的, 服务 and the committee's workbench with a count.
 */
import { call } from '../helpers/app';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { tap } from './simulate';
import { PEOPLE, warmFunctions } from './demand-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmFunctions(() => phone.emulator);

test('empty lists say so: 我的诉求 offers 我要反映, the other grid has nothing waiting', async () => {
  const navigateTo = jest.fn();
  const mine = phone.open('packageDemand/pages/mine/mine', 'demo-resident-11', { wx: { navigateTo } });
  await settled();
  expect(screen(mine)).toContain('还没有反映过诉求');
  tapOn(mine, '.mine__report');
  await settled();
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packageDemand/pages/report/report' });

  const inbox = phone.open('packageDemand/pages/inbox/inbox', 'demo-gridworker-2');
  await settled();
  expect(screen(inbox)).toContain('没有待办的诉求');
});

test('when 我的诉求 cannot load, the page says why and 重试 loads it', async () => {
  expect((await call(phone.emulator, 'demo-resident-12', 'demand', 'report', { categoryId: 'demo-cat-greenery', text: '小区东门的绿化带可以补种一些月季' })).ok).toBe(true);
  let reachable = false;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail timeout' }));
  const page = phone.open('packageDemand/pages/mine/mine', 'demo-resident-12', { wx: { request } });
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');
  reachable = true;
  tap(element(page, '.mine__retry'));
  await settled();
  expect(screen(page)).not.toContain('网络不给力');
  expect(screen(page)).toContain('绿化环境');
  expect(screen(page)).toContain('待受理');
});

test('a visitor is told to bind a building before reporting; a resident is told the workbench is not theirs', async () => {
  const report = phone.open('packageDemand/pages/report/report', PEOPLE.visitor);
  await settled();
  expect(screen(report)).toContain('请先在“我的”绑定你所在的楼组，再反映诉求');
  expect(report.querySelector('.report__submit')).toBeUndefined();

  const inbox = phone.open('packageDemand/pages/inbox/inbox', 'demo-resident-3');
  await settled();
  expect(screen(inbox)).toContain('只有网格员、居委会和街道可以使用工作台');
});

test('every demand page follows elder mode', async () => {
  const made = await call(phone.emulator, 'demo-resident-13', 'demand', 'report', { categoryId: 'demo-cat-visit', text: '独居的父亲想请网格员上门看看' });
  // WeChat's font size set to large (TDesign reads the same answer for its SDK version).
  const base = (globalThis as any).wx.getAppBaseInfo();
  const large = { getAppBaseInfo: () => ({ ...base, fontSizeSetting: 24 }) };
  const pages: [string, string, Record<string, string>][] = [
    ['packageDemand/pages/report/report', 'demo-resident-13', {}],
    ['packageDemand/pages/mine/mine', 'demo-resident-13', {}],
    ['packageDemand/pages/demand/demand', 'demo-resident-13', { id: made.data.id }],
    ['packageDemand/pages/ledger/ledger', 'demo-resident-13', {}],
    ['packageDemand/pages/inbox/inbox', PEOPLE.gridWorker, {}],
    ['packageCommittee/pages/demands/demands', PEOPLE.committee, {}],
    ['packageCommittee/pages/demand-categories/demand-categories', PEOPLE.committee, {}],
  ];
  for (const [path, openid, query] of pages) {
    const page = phone.open(path, openid, { query, wx: large });
    await settled();
    expect([path, page.querySelector('.elder') !== undefined]).toEqual([path, true]);
    expect(screen(page)).not.toContain('加载中');
  }
  const normal = phone.open('packageDemand/pages/mine/mine', 'demo-resident-13');
  await settled();
  expect(normal.querySelector('.elder')).toBeUndefined();
});

test('the committee adds a category residents then choose from, and stops it again', async () => {
  const page = phone.open('packageCommittee/pages/demand-categories/demand-categories', PEOPLE.committee);
  await settled();
  expect(screen(page)).toContain('漏水');
  typeInto(page, '.categories__name', '电梯故障');
  element(page, '.categories__kind').dispatchEvent('change', { detail: { value: 1 } }); // 隐患
  element(page, '.categories__class').dispatchEvent('change', { detail: { value: 0 } }); // 紧急
  tapOn(page, '.categories__save');
  await settled();
  expect(screen(page)).toContain('已添加“电梯故障”');
  expect(screen(page)).toContain('隐患 · 紧急');
  const listed = await call(phone.emulator, PEOPLE.committee, 'demand', 'categories', {});
  const added = listed.data.items.find((c: { name: string }) => c.name === '电梯故障');
  expect(added).toMatchObject({ kind: 'hazard', deadlineClass: 'urgent', archived: false });

  const report = phone.open('packageDemand/pages/report/report', 'demo-resident-14');
  await settled();
  tapOn(report, '.report__kind--hazard');
  await settled();
  expect(screen(report)).toContain('电梯故障');

  // One phone at a time: the committee opens the page again.
  const back = phone.open('packageCommittee/pages/demand-categories/demand-categories', PEOPLE.committee);
  await settled();
  tapOn(back, `.categories__toggle--${added.id}`);
  await settled();
  expect(screen(back)).toContain('已停用“电梯故障”');
  const again = phone.open('packageDemand/pages/report/report', 'demo-resident-14');
  await settled();
  tapOn(again, '.report__kind--hazard');
  await settled();
  expect(screen(again)).not.toContain('电梯故障');
});

test('诉求统计 exports a CSV of the period, and the street admin sees every community', async () => {
  await call(phone.emulator, 'demo-resident-15', 'demand', 'report', { categoryId: 'demo-cat-noise', text: '晚上十点后楼上还在装修' });
  const page = phone.open('packageCommittee/pages/demands/demands', PEOPLE.committee);
  await settled();
  expect(screen(page)).toContain('友邻居民区');
  expect(screen(page)).toContain('响应率');
  expect(screen(page)).toContain('按网格');
  tap(element(page, '.demands__export'));
  await settled();
  expect(page.data.exportUrl).toMatch(new RegExp(`^${phone.emulator.url}/`));
  expect(element(page, '.demands__export-note').dom?.textContent).toMatch(/^共 [1-9]\d* 件诉求，链接 10 分钟内有效$/);
  const csv = await (await fetch(page.data.exportUrl)).text();
  expect(csv).toContain('噪音');
  expect(csv).not.toContain('装修');

  const street = phone.open('packageCommittee/pages/demands/demands', PEOPLE.admin);
  await settled();
  expect(screen(street)).toContain('全街道');
  expect(screen(street)).toContain('响应率');
});

test('the ways in: 我的 for a resident and a grid worker, 服务, and the workbench counting what waits', async () => {
  const resident = phone.open('pages/me/me', 'demo-resident-16');
  await settled();
  for (const link of ['我要反映', '我的诉求', '本楼诉求台账']) expect(screen(resident)).toContain(link);
  expect(screen(resident)).not.toContain('网格工作台');
  const worker = phone.open('pages/me/me', PEOPLE.gridWorker);
  await settled();
  expect(element(worker, '.me__link--inbox').dom?.textContent).toBe('网格工作台');

  const navigateTo = jest.fn();
  const service = phone.open('pages/service/service', 'demo-resident-16', { wx: { navigateTo } });
  await settled();
  tapOn(service, '.service__report');
  await settled();
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packageDemand/pages/report/report' });

  // An urgent one starts at the community: it waits on the committee's desk.
  await call(phone.emulator, 'demo-resident-16', 'demand', 'report', { categoryId: 'demo-cat-fire-exit', text: '消防通道被电动车堵住了', urgent: true });
  const bench = phone.open('packageCommittee/pages/workbench/workbench', PEOPLE.committee);
  await settled();
  expect(bench.data.counts['/packageDemand/pages/inbox/inbox?scope=community']).toMatch(/^[1-9]\d*\+?$/);
  expect(screen(bench)).toContain('件诉求待办');
  expect(screen(bench)).toContain('诉求统计');
});
