/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 邻里圈 (the circle tab) in miniprogram-simulate, in local mode against the emulator running the
 * real functions on the seeded demo neighbourhood: pinned notices lead, pull-to-refresh brings a
 * neighbour's new post, scrolling to the bottom appends the next page, the kind filter, anonymous
 * requests, and a failed page that 重试 recovers. Every setData stays within the budget.
 */
import { call } from '../helpers/app';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimPage, setDataRecords } from './simulate';
import { element, screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

function openFeed(openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('pages/circle/circle', openid, { wx });
}

interface Card {
  id: string;
  badge: string;
  kindName: string;
  excerpt: string;
  author: string;
  state: string;
}
const cards = (page: SimPage): Card[] => page.data.cards;

async function post(openid: string, content: string, extra: Record<string, unknown> = {}): Promise<string> {
  const posted = await call(phone.emulator, openid, 'circle', 'post', { kind: 'neighbour', content, ...extra });
  expect(posted).toMatchObject({ ok: true });
  return posted.data.id;
}

test('a pinned notice leads the feed, marked 置顶公告, above newer posts; a tap opens it', async () => {
  const notice = await call(phone.emulator, 'demo-committee', 'circle', 'notice', {
    communityId: 'demo-community',
    title: '停水通知',
    content: '本周六 9:00–12:00 小区停水检修，请提前储水。',
    pinned: true,
    audience: { kind: 'community' },
  });
  expect(notice).toMatchObject({ ok: true });
  await post('demo-resident-2', '楼下的桂花开了，好香');

  const navigateTo = jest.fn();
  const page = openFeed('demo-resident-1', { navigateTo });
  expect(screen(page)).toContain('加载中');
  await settled();

  expect(cards(page)[0]).toMatchObject({ id: notice.data.id, badge: '置顶公告' });
  const first = element(page, '.circle__item');
  expect(first.dom?.textContent).toContain('置顶公告');
  expect(first.dom?.textContent).toContain('停水通知');
  expect(screen(page)).toContain('楼下的桂花开了，好香');
  expect(screen(page)).toContain('邻里动态');

  tapOn(page, '.circle__item');
  await settled();
  expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/post-detail/post-detail?id=${notice.data.id}` });
});

test("a resident pulls to refresh and sees a neighbour's new post at the top", async () => {
  const stopPullDownRefresh = jest.fn();
  const page = openFeed('demo-resident-1', { stopPullDownRefresh });
  await settled();
  expect(screen(page)).not.toContain('谁家有打气筒');

  const id = await post('demo-resident-4', '谁家有打气筒？自行车没气了');
  page.instance.onPullDownRefresh();
  await settled();

  expect(screen(page)).toContain('谁家有打气筒？自行车没气了');
  const newest = cards(page).find((c) => c.badge === '');
  expect(newest?.id).toBe(id);
  expect(stopPullDownRefresh).toHaveBeenCalled();
});

test('an anonymous help request shows 匿名邻居 and 求助中 to neighbours', async () => {
  await post('demo-resident-6', '家里老人摔倒了，谁能帮忙搭把手送去医院？', { kind: 'help', anonymous: true });
  const page = openFeed('demo-resident-1');
  await settled();

  const card = cards(page).find((c) => c.excerpt.startsWith('家里老人摔倒了'));
  expect(card).toMatchObject({ author: '匿名邻居', kindName: '邻里互助', state: '求助中' });
  expect(screen(page)).toContain('匿名邻居');
  expect(screen(page)).toContain('求助中');
});

test('the kind filter shows only 失物招领', async () => {
  await post('demo-resident-7', '在 2 号楼门口捡到一串钥匙，已放在门卫室', { kind: 'lostFound' });
  const page = openFeed('demo-resident-1');
  await settled();
  expect(screen(page)).toContain('楼下的桂花开了');

  const tabs = page.querySelectorAll('.circle__tab');
  tabs.find((t) => t.dom?.textContent === '失物招领')!.dispatchEvent('tap');
  await settled();

  expect(cards(page).length).toBeGreaterThan(0);
  expect(cards(page).every((c) => c.kindName === '失物招领')).toBe(true);
  expect(screen(page)).toContain('捡到一串钥匙');
  expect(screen(page)).not.toContain('楼下的桂花开了');
});

test('scrolling to the bottom loads the second page of 25+ posts, 20 cards at most a setData; then 没有更多了', async () => {
  for (let n = 1; n <= 26; n += 1) await post(`demo-resident-${(n % 18) + 1}`, `第 ${n} 条邻里动态：今天天气不错`);
  const page = openFeed('demo-resident-1');
  await settled();
  const firstPage = cards(page).length;
  expect(firstPage).toBe(20);
  expect(screen(page)).not.toContain('第 1 条邻里动态');

  page.instance.onReachBottom();
  await settled();
  expect(cards(page).length).toBeGreaterThan(firstPage);
  expect(new Set(cards(page).map((c) => c.id)).size).toBe(cards(page).length);
  expect(screen(page)).toContain('第 6 条邻里动态');

  // The page appended by path: no setData carried the whole list again.
  const appends = setDataRecords().filter((r) => r.component === 'pages/circle/circle' && r.keys.some((k) => k.startsWith('cards[')));
  expect(appends.length).toBeGreaterThan(0);
  expect(appends.every((r) => r.keys.filter((k) => k.startsWith('cards[')).length <= 20)).toBe(true);

  while (page.data.more) {
    page.instance.onReachBottom();
    await settled();
  }
  expect(screen(page)).toContain('第 1 条邻里动态');
  expect(screen(page)).toContain('没有更多了');
});

test('when the next page fails to load, the feed says so and 重试 appends it', async () => {
  let reachable = true;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }));
  const page = openFeed('demo-resident-1', { request });
  await settled();
  const before = cards(page).length;

  reachable = false;
  page.instance.onReachBottom();
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');
  expect(cards(page).length).toBe(before);

  reachable = true;
  tapOn(page, '.circle__retry-more');
  await settled();
  expect(screen(page)).not.toContain('网络不给力');
  expect(cards(page).length).toBeGreaterThan(before);
});

test('发布 opens the compose page', async () => {
  const navigateTo = jest.fn();
  const page = openFeed('demo-resident-1', { navigateTo });
  await settled();
  tapOn(page, '.circle__compose');
  await settled();
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/compose/compose' });
});

test('a visitor with no building sees the empty state, not a blank page', async () => {
  const page = openFeed('demo-visitor-1');
  await settled();
  expect(cards(page)).toEqual([]);
  expect(page.querySelector('.list-page__empty')).toBeDefined();
  expect(screen(page)).not.toContain('加载中');
});

test("the feed shows each post's likes and comments, and which ones I liked", async () => {
  const id = await post('demo-resident-3', '周日早上一起去公园打太极');
  expect(await call(phone.emulator, 'demo-resident-1', 'circle', 'like', { postId: id })).toMatchObject({ ok: true });
  expect(await call(phone.emulator, 'demo-resident-4', 'circle', 'like', { postId: id })).toMatchObject({ ok: true });
  expect(await call(phone.emulator, 'demo-resident-4', 'circle', 'comment', { postId: id, content: '算我一个' })).toMatchObject({ ok: true });

  const mine = openFeed('demo-resident-1');
  await settled();
  const item = mine.querySelectorAll('.circle__item')[cards(mine).findIndex((c) => c.id === id)];
  expect(item.dom?.textContent).toContain('已赞 2');
  expect(item.dom?.textContent).toContain('评论 1');

  const theirs = openFeed('demo-resident-2');
  await settled();
  const other = theirs.querySelectorAll('.circle__item')[cards(theirs).findIndex((c) => c.id === id)];
  expect(other.dom?.textContent).toContain('赞 2');
  expect(other.dom?.textContent).not.toContain('已赞');
});

test("the page is headed by my community's name; 赞 on a card likes the post there (again: unlikes) without opening it", async () => {
  const id = await post('demo-resident-5', '楼下花园的月季开了');
  const navigateTo = jest.fn();
  const page = openFeed('demo-resident-2', { navigateTo });
  await settled();
  expect(element(page, '.circle__community').dom?.textContent).toBe('友邻居民区');

  const index = cards(page).findIndex((c) => c.id === id);
  const card = page.querySelectorAll('.circle__card')[index];
  const likes = () => element(card, '.post-card__likes').dom?.textContent ?? '';
  expect(likes()).toContain('赞 0');
  expect(card.querySelector('.post-card__comments')?.dom?.textContent).toContain('评论 0');

  tapOn(card, '.post-card__likes');
  await settled();
  expect(likes()).toContain('已赞 1');
  expect(navigateTo).not.toHaveBeenCalled();
  const again = await call(phone.emulator, 'demo-resident-3', 'circle', 'get', { postId: id });
  // the like is kept: a neighbour's feed counts it
  expect(again.data.item).toMatchObject({ likeCount: 1 });

  tapOn(card, '.post-card__likes');
  await settled();
  expect(likes()).not.toContain('已赞');
  expect(likes()).toContain('赞 0');
});

test('赞 on a card I liked on another phone since the feed was read counts my like once', async () => {
  const id = await post('demo-resident-5', '谁家的猫在楼道里睡觉');
  const page = openFeed('demo-resident-2');
  await settled();
  const card = page.querySelectorAll('.circle__card')[cards(page).findIndex((c) => c.id === id)];
  const likes = () => element(card, '.post-card__likes').dom?.textContent ?? '';
  expect(likes()).toContain('赞 0');
  expect(await call(phone.emulator, 'demo-resident-2', 'circle', 'like', { postId: id })).toMatchObject({ ok: true, data: { liked: true, changed: true } });

  tapOn(card, '.post-card__likes');
  await settled();
  expect(likes()).toContain('已赞 1');
  expect((await call(phone.emulator, 'demo-resident-3', 'circle', 'get', { postId: id })).data.item.likeCount).toBe(1);
});

test('a visitor sees no community name, only the feed of public notices', async () => {
  const page = openFeed('demo-visitor-1');
  await settled();
  expect(page.querySelector('.circle__community')).toBeUndefined();
});
