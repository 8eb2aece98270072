import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { GRID1_RESIDENT, postAs } from './circle-fixtures';
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
    await okCall(emulator, 'demo-resident-2', 'circle', 'like', { postId: post.id });
    expect(await okCall(emulator, 'demo-resident-2', 'circle', 'like', { postId: post.id })).toEqual({ liked: true, likeCount: 1 });
    expect((await okCall(emulator, 'demo-resident-2', 'circle', 'get', { postId: post.id })).item.likedByMe).toBe(true);
    await okCall(emulator, 'demo-resident-2', 'circle', 'unlike', { postId: post.id });
    expect(await okCall(emulator, 'demo-resident-2', 'circle', 'unlike', { postId: post.id })).toEqual({ liked: false, likeCount: 0 });
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
});
