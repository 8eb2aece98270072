import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { COMMITTEE, GRID1_NEIGHBOUR, GRID1_RESIDENT, GRID2_RESIDENT, VISITOR, noticeAs, postAs } from './circle-fixtures';
import { call } from '../helpers/app';
import { okCall } from './neighbourhood';

/** Likes are idempotent (one document per person and post) and the count stays exact under concurrency. */
describe('circle likes', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  const count = async (postId: string) => (await okCall(emulator, GRID1_RESIDENT, 'circle', 'get', { postId })).item.likeCount;

  it('liking twice counts once; unliking twice uncounts once', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '给楼组长点个赞');
    expect(await okCall(emulator, 'demo-resident-2', 'circle', 'like', { postId: post.id })).toEqual({ liked: true, changed: true });
    expect(await okCall(emulator, 'demo-resident-2', 'circle', 'like', { postId: post.id })).toEqual({ liked: true, changed: false });
    expect(await count(post.id)).toBe(1);
    expect((await okCall(emulator, 'demo-resident-2', 'circle', 'get', { postId: post.id })).item.likedByMe).toBe(true);
    expect(await okCall(emulator, 'demo-resident-2', 'circle', 'unlike', { postId: post.id })).toEqual({ liked: false, changed: true });
    expect(await okCall(emulator, 'demo-resident-2', 'circle', 'unlike', { postId: post.id })).toEqual({ liked: false, changed: false });
    expect(await count(post.id)).toBe(0);
  });

  it('100 concurrent like/unlike calls leave the exact count of people who like it', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '100 个并发点赞');
    const people = Array.from({ length: 20 }, (_, i) => `demo-resident-${i + 1}`);
    // Each person: like ×3, unlike ×1, like ×1 at once (100 calls); then settle on a known final state.
    const calls = people.flatMap((p) => ['like', 'like', 'unlike', 'like', 'like'].map((action) => okCall(emulator, p, 'circle', action, { postId: post.id })));
    expect(calls).toHaveLength(100);
    await Promise.all(calls);
    const liked = emulator.db.find('post_likes', { postId: post.id }, { limit: 1000 }).length;
    expect(await count(post.id)).toBe(liked);
    await Promise.all(people.map((p, i) => okCall(emulator, p, 'circle', i % 4 === 0 ? 'unlike' : 'like', { postId: post.id })));
    expect(await count(post.id)).toBe(15);
    expect(emulator.db.find('post_likes', { postId: post.id }, { limit: 1000 })).toHaveLength(15);
  });

  // A like and a report of a post of my community move the post's counter first, on a condition that
  // is the check: a refusal must still say why, as a read would, and leave no trace.
  it('a refused like or report says why and changes nothing', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '只给本小区看的动态');
    const gridNotice = await noticeAs(emulator, { title: '一网格通知', audience: { kind: 'grids', ids: ['demo-grid-1'] } });
    const publicNotice = await noticeAs(emulator, { title: '公开通知', audience: { kind: 'public' } });
    const hidden = await postAs(emulator, GRID1_RESIDENT, '将被隐藏的动态');
    await okCall(emulator, COMMITTEE, 'circle', 'hide', { target: 'post', id: hidden.id });
    const refused: [string, string, Record<string, unknown>, string][] = [
      [VISITOR, 'like', { postId: post.id }, 'NOT_FOUND'],
      [GRID2_RESIDENT, 'like', { postId: gridNotice.id }, 'NOT_FOUND'],
      [GRID2_RESIDENT, 'unlike', { postId: gridNotice.id }, 'NOT_FOUND'],
      [VISITOR, 'like', { postId: publicNotice.id }, 'PERMISSION_DENIED'],
      [GRID1_NEIGHBOUR, 'like', { postId: hidden.id }, 'NOT_FOUND'],
      [GRID1_RESIDENT, 'like', { postId: hidden.id }, 'FAILED_PRECONDITION'],
      [GRID1_RESIDENT, 'like', { postId: 'no-such-post' }, 'NOT_FOUND'],
      [VISITOR, 'report', { target: 'post', id: post.id, reason: '举报' }, 'NOT_FOUND'],
      [GRID2_RESIDENT, 'report', { target: 'post', id: gridNotice.id, reason: '举报' }, 'NOT_FOUND'],
      [GRID1_NEIGHBOUR, 'report', { target: 'post', id: hidden.id, reason: '举报' }, 'NOT_FOUND'],
      [GRID1_RESIDENT, 'report', { target: 'post', id: 'no-such-post', reason: '举报' }, 'NOT_FOUND'],
    ];
    for (const [as, action, data, code] of refused) expect({ as, action, code: (await call(emulator, as, 'circle', action, data)).error?.code }).toEqual({ as, action, code });
    for (const id of [post.id, gridNotice.id, publicNotice.id, hidden.id]) {
      expect(emulator.db.find('posts', { _id: id })[0]).toMatchObject({ likeCount: 0, reportCount: 0 });
      expect(emulator.db.find('post_likes', { postId: id })).toHaveLength(0);
      expect(emulator.db.find('reports', { targetId: id })).toHaveLength(0);
    }
    // Whom it is for may: a grid-1 resident and the committee like the grid's notice; a visitor reports a public notice (read first).
    expect(await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'like', { postId: gridNotice.id })).toEqual({ liked: true, changed: true });
    expect(await okCall(emulator, COMMITTEE, 'circle', 'like', { postId: gridNotice.id })).toEqual({ liked: true, changed: true });
    expect(await okCall(emulator, VISITOR, 'circle', 'report', { target: 'post', id: publicNotice.id, reason: '举报' })).toEqual({ reported: true });
    expect(await okCall(emulator, GRID2_RESIDENT, 'circle', 'report', { target: 'post', id: post.id, reason: '举报' })).toEqual({ reported: true });
    expect(await okCall(emulator, GRID2_RESIDENT, 'circle', 'report', { target: 'post', id: post.id, reason: '举报' })).toEqual({ reported: true });
    expect(emulator.db.find('posts', { _id: gridNotice.id })[0]).toMatchObject({ likeCount: 2 });
    expect(emulator.db.find('posts', { _id: publicNotice.id })[0]).toMatchObject({ reportCount: 1 });
    expect(emulator.db.find('posts', { _id: post.id })[0]).toMatchObject({ reportCount: 1 });
    expect(emulator.db.find('reports', { targetId: post.id })).toMatchObject([{ communityId: 'demo-community', postId: post.id, status: 'open' }]);
  });
});
