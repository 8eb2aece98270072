/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 我的数据 and the privacy rows of 我的: a resident sees what the product holds about them, exports
 * it (the link copied only after the privacy agreement), withdraws the privacy consent after being
 * told what stops, and deletes their account after choosing what becomes of their posts.
 */
import { call } from '../helpers/app';
import { agreeToPrivacy, declinePrivacy, privacyAgreed, privacySetting } from './privacy-dialog';
import { element, screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup({ wx: privacyAgreed });
const me = async (openid: string) => (await call(phone.emulator, openid, 'user', 'me', {})).data;

test('a resident sees every kind of data held about them, with counts and readable lines', async () => {
  await call(phone.emulator, 'demo-resident-2', 'circle', 'post', { kind: 'neighbour', content: '谁家的猫在楼道里' });
  const page = phone.open('pages/my-data/my-data', 'demo-resident-2');
  await settled();
  const text = screen(page);
  for (const title of ['我的资料', '楼组绑定', '活动报名', '服务预约', '我发的帖子和公告', '志愿时长与积分', '与我有关的操作记录']) expect(text).toContain(title);
  expect(text).toContain('13800000001');
  expect(element(page, '.data__section--posts').dom?.textContent ?? '').toContain('1 条');
  expect(element(page, '.data__section--posts').dom?.textContent ?? '').toContain('邻里动态 · 谁家的猫在楼道里');
});

test('导出 copies the file link once the privacy agreement is given; declined, the link stays on screen', async () => {
  const copied: string[] = [];
  const setClipboardData = ({ data, success }: { data: string; success?: () => void }) => {
    copied.push(data);
    success?.();
  };
  const page = phone.open('pages/my-data/my-data', 'demo-resident-3', { wx: { ...privacySetting(true), setClipboardData } });
  await settled();
  tapOn(page, '.data__export');
  await settled();
  declinePrivacy(page);
  await settled();
  expect(copied).toEqual([]);
  const url = element(page, '.data__link').dom?.textContent ?? '';
  expect(url).toMatch(/^http/);
  const file = await (await fetch(url.trim())).json();
  expect(file.sections.map((s: { key: string }) => s.key)).toContain('profile');

  tapOn(page, '.data__export');
  await settled();
  agreeToPrivacy(page);
  await settled();
  expect(copied).toHaveLength(1);
  expect(copied[0]).toMatch(/^http/);
  expect(screen(page)).toContain('链接已复制');
});

test('撤回隐私授权 says first what stops working; confirmed, the real name, phone and birth year are gone', async () => {
  const modals: { title: string; content: string }[] = [];
  const showModal = (o: { title: string; content: string; success(res: { confirm: boolean; cancel: boolean }): void }) => {
    modals.push(o);
    o.success({ confirm: modals.length > 1, cancel: modals.length === 1 });
  };
  const page = phone.open('pages/me/me', 'demo-resident-4', { wx: { showModal } });
  await settled();
  tapOn(page, '.me__withdraw .me__row-action');
  await settled();
  expect(modals[0].content).toContain('60 岁以上');
  expect(modals[0].content).toContain('手机号');
  expect((await me('demo-resident-4')).phone).toBe('13800000003');

  tapOn(page, '.me__withdraw .me__row-action');
  await settled();
  expect(await me('demo-resident-4')).toMatchObject({ realName: null, phone: null, birthYear: null, privacy: null, status: 'resident' });
  expect(screen(page)).toContain('未填写');
  expect(page.querySelector('.me__withdraw')).toBeUndefined();
});

test('注销账号: the resident chooses what becomes of their posts, confirms, is told by when it is done, and later starts afresh', async () => {
  const post = (await call(phone.emulator, 'demo-resident-8', 'circle', 'post', { kind: 'neighbour', content: '明早八点菜场门口拼车' })).data;
  const showActionSheet = ({ itemList, success }: { itemList: string[]; success(res: { tapIndex: number }): void }) => success({ tapIndex: itemList.findIndex((l) => l.includes('删除')) });
  const modals: string[] = [];
  const showModal = (o: { content: string; success(res: { confirm: boolean }): void }) => {
    modals.push(o.content);
    o.success({ confirm: true });
  };
  const relaunched: string[] = [];
  const page = phone.open('pages/my-data/my-data', 'demo-resident-8', { wx: { showActionSheet, showModal, reLaunch: ({ url }: { url: string }) => relaunched.push(url) } });
  await settled();
  tapOn(page, '.data__delete');
  await settled();
  expect(modals[0]).toContain('你发的帖子和评论将被删除');
  expect(modals[1]).toMatch(/账号已停用，你的个人数据将于 \d{4}年\d+月\d+日 \d{2}:\d{2} 前删除完毕/);
  expect(relaunched).toEqual(['/pages/me/me']);
  // 我的 says the same until then: the account is refused, with the deadline.
  const refused = await call(phone.emulator, 'demo-resident-8', 'user', 'me', {});
  expect(refused.error.message).toMatch(/已申请注销.*前删除完毕/);
  // The function's timer, a few minutes later (the functions' clock moved, not waited for), erases the rest.
  const clock = phone.emulator.host.clock;
  clock.set(new Date(clock.now().getTime() + 8 * 60_000));
  try {
    await phone.emulator.host.fireTimer('user', 'jobs');
    expect(await me('demo-resident-8')).toMatchObject({ realName: null, phone: null, roles: [], status: 'visitor' });
    const feed = (await call(phone.emulator, 'demo-resident-4', 'circle', 'feed', {})).data;
    expect(feed.items.map((i: { id: string }) => i.id)).not.toContain(post.id);
  } finally {
    clock.set(null);
  }
});
