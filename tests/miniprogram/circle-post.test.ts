/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 帖子详情 (a post or notice in full) in miniprogram-simulate, in local mode against the emulator
 * running the real functions on the seeded demo neighbourhood: comments and replies, likes shown at
 * once and undone when the server says no, reports with a reason, 已解决 on my own help request,
 * the plain-words note on content under review, and a failed load that 重试 recovers.
 */
import { call } from '../helpers/app';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimComponent, SimPage, tap } from './simulate';
import { nextTurn } from './pending-work';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

function openPost(id: string, openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open('pages/post-detail/post-detail', openid, { query: { id }, wx });
}

async function post(openid: string, content: string, kind = 'neighbour'): Promise<string> {
  const posted = await call(phone.emulator, openid, 'circle', 'post', { kind, content });
  expect(posted).toMatchObject({ ok: true });
  return posted.data.id;
}

const textOf = (page: SimComponent, selector: string) => element(page, selector).dom?.textContent ?? '';
/** The comments and the box to write one (components/comment-thread). */
const thread = (page: SimPage) => element(page, '.post__thread');

test('a resident opens a post, comments, replies to a neighbour, likes it and sees the counts', async () => {
  const id = await post('demo-resident-2', '小区东门新开了一家早餐店，豆浆很香，推荐！');
  await call(phone.emulator, 'demo-resident-3', 'circle', 'comment', { postId: id, content: '是哪一家？' });

  const page = openPost(id, 'demo-resident-1');
  expect(screen(page)).toContain('加载中');
  await settled();
  expect(screen(page)).toContain('小区东门新开了一家早餐店，豆浆很香，推荐！');
  expect(screen(page)).toContain('是哪一家？');
  expect(screen(page)).toContain('评论 1');
  expect(textOf(page, '.post__like')).toBe('赞 0');

  // A comment on the post.
  typeInto(thread(page), '.post__input', '周末去试试');
  tapOn(thread(page), '.post__send');
  await settled();
  expect(screen(page)).toContain('周末去试试');
  expect(screen(page)).toContain('评论已发布');
  expect(screen(page)).toContain('评论 2');
  expect(thread(page).data.draft).toBe('');

  // A reply to the neighbour's question.
  const neighbour = thread(page)
    .querySelectorAll('.post__comment')
    .findIndex((c) => (c.dom?.textContent ?? '').includes('是哪一家？'));
  thread(page).querySelectorAll('.post__reply')[neighbour].dispatchEvent('tap');
  await settled();
  const asker = thread(page).data.replyName as string;
  expect(asker).toBeTruthy();
  expect(textOf(thread(page), '.post__replying-to')).toBe(`回复 ${asker}`);
  typeInto(thread(page), '.post__input', '东门进来左手第二家');
  tapOn(thread(page), '.post__send');
  await settled();
  expect(screen(page)).toContain(`回复 ${asker}：东门进来左手第二家`);
  expect(thread(page).querySelector('.post__replying')).toBeUndefined();

  const stored = await call(phone.emulator, 'demo-resident-2', 'circle', 'get', { postId: id });
  const reply = stored.data.comments.items.find((c: any) => c.content === '东门进来左手第二家');
  const question = stored.data.comments.items.find((c: any) => c.content === '是哪一家？');
  expect(reply.parentId).toBe(question.id);

  // Like, then take it back.
  tapOn(page, '.post__like');
  await settled();
  expect(textOf(page, '.post__like')).toBe('已赞 1');
  expect((await call(phone.emulator, 'demo-resident-2', 'circle', 'get', { postId: id })).data.item.likeCount).toBe(1);
  tapOn(page, '.post__like');
  await settled();
  expect(textOf(page, '.post__like')).toBe('赞 0');
  expect((await call(phone.emulator, 'demo-resident-2', 'circle', 'get', { postId: id })).data.item.likeCount).toBe(0);
});

test('a like shows at once, and is undone with the reason when it does not go through', async () => {
  const id = await post('demo-resident-2', '今晚楼下有露天电影');
  let likeFails = false;
  const request = (options: WxRequestOptions) => {
    if (likeFails && (options.data as { action: string }).action === 'like') {
      setTimeout(() => options.fail?.({ errMsg: 'request:fail net::ERR_CONNECTION_RESET' }), 20);
      return;
    }
    wxRequestOverHttp(options);
  };
  const page = openPost(id, 'demo-resident-1', { request });
  await settled();

  likeFails = true;
  tapOn(page, '.post__like');
  // At once: as soon as the tap is handled (j-component dispatches it in a microtask), before the
  // answer (here, the failure 20 ms later) comes back.
  await nextTurn();
  expect(textOf(page, '.post__like')).toBe('已赞 1');
  await settled();
  expect(textOf(page, '.post__like')).toBe('赞 0');
  expect(screen(page)).toContain('网络不给力，请稍后重试');
});

test("a resident reports a neighbour's comment with a reason from the list, and the committee sees it", async () => {
  const id = await post('demo-resident-2', '出售九成新婴儿车');
  const bad = await call(phone.emulator, 'demo-resident-3', 'circle', 'comment', { postId: id, content: '便宜出各种发票，私信我' });
  expect(bad).toMatchObject({ ok: true });

  const showActionSheet = jest.fn((o: { itemList: string[]; success(res: { tapIndex: number }): void }) => o.success({ tapIndex: 0 }));
  const page = openPost(id, 'demo-resident-1', { showActionSheet });
  await settled();
  tapOn(thread(page), '.post__comment-report');
  await settled();

  expect(showActionSheet.mock.calls[0][0].itemList[0]).toBe('广告或骚扰');
  expect(screen(page)).toContain('已收到你的举报，居委会会尽快核实处理');
  const reports = await call(phone.emulator, 'demo-committee', 'circle', 'reports', { communityId: 'demo-community' });
  expect(reports.data.items).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'comment', targetId: bad.data.id, reason: '广告或骚扰' })]));
});

test('a report for 其他 asks the reason in words, and a reason too short is refused before sending', async () => {
  const id = await post('demo-resident-2', '谁能帮我收个快递');
  let typed = '差';
  const showActionSheet = (o: { itemList: string[]; success(res: { tapIndex: number }): void }) => o.success({ tapIndex: o.itemList.indexOf('其他') });
  const showModal = jest.fn((o: { editable?: boolean; success(res: { confirm: boolean; content: string }): void }) => o.success({ confirm: true, content: typed }));
  const page = openPost(id, 'demo-resident-1', { showActionSheet, showModal });
  await settled();

  tapOn(page, '.post__report');
  await settled();
  expect(showModal.mock.calls[0][0].editable).toBe(true);
  expect(screen(page)).toContain('理由不能少于 2 个字');

  typed = '同一条内容反复发了很多次';
  tapOn(page, '.post__report');
  await settled();
  expect(screen(page)).toContain('已收到你的举报');
  const reports = await call(phone.emulator, 'demo-committee', 'circle', 'reports', { communityId: 'demo-community' });
  expect(reports.data.items).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'post', targetId: id, reason: '同一条内容反复发了很多次' })]));
});

test('the author marks a help request 已解决, and can open it again', async () => {
  const id = await post('demo-resident-5', '想借一个梯子换灯泡', 'help');
  const page = openPost(id, 'demo-resident-5');
  await settled();
  expect(screen(page)).toContain('求助中');
  expect(page.querySelector('.post__report')).toBeUndefined();

  tapOn(page, '.post__resolve');
  await settled();
  expect(screen(page)).toContain('已解决');
  expect((await call(phone.emulator, 'demo-resident-1', 'circle', 'get', { postId: id })).data.item.resolved).toBe(true);

  tapOn(page, '.post__resolve');
  await settled();
  expect(screen(page)).toContain('求助中');
  expect((await call(phone.emulator, 'demo-resident-1', 'circle', 'get', { postId: id })).data.item.resolved).toBe(false);
});

test("a neighbour does not get the 已解决 switch on someone else's help request", async () => {
  const id = await post('demo-resident-5', '求一张周日的电影票', 'help');
  const page = openPost(id, 'demo-resident-1');
  await settled();
  expect(screen(page)).toContain('求助中');
  expect(page.querySelector('.post__resolve')).toBeUndefined();
});

test('the author of a post under review is told so in plain words; a neighbour cannot open it', async () => {
  const id = await post('demo-resident-6', '有需要家政阿姨的可以加微信聊');
  const mine = openPost(id, 'demo-resident-6');
  await settled();
  expect(screen(mine)).toContain('内容需要人工审核，审核通过后邻居们才能看到');
  expect(thread(mine).querySelector('.post__compose')).toBeUndefined();

  const theirs = openPost(id, 'demo-resident-1');
  await settled();
  expect(screen(theirs)).toContain('没有找到这条内容');
  expect(theirs.querySelector('.post__retry')).toBeDefined();
});

test('a comment under review is shown to its author with the plain-words note', async () => {
  const id = await post('demo-resident-2', '周六一起打羽毛球');
  const page = openPost(id, 'demo-resident-1');
  await settled();
  typeInto(thread(page), '.post__input', '我来，想组队的私聊我');
  tapOn(thread(page), '.post__send');
  await settled();
  expect(screen(page)).toContain('评论需要人工审核，审核通过后邻居们才能看到');
  expect(screen(page)).toContain('评论 0');
});

test('when the post cannot load, the page says so and 重试 brings it', async () => {
  const id = await post('demo-resident-2', '今天的快递柜坏了');
  let reachable = false;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }));
  const page = openPost(id, 'demo-resident-1', { request });
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');

  reachable = true;
  tap(element(page, '.post__retry'));
  await settled();
  expect(screen(page)).toContain('今天的快递柜坏了');
  expect(screen(page)).not.toContain('网络不给力');
});

test('more than 20 comments: 加载更多评论 brings the rest', async () => {
  const id = await post('demo-resident-2', '大家对小区停车有什么建议？');
  for (let n = 1; n <= 23; n += 1) {
    expect(await call(phone.emulator, `demo-resident-${(n % 15) + 3}`, 'circle', 'comment', { postId: id, content: `建议 ${n}` })).toMatchObject({ ok: true });
  }
  const page = openPost(id, 'demo-resident-1');
  await settled();
  expect(thread(page).data.comments).toHaveLength(20);
  expect(screen(page)).not.toContain('建议 23');

  tapOn(thread(page), '.post__more-comments');
  await settled();
  expect(thread(page).data.comments).toHaveLength(23);
  expect(screen(page)).toContain('建议 23');
  expect(thread(page).querySelector('.post__more-comments')).toBeUndefined();
});
