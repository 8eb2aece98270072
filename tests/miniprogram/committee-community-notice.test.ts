/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 发布公告 (packageCommittee/pages/notice) in miniprogram-simulate against the emulator running the
 * real functions on the seeded demo neighbourhood: the committee writes a notice, picks whom it is
 * for, pins it, and reads what publishing did; residents' feeds show it (or not) as targeted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call } from '../helpers/app';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimPage } from './simulate';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

function openNotice(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('packageCommittee/pages/notice/notice', openid, { wx });
}

function write(page: SimPage, title: string, content: string): void {
  typeInto(page, '.notice__title-input', title);
  typeInto(page, '.notice__content', content);
}

async function forBuildings(page: SimPage, ...ids: string[]): Promise<void> {
  element(page, '.notice__audience').dispatchEvent('change', { detail: { value: 'buildings' } });
  await settled();
  element(page, '.notice__buildings').dispatchEvent('change', { detail: { value: ids } });
}

async function feedOf(openid: string): Promise<Array<{ title: string | null; pinned: boolean; kind: string }>> {
  const feed = await call(phone.emulator, openid, 'circle', 'feed', {});
  expect(feed).toMatchObject({ ok: true });
  return feed.data.items;
}

test('the committee posts a pinned notice for building 3: a building-3 resident sees it pinned atop the circle, a building-1 resident does not', async () => {
  const page = openNotice('demo-committee');
  expect(screen(page)).toContain('加载中');
  await settled();
  expect(screen(page)).toContain('发给谁');

  write(page, '3号楼停水通知', '周三上午 9 点到 12 点 3 号楼停水检修，请提前储水。');
  element(page, '.notice__pinned').dispatchEvent('change', { detail: { value: true } });
  await forBuildings(page, 'demo-building-3');
  await settled();
  expect(screen(page)).toContain('4号楼');
  tapOn(page, '.notice__submit');
  await settled();

  expect(screen(page)).toContain('公告已发布，已置顶在邻里圈最前面，3号楼现在就能在邻里圈看到。');
  // The form is ready for the next notice.
  expect(page.data).toMatchObject({ title: '', content: '', pinned: false, audienceKind: 'community' });

  const building3 = await feedOf('demo-resident-3');
  expect(building3[0]).toMatchObject({ kind: 'notice', title: '3号楼停水通知', pinned: true });
  const building1 = await feedOf('demo-resident-1');
  expect(building1.map((i) => i.title)).not.toContain('3号楼停水通知');
});

test('a notice with a word the content check holds for review is said to wait for review, and residents do not see it yet', async () => {
  const page = openNotice('demo-committee');
  await settled();
  write(page, '二手家具交换群', '想交换家具的邻居请加微信群，周六统一交换。');
  tapOn(page, '.notice__submit');
  await settled();

  expect(screen(page)).toContain('公告已提交，但内容需要人工复核');
  expect((await feedOf('demo-resident-2')).map((i) => i.title)).not.toContain('二手家具交换群');
});

test('what is missing is said before anything is sent, and nothing typed is lost', async () => {
  const page = openNotice('demo-committee');
  await settled();
  write(page, '通知', '');
  tapOn(page, '.notice__submit');
  await settled();
  expect(screen(page)).toContain('内容不能少于 1 个字');

  typeInto(page, '.notice__content', '本周五下午社区议事会');
  element(page, '.notice__audience').dispatchEvent('change', { detail: { value: 'grids' } });
  tapOn(page, '.notice__submit');
  await settled();
  expect(screen(page)).toContain('请至少选择一个网格');
  expect(page.data).toMatchObject({ title: '通知', content: '本周五下午社区议事会' });
});

test('when the answer is lost, the text stays and sending again publishes the notice once with the same key', async () => {
  const keys: string[] = [];
  let loseNextAnswer = false;
  // The notice reaches the emulator, but the phone never hears back.
  const request = (options: WxRequestOptions) => {
    const event = options.data as { action: string; idempotencyKey?: string };
    if (event.action === 'notice') keys.push(event.idempotencyKey ?? '');
    if (!loseNextAnswer || event.action !== 'notice') return wxRequestOverHttp(options);
    loseNextAnswer = false;
    wxRequestOverHttp({ ...options, success: () => options.fail?.({ errMsg: 'request:fail socket closed' }) });
  };
  const page = openNotice('demo-committee', { request });
  await settled();
  write(page, '垃圾分类新规', '下月起厨余垃圾请在早 7 点到 9 点投放。');

  loseNextAnswer = true;
  tapOn(page, '.notice__submit');
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');
  expect(page.data).toMatchObject({ title: '垃圾分类新规', content: '下月起厨余垃圾请在早 7 点到 9 点投放。' });

  tapOn(page, '.notice__submit');
  await settled();
  expect(screen(page)).toContain('公告已发布');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(phone.emulator.db.find('posts', { title: '垃圾分类新规' })).toHaveLength(1);
});

test('a notice with a picture from the album: asked after the privacy agreement, stored in cloud storage, shown to residents at once', async () => {
  const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-notice-')), 'tmp_poster.png');
  fs.writeFileSync(photo, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  const chooseMedia = jest.fn((o: any) => o.success({ type: 'image', tempFiles: [{ tempFilePath: photo, size: 16, fileType: 'image' }] }));
  const page = openNotice('demo-committee', {
    chooseMedia,
    getPrivacySetting: ({ success }: any) => success({ needAuthorization: false, privacyContractName: '《友邻圈隐私保护指引》' }),
  });
  await settled();
  write(page, '消防演练', '本周六上午 10 点全小区消防演练，请听从楼组长指挥。');
  tapOn(element(page, '.notice__images'), '.image-picker__add');
  await settled();
  expect(chooseMedia).toHaveBeenCalledTimes(1);
  expect(chooseMedia.mock.calls[0][0]).toMatchObject({ count: 9, mediaType: ['image'] });
  expect(element(element(page, '.notice__images'), '.image-picker__image').dom).toBeDefined();

  tapOn(page, '.notice__submit');
  await settled();
  expect(screen(page)).toContain('公告已发布，全体居民现在就能在邻里圈看到。');
  expect(page.data.images).toEqual([]);
  const [saved] = phone.emulator.db.find('posts', { title: '消防演练' }) as any[];
  expect(saved.images).toEqual([expect.stringMatching(/^cloud:\/\/.+\/notices\/.+\.png$/)]);
  expect(await phone.emulator.storage.read(saved.images[0])).toEqual(fs.readFileSync(photo));
  const seen = (await call(phone.emulator, 'demo-resident-6', 'circle', 'feed', {})).data.items.find((i: { title: string }) => i.title === '消防演练');
  expect(seen.images).toHaveLength(1);
});

test('a plain resident opening the page is refused in plain words, with no form', async () => {
  const page = openNotice('demo-resident-5');
  await settled();
  expect(screen(page)).toContain('只有居委会成员可以使用这个页面');
  expect(page.querySelector('.notice__submit')).toBeUndefined();
});

test('the workbench links to every committee page and shows what waits: the held notice and the pending binding', async () => {
  const page = phone.open('packageCommittee/pages/workbench/workbench', 'demo-committee');
  await settled();
  const entries = page.data.entries as Array<{ title: string; url: string }>;
  expect(entries.map((e) => e.url)).toEqual(
    expect.arrayContaining([
      '/packageCommittee/pages/notice/notice',
      '/packageCommittee/pages/moderation/moderation',
      '/packageCommittee/pages/reports/reports',
      '/packageCommittee/pages/bindings/bindings',
      '/packageCommittee/pages/members/members',
    ]),
  );
  const text = screen(page);
  expect(text).toContain('发布公告');
  expect(text).toContain('居民名单');
  expect(page.data.counts).toMatchObject({
    '/packageCommittee/pages/moderation/moderation': '1',
    '/packageCommittee/pages/bindings/bindings': '1',
    '/packageCommittee/pages/reports/reports': '',
  });
  // the badges are counts; the day's summary says what they are
  expect(text).toContain('1 条内容待审');
  expect(text).toContain('1 个绑定申请');
});
