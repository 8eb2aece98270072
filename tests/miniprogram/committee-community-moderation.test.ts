/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 内容审核 and 举报处理 (packageCommittee/pages/moderation, reports) in miniprogram-simulate against
 * the emulator running the real functions on the seeded demo neighbourhood: what the content check
 * held back waits for the committee, and what neighbours reported is hidden or shown again; the
 * residents' circle follows.
 */
import { call } from '../helpers/app';
import { SimPage } from './simulate';
import { screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

function open(path: 'moderation' | 'reports', openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open(`packageCommittee/pages/${path}/${path}`, openid, { wx });
}

/** The button of `selector` on the row that shows `content`. */
function buttonFor(page: SimPage, selector: string, content: string) {
  const index = (page.data.rows as Array<{ content: string }>).findIndex((r) => r.content === content);
  expect(index).toBeGreaterThanOrEqual(0);
  return page.querySelectorAll(selector)[index];
}

async function ok(openid: string, fn: string, action: string, data: unknown) {
  const answer = await call(phone.emulator, openid, fn, action, data);
  expect(answer).toMatchObject({ ok: true });
  return answer.data;
}

const feedContents = async (openid: string): Promise<string[]> => (await ok(openid, 'circle', 'feed', {})).items.map((i: { content: string }) => i.content);

describe('内容审核', () => {
  test('a post with a word the check holds for review waits in the queue; approving it shows it to the neighbours', async () => {
    const text = '楼下新开了水果店，想团购的邻居加微信我拉群';
    expect(await ok('demo-resident-1', 'circle', 'post', { kind: 'neighbour', content: text })).toMatchObject({ status: 'review' });
    expect(await feedContents('demo-resident-2')).not.toContain(text);

    const page = open('moderation', 'demo-committee');
    expect(screen(page)).toContain('加载中');
    await settled();
    expect(screen(page)).toContain(text);
    expect(screen(page)).toContain('邻里动态 · 文字待审核');

    buttonFor(page, '.moderation__approve', text).dispatchEvent('tap');
    await settled();
    expect(screen(page)).toContain('已通过，邻居们现在能看到了');
    expect(screen(page)).not.toContain(text);
    expect(await feedContents('demo-resident-2')).toContain(text);
  });

  test("a neighbour's picture waits for the committee: shown in the queue from storage, and after 通过 to everyone", async () => {
    const fileId = await phone.emulator.storage.store('circle/20261101/lost-cat.png', Buffer.from('89504e470d0a1a0a', 'hex'));
    const text = '谁家的橘猫在 2 号楼下，戴红色项圈';
    const post = await ok('demo-resident-2', 'circle', 'post', { kind: 'lostFound', content: text, images: [fileId] });
    expect(post).toMatchObject({ status: 'published', imageStatus: 'pending' });
    const before = (await ok('demo-resident-3', 'circle', 'feed', {})).items.find((i: { id: string }) => i.id === post.id);
    expect(before.images).toEqual([]);

    const page = open('moderation', 'demo-committee');
    await settled();
    expect(screen(page)).toContain('失物招领 · 图片待审核');
    const row = (page.data.rows as Array<{ content: string; images: string[] }>).find((r) => r.content === text);
    expect(row!.images).toEqual([`${phone.emulator.url}/emulator/file?id=${encodeURIComponent(fileId)}`]);

    buttonFor(page, '.moderation__approve', text).dispatchEvent('tap');
    await settled();
    const after = (await ok('demo-resident-3', 'circle', 'feed', {})).items.find((i: { id: string }) => i.id === post.id);
    expect(after.images).toEqual([fileId]);
  });

  test('a held comment is found under 评论; 隐藏 keeps it from the neighbours', async () => {
    const post = await ok('demo-resident-5', 'circle', 'post', { kind: 'neighbour', content: '谁家的快递放错到我家门口了' });
    const comment = await ok('demo-resident-6', 'circle', 'comment', { postId: post.id, content: '是我的，私聊你地址' });
    expect(comment.status).toBe('review');

    const page = open('moderation', 'demo-committee');
    await settled();
    tapOn(page, '.moderation__tab--comment');
    await settled();
    expect(screen(page)).toContain('是我的，私聊你地址');

    buttonFor(page, '.moderation__hide', '是我的，私聊你地址').dispatchEvent('tap');
    await settled();
    expect(screen(page)).toContain('已隐藏，只有作者本人还能看到');
    expect(screen(page)).toContain('没有待审核的评论');
    const seen = await ok('demo-resident-7', 'circle', 'get', { postId: post.id });
    expect(seen.comments.items.map((c: { content: string }) => c.content)).not.toContain('是我的，私聊你地址');
  });
});

describe('举报处理', () => {
  test('a comment reported twice shows its text, the reasons and the count; 隐藏 with a reason takes it away from residents', async () => {
    const post = await ok('demo-resident-9', 'circle', 'post', { kind: 'help', content: '求借一个打气筒，明天还' });
    const rude = '你自己不会去买吗，烦不烦';
    const comment = await ok('demo-resident-10', 'circle', 'comment', { postId: post.id, content: rude });
    await ok('demo-resident-9', 'circle', 'report', { target: 'comment', id: comment.id, reason: '言语攻击' });
    await ok('demo-resident-11', 'circle', 'report', { target: 'comment', id: comment.id, reason: '不友善' });
    const before = await ok('demo-resident-11', 'circle', 'get', { postId: post.id });
    expect(before.comments.items.map((c: { content: string }) => c.content)).toContain(rude);

    const asked: string[] = [];
    const showModal = (options: { title: string; success: (res: { confirm: boolean; cancel: boolean; content: string }) => void }) => {
      asked.push(options.title);
      options.success({ confirm: true, cancel: false, content: '评论不友善' });
    };
    const page = open('reports', 'demo-committee', { showModal });
    await settled();
    expect(screen(page)).toContain(rude);
    expect(screen(page)).toContain('举报理由：言语攻击；不友善');
    expect(screen(page)).toContain('2 次');
    expect(screen(page)).toContain('查看评论所在的帖子');
    expect((page.data.rows as Array<{ content: string; postUrl: string }>).find((r) => r.content === rude)!.postUrl).toBe(`/pages/post-detail/post-detail?id=${post.id}`);

    buttonFor(page, '.reports__hide', rude).dispatchEvent('tap');
    await settled();
    expect(asked).toEqual(['隐藏理由']);
    expect(screen(page)).toContain('已隐藏，居民看不到了，关闭了 2 条举报');
    expect(screen(page)).not.toContain(rude);

    const after = await ok('demo-resident-11', 'circle', 'get', { postId: post.id });
    expect(after.comments.items.map((c: { content: string }) => c.content)).not.toContain(rude);
    // Opening the queue again: nothing left for that comment.
    const again = open('reports', 'demo-committee');
    await settled();
    expect(screen(again)).not.toContain(rude);
  });

  test('恢复 keeps a post reported by mistake: its report closes and neighbours still see it', async () => {
    const text = '周六上午在小花园教大家做八段锦';
    const post = await ok('demo-resident-13', 'circle', 'post', { kind: 'neighbour', content: text });
    await ok('demo-resident-14', 'circle', 'report', { target: 'post', id: post.id, reason: '像是广告' });

    const page = open('reports', 'demo-committee');
    await settled();
    expect(screen(page)).toContain('1 次');
    buttonFor(page, '.reports__restore', text).dispatchEvent('tap');
    await settled();
    expect(screen(page)).toContain('已恢复显示，关闭了 1 条举报');
    expect(screen(page)).not.toContain(text);
    expect(await feedContents('demo-resident-15')).toContain(text);
  });

  test('a hide without a reason is not sent', async () => {
    const text = '收二手冰箱，价格好商量';
    const post = await ok('demo-resident-17', 'circle', 'post', { kind: 'neighbour', content: text });
    await ok('demo-resident-18', 'circle', 'report', { target: 'post', id: post.id, reason: '广告' });
    const toasts: string[] = [];
    const page = open('reports', 'demo-committee', {
      showModal: (o: { success: (res: { confirm: boolean; cancel: boolean; content: string }) => void }) => o.success({ confirm: true, cancel: false, content: ' ' }),
      showToast: (o: { title: string }) => toasts.push(o.title),
    });
    await settled();
    buttonFor(page, '.reports__hide', text).dispatchEvent('tap');
    await settled();
    expect(toasts).toEqual(['请写明隐藏理由']);
    expect(screen(page)).toContain(text);
    expect(await feedContents('demo-resident-19')).toContain(text);
  });
});

test.each(['moderation', 'reports'] as const)('a plain resident opening %s is refused in plain words', async (path) => {
  const page = open(path, 'demo-resident-4');
  await settled();
  expect(screen(page)).toContain('只有居委会成员可以使用这个页面');
  expect(screen(page)).toContain('重试');
});
