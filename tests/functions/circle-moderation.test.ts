import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, GRID1_RESIDENT, GRID2_RESIDENT, feedIds, noticeAs, postAs } from './circle-fixtures';
import { everything, okCall } from './neighbourhood';

/**
 * Every text goes through security.msgSecCheck v2 before anyone else sees it: risky is refused with
 * a reason and nothing written; review is stored for the author and the committee's queue only; a
 * failing check publishes nothing (fail closed). Images wait for the committee. Reports, hide,
 * restore, remove.
 */
describe('circle moderation', () => {
  let emulator: Emulator;
  const saved = { risky: process.env.YOULIN_RISKY_WORDS, review: process.env.YOULIN_REVIEW_WORDS, fail: process.env.YOULIN_MSGSECCHECK_FAIL };
  beforeAll(async () => {
    process.env.YOULIN_RISKY_WORDS = '代开发票:20006,傻瓜:20003';
    process.env.YOULIN_REVIEW_WORDS = '加微信';
    emulator = await startApp();
  });
  afterEach(() => {
    delete process.env.YOULIN_MSGSECCHECK_FAIL;
  });
  afterAll(async () => {
    await emulator.close();
    for (const [key, value] of [
      ['YOULIN_RISKY_WORDS', saved.risky],
      ['YOULIN_REVIEW_WORDS', saved.review],
      ['YOULIN_MSGSECCHECK_FAIL', saved.fail],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('a risky post, notice or comment is refused with the reason, and nothing is written', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '楼下花坛的月季开了');
    const before = everything(emulator);
    const refused = await call(emulator, GRID1_RESIDENT, 'circle', 'post', { kind: 'neighbour', content: '专业代开发票，价格优惠' });
    expect(refused.error).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/违法犯罪.*未能发布/) });
    expect((await call(emulator, GRID2_RESIDENT, 'circle', 'comment', { postId: post.id, content: '你是傻瓜' })).error.message).toMatch(/辱骂/);
    expect((await call(emulator, COMMITTEE, 'circle', 'notice', { communityId: 'demo-community', title: '代开发票', content: '通知', audience: { kind: 'community' } })).error.code).toBe(
      'INVALID_ARGUMENT',
    );
    expect(everything(emulator)).toEqual(before);
  });

  it('when the check fails, nothing is published and the author is told to try later', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '周六社区义诊');
    const before = everything(emulator);
    process.env.YOULIN_MSGSECCHECK_FAIL = '1';
    for (const res of [
      await call(emulator, GRID1_RESIDENT, 'circle', 'post', { kind: 'neighbour', content: '完全正常的一条动态' }),
      await call(emulator, GRID2_RESIDENT, 'circle', 'comment', { postId: post.id, content: '谢谢通知' }),
      await call(emulator, COMMITTEE, 'circle', 'notice', { communityId: 'demo-community', title: '通知标题', content: '通知内容', audience: { kind: 'community' } }),
    ])
      expect(res.error).toEqual({ code: 'FAILED_PRECONDITION', message: '内容审核暂时不可用，请稍后再发' });
    expect(everything(emulator)).toEqual(before);
  });

  it('text sent to review is seen only by its author and in the committee queue until approved', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '有需要二手家具的加微信');
    expect(post.status).toBe('review');
    expect(await feedIds(emulator, GRID1_RESIDENT)).toContain(post.id);
    expect(await feedIds(emulator, GRID2_RESIDENT)).not.toContain(post.id);
    expect((await call(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: post.id })).error.code).toBe('NOT_FOUND');
    const queue = await okCall(emulator, COMMITTEE, 'circle', 'reviewQueue', { communityId: 'demo-community' });
    expect(queue.items.map((e: { id: string }) => e.id)).toContain(post.id);
    expect(queue.items.find((e: { id: string }) => e.id === post.id).author.openid).toBe(GRID1_RESIDENT);
    expect(await okCall(emulator, COMMITTEE, 'circle', 'moderate', { target: 'post', id: post.id, decision: 'approve' })).toMatchObject({ status: 'published' });
    expect(await feedIds(emulator, GRID2_RESIDENT)).toContain(post.id);
    expect((await okCall(emulator, COMMITTEE, 'circle', 'reviewQueue', { communityId: 'demo-community' })).items.map((e: { id: string }) => e.id)).not.toContain(post.id);
  });

  it('a comment under review waits in the comment queue and does not count until approved', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '楼道灯坏了');
    const c = await okCall(emulator, GRID2_RESIDENT, 'circle', 'comment', { postId: post.id, content: '修灯师傅电话加微信问' });
    expect(c.status).toBe('review');
    expect((await okCall(emulator, GRID1_RESIDENT, 'circle', 'get', { postId: post.id })).comments.items).toHaveLength(0);
    const queue = await okCall(emulator, COMMITTEE, 'circle', 'reviewQueue', { communityId: 'demo-community', target: 'comment' });
    expect(queue.items.map((e: { id: string }) => e.id)).toContain(c.id);
    await okCall(emulator, COMMITTEE, 'circle', 'moderate', { target: 'comment', id: c.id, decision: 'hide' });
    const after = await okCall(emulator, GRID1_RESIDENT, 'circle', 'get', { postId: post.id });
    expect(after.item.commentCount).toBe(0);
    expect(after.comments.items).toHaveLength(0);
  });

  it('images are shown to others only after the committee approves them', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '捡到一串钥匙', { kind: 'lostFound', images: ['cloud://env.bucket/keys.jpg'] });
    expect(post).toMatchObject({ status: 'published', imageStatus: 'pending', images: ['cloud://env.bucket/keys.jpg'] });
    expect((await okCall(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: post.id })).item).toMatchObject({ images: [], imageStatus: 'pending' });
    await okCall(emulator, COMMITTEE, 'circle', 'moderate', { target: 'post', id: post.id, decision: 'approve' });
    expect((await okCall(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: post.id })).item).toMatchObject({ images: ['cloud://env.bucket/keys.jpg'], imageStatus: 'approved' });
  });

  it('reports go to the committee queue; hide closes them and hides the post from all but its author; restore brings it back', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '出售自家种的青菜');
    expect(await okCall(emulator, GRID2_RESIDENT, 'circle', 'report', { target: 'post', id: post.id, reason: '小区群里禁止买卖' })).toEqual({ reported: true });
    await okCall(emulator, GRID2_RESIDENT, 'circle', 'report', { target: 'post', id: post.id, reason: '小区群里禁止买卖' });
    await okCall(emulator, 'demo-resident-5', 'circle', 'report', { target: 'post', id: post.id, reason: '商业广告' });
    const queue = await okCall(emulator, COMMITTEE, 'circle', 'reports', { communityId: 'demo-community' });
    expect(queue.items.filter((r: { targetId: string }) => r.targetId === post.id)).toHaveLength(2);
    expect(await okCall(emulator, COMMITTEE, 'circle', 'hide', { target: 'post', id: post.id, reason: '不允许商业买卖' })).toEqual({ status: 'hidden', reportsClosed: 2 });
    expect(await feedIds(emulator, GRID2_RESIDENT)).not.toContain(post.id);
    expect((await okCall(emulator, GRID1_RESIDENT, 'circle', 'get', { postId: post.id })).item.status).toBe('hidden');
    expect((await okCall(emulator, COMMITTEE, 'circle', 'reports', { communityId: 'demo-community' })).items.filter((r: { targetId: string }) => r.targetId === post.id)).toHaveLength(0);
    expect(await okCall(emulator, COMMITTEE, 'circle', 'restore', { target: 'post', id: post.id })).toEqual({ status: 'published', reportsClosed: 0 });
    expect(await feedIds(emulator, GRID2_RESIDENT)).toContain(post.id);
  });

  it('authors remove their own posts and comments; nobody else can', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '明天一起拼车去虹桥');
    const c = await okCall(emulator, GRID2_RESIDENT, 'circle', 'comment', { postId: post.id, content: '我也去' });
    expect((await call(emulator, GRID1_RESIDENT, 'circle', 'remove', { target: 'comment', id: c.id })).error.code).toBe('PERMISSION_DENIED');
    expect((await call(emulator, COMMITTEE, 'circle', 'remove', { target: 'post', id: post.id })).error.code).toBe('PERMISSION_DENIED');
    expect(await okCall(emulator, GRID2_RESIDENT, 'circle', 'remove', { target: 'comment', id: c.id })).toEqual({ status: 'removed' });
    expect((await okCall(emulator, GRID1_RESIDENT, 'circle', 'get', { postId: post.id })).item.commentCount).toBe(0);
    expect(await okCall(emulator, GRID1_RESIDENT, 'circle', 'remove', { target: 'post', id: post.id })).toEqual({ status: 'removed' });
    expect((await call(emulator, COMMITTEE, 'circle', 'get', { postId: post.id })).error.code).toBe('NOT_FOUND');
  });

  it('notices are checked like posts and reach the queue when the check says review', async () => {
    const n = await noticeAs(emulator, { title: '志愿者招募', content: '报名请加微信' });
    expect(n.status).toBe('review');
    expect(await feedIds(emulator, GRID2_RESIDENT)).not.toContain(n.id);
  });
});
