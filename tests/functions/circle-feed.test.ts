import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMITTEE, GRID1_NEIGHBOUR, GRID1_RESIDENT, GRID2_RESIDENT, VISITOR, feedIds, noticeAs, postAs } from './circle-fixtures';
import { addOtherCommunity, okCall } from './neighbourhood';

/**
 * The feed shows what each person may see: their community's posts and the notices whose audience
 * includes their building; visitors see public notices only (a notice with `audience: { kind:
 * 'public' }`: everyone, bound or not). Pinned notices lead the first page; the rest is newest first
 * with a cursor that stays stable while neighbours keep posting.
 */
describe('circle feed', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
  });
  afterAll(() => emulator.close());

  it('a resident posts and a neighbour of the same community sees it; another community does not', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '谁家丢了一只橘猫？在2号楼楼下。');
    expect(post).toMatchObject({ status: 'published', kind: 'neighbour', author: { displayName: expect.any(String), building: expect.any(String), openid: null } });
    expect(await feedIds(emulator, GRID2_RESIDENT)).toContain(post.id);
    expect(await feedIds(emulator, 'other-resident-1')).not.toContain(post.id);
    expect((await call(emulator, 'other-resident-1', 'circle', 'get', { postId: post.id })).error.code).toBe('NOT_FOUND');
  });

  it('a notice for grid 1 reaches grid 1 only; a building notice only that building; the committee sees all', async () => {
    const grid = await noticeAs(emulator, { title: '1网格电梯检修', audience: { kind: 'grids', ids: ['demo-grid-1'] } });
    const building = await noticeAs(emulator, { title: '3号楼消防演练', audience: { kind: 'buildings', ids: ['demo-building-3'] } });
    const g1 = await feedIds(emulator, GRID1_RESIDENT);
    const g2 = await feedIds(emulator, GRID2_RESIDENT);
    expect(g1).toContain(grid.id);
    expect(g1).not.toContain(building.id);
    expect(g2).not.toContain(grid.id);
    expect(g2).toContain(building.id);
    expect((await call(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: grid.id })).error.code).toBe('NOT_FOUND');
    const committee = await feedIds(emulator, COMMITTEE);
    expect(committee).toEqual(expect.arrayContaining([grid.id, building.id]));
  });

  it('a notice is signed by 友邻居民区居委会, not by the committee member who typed it; the committee still sees who', async () => {
    const notice = await noticeAs(emulator, { title: '楼道清理通知', audience: { kind: 'community' } });
    const seen = await okCall(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: notice.id });
    expect(seen.item.author).toEqual({ displayName: '友邻居民区居委会', building: null, openid: null, anonymous: false });
    const byCommittee = await okCall(emulator, COMMITTEE, 'circle', 'get', { postId: notice.id });
    expect(byCommittee.item.author.openid).toBe(COMMITTEE);
  });

  it('a visitor sees public notices only: not community notices, not posts', async () => {
    const open = await noticeAs(emulator, { title: '社区开放日', audience: { kind: 'public' } });
    const closed = await noticeAs(emulator, { title: '居民议事会', audience: { kind: 'community' } });
    const post = await postAs(emulator, GRID1_NEIGHBOUR, '周末一起去公园跑步吗？');
    for (const data of [{}, { communityId: 'demo-community' }]) {
      const seen = await feedIds(emulator, VISITOR, data);
      expect(seen).toContain(open.id);
      expect(seen).not.toContain(closed.id);
      expect(seen).not.toContain(post.id);
    }
    expect(await okCall(emulator, VISITOR, 'circle', 'get', { postId: open.id })).toMatchObject({ item: { id: open.id } });
    expect((await call(emulator, VISITOR, 'circle', 'get', { postId: closed.id })).error.code).toBe('NOT_FOUND');
    // A resident of another community looking at this one sees its public notices only, too.
    const outsider = await feedIds(emulator, 'other-resident-1', { communityId: 'demo-community' });
    expect(outsider).toContain(open.id);
    expect(outsider).not.toContain(closed.id);
  });

  it('pinned notices lead the first page only; a notice read counts once per person', async () => {
    const pinned = await noticeAs(emulator, { title: '置顶：垃圾分类新规', pinned: true });
    await postAs(emulator, GRID1_RESIDENT, '置顶之后的一条新动态');
    const first = await okCall(emulator, GRID2_RESIDENT, 'circle', 'feed', { limit: 3 });
    expect(first.items[0]).toMatchObject({ id: pinned.id, pinned: true });
    expect(first.items.length).toBeLessThanOrEqual(3);
    const all = await feedIds(emulator, GRID2_RESIDENT, { limit: 3 });
    expect(all.filter((id) => id === pinned.id)).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
    await okCall(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: pinned.id });
    await okCall(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: pinned.id });
    await Promise.all(['demo-resident-5', 'demo-resident-6', 'demo-resident-5'].map((p) => okCall(emulator, p, 'circle', 'get', { postId: pinned.id })));
    expect((await okCall(emulator, COMMITTEE, 'circle', 'get', { postId: pinned.id })).item.readCount).toBe(4);
  });

  it('paging through while neighbours keep posting: no duplicates, nothing that existed at the start is skipped', async () => {
    for (let i = 0; i < 45; i++) await postAs(emulator, `demo-resident-${(i % 20) + 1}`, `分页测试动态 ${i}`);
    const before = await feedIds(emulator, GRID1_RESIDENT);
    const seen: string[] = [];
    let cursor: string | undefined;
    let writes = 0;
    for (;;) {
      const [res] = await Promise.all([
        okCall(emulator, GRID1_RESIDENT, 'circle', 'feed', { limit: 7, ...(cursor ? { cursor } : {}) }),
        postAs(emulator, `demo-resident-${(writes++ % 20) + 1}`, `翻页时的新动态 ${writes}`),
        postAs(emulator, `demo-resident-${(writes++ % 20) + 1}`, `翻页时的新动态 ${writes}`),
      ]);
      seen.push(...res.items.map((i: { id: string }) => i.id));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(before.filter((id) => !seen.includes(id))).toEqual([]);
  });

  it('an anonymous mutual-help request hides its author from neighbours but not from the committee', async () => {
    const help = await okCall(emulator, GRID1_RESIDENT, 'circle', 'post', { kind: 'help', content: '家里老人需要有人帮忙取药', anonymous: true });
    expect(help).toMatchObject({ resolved: false, mine: true });
    const neighbour = await okCall(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: help.id });
    expect(neighbour.item.author).toEqual({ displayName: '匿名邻居', building: null, openid: null, anonymous: true });
    const committee = await okCall(emulator, COMMITTEE, 'circle', 'get', { postId: help.id });
    expect(committee.item.author).toMatchObject({ openid: GRID1_RESIDENT, anonymous: true });
    expect(JSON.stringify(neighbour)).not.toContain(GRID1_RESIDENT);
    expect((await call(emulator, GRID1_RESIDENT, 'circle', 'post', { kind: 'neighbour', content: '匿名动态', anonymous: true })).error.code).toBe('INVALID_ARGUMENT');
    expect(await okCall(emulator, GRID1_RESIDENT, 'circle', 'resolve', { postId: help.id, resolved: true })).toMatchObject({ resolved: true });
    expect((await call(emulator, GRID2_RESIDENT, 'circle', 'resolve', { postId: help.id, resolved: false })).error.code).toBe('NOT_FOUND');
  });

  it('comments and replies, paginated oldest first', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '小区门口新开了一家早餐店');
    const first = await okCall(emulator, GRID2_RESIDENT, 'circle', 'comment', { postId: post.id, content: '豆浆很好喝' });
    const reply = await okCall(emulator, GRID1_RESIDENT, 'circle', 'comment', { postId: post.id, content: '同意！', replyTo: first.id });
    expect(reply.parentId).toBe(first.id);
    for (let i = 0; i < 21; i++) await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'comment', { postId: post.id, content: `第${i}条评论` });
    const page1 = await okCall(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: post.id });
    expect(page1.item.commentCount).toBe(23);
    expect(page1.comments.items).toHaveLength(20);
    expect(page1.comments.items[0].id).toBe(first.id);
    const page2 = await okCall(emulator, GRID2_RESIDENT, 'circle', 'get', { postId: post.id, cursor: page1.comments.nextCursor });
    expect(page2.comments.items).toHaveLength(3);
    expect(page2.comments.nextCursor).toBeNull();
    expect((await call(emulator, GRID1_RESIDENT, 'circle', 'comment', { postId: post.id, content: '回复不存在的评论', replyTo: 'nope' })).error.code).toBe('NOT_FOUND');
    expect((await call(emulator, VISITOR, 'circle', 'comment', { postId: post.id, content: '我也想说' })).error.code).toBe('NOT_FOUND');
  });
});
