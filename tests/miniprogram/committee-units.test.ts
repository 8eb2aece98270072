/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 社区架构 (packageCommittee/pages/units) in miniprogram-simulate against the emulator running the real
 * functions on the demo neighbourhood: the committee sees its grids and buildings, adds a building,
 * renames it, stops it again, and sets the phone residents call for a grid.
 */
import { call } from '../helpers/app';
import { SimComponent, SimPage } from './simulate';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

function open(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('packageCommittee/pages/units/units', openid, { wx });
}

const confirmAll = (titles: string[]) => (options: { title: string; success: (res: { confirm: boolean; cancel: boolean }) => void }) => {
  titles.push(options.title);
  options.success({ confirm: true, cancel: false });
};

/** What one grid's card shows, its buildings with it. */
const gridText = (page: SimComponent, gridId: string) => element(page, `.units__grid--${gridId}`).dom?.textContent ?? '';

async function contactsOf(openid: string) {
  const me = await call(phone.emulator, openid, 'user', 'me', {});
  return me.data.contacts as { name: string; phone: string }[];
}

test('the committee sees the community with its duty phone and each grid with its worker and buildings, in number order', async () => {
  const page = open('demo-committee');
  await settled();
  expect(screen(page)).toContain('友邻居民区居委会');
  expect(screen(page)).toContain('居委会值班电话 021-59990000');
  const grid1 = gridText(page, 'demo-grid-1');
  expect(grid1).toContain('第1微网格');
  expect(grid1.indexOf('1号楼')).toBeLessThan(grid1.indexOf('2号楼'));
  expect(page.data.view.grids.map((g: { name: string }) => g.name)).toEqual(['第1微网格', '第2微网格']);
});

test('a new building goes under 第2微网格, is renamed, and stopped again once the committee confirms', async () => {
  const titles: string[] = [];
  const page = open('demo-committee', { showModal: confirmAll(titles) });
  await settled();

  element(page, '.units__add-parent').dispatchEvent('change', { detail: { value: 2 } });
  typeInto(page, '.units__add-name', '12号楼');
  tapOn(page, '.units__add-save');
  await settled();
  expect(screen(page)).toContain('已添加“12号楼”');
  expect(gridText(page, 'demo-grid-2')).toContain('12号楼');
  const added = (page.data.view.grids[1].buildings as { id: string; name: string }[]).find((b) => b.name === '12号楼');
  expect(added).toBeDefined();

  tapOn(page, `.units__rename--${added?.id}`);
  await settled();
  typeInto(page, '.units__edit-name', '12号楼（新建）');
  tapOn(page, '.units__save');
  await settled();
  expect(screen(page)).toContain('已改名为“12号楼（新建）”');

  tapOn(page, `.units__archive--${added?.id}`);
  await settled();
  expect(titles).toEqual(['停用12号楼（新建）']);
  expect(screen(page)).toContain('已停用');
  expect(gridText(page, 'demo-grid-2')).not.toContain('12号楼');
});

test('a grid with buildings cannot be stopped: the committee reads why, and nothing changes', async () => {
  const page = open('demo-committee', { showModal: confirmAll([]) });
  await settled();
  tapOn(page, '.units__archive--demo-grid-1');
  await settled();
  expect(screen(page)).toContain('请先归档下属的网格或楼组');
  expect(screen(page)).toContain('第1微网格');
});

test("the grid's new worker: a wrong number is caught on the page, the right one reaches residents' 联系我们", async () => {
  const page = open('demo-committee');
  await settled();
  tapOn(page, '.units__set-contact--demo-grid-1');
  await settled();
  expect(screen(page)).toContain('第1微网格的联系电话');
  typeInto(page, '.units__edit-name', '网格员 陈海燕');
  typeInto(page, '.units__edit-phone', '5999');
  tapOn(page, '.units__save');
  await settled();
  expect(screen(page)).toContain('请填写正确的电话');

  typeInto(page, '.units__edit-phone', '138 0000 9912');
  tapOn(page, '.units__save');
  await settled();
  expect(screen(page)).toContain('联系电话已保存');
  expect(gridText(page, 'demo-grid-1')).toContain('网格员 陈海燕 13800009912');
  expect(await contactsOf('demo-resident-1')).toContainEqual(expect.objectContaining({ name: '网格员 陈海燕', phone: '13800009912' }));
});

test('a plain resident opening 社区架构 is refused in plain words', async () => {
  const page = open('demo-resident-4');
  await settled();
  expect(screen(page)).toContain('只有居委会成员可以使用这个页面');
});
