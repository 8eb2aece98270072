import { onFirstCall } from '../../server/kit/on-first-call';

/**
 * A function's actions load their use-case modules on their first call (cloudfunctions/<fn>/src/index.ts),
 * so a cold start builds only the router and the contract. The wrapper must not load early, must load
 * once however many calls race, and must not leave an instance broken after one failed load.
 */
describe('an action loaded on its first call', () => {
  it('loads nothing until an action is called, then loads its module once for every call that races', async () => {
    let loads = 0;
    const booking = onFirstCall(async () => {
      loads += 1;
      return { book: async (seat: number) => `已预约 ${seat} 号`, cancel: async () => '已取消' };
    });
    const { book, cancel } = booking;
    expect(loads).toBe(0);
    expect(await Promise.all([book(1), book(2), cancel()])).toEqual(['已预约 1 号', '已预约 2 号', '已取消']);
    expect(loads).toBe(1);
  });

  it('after a load that failed, the next call loads again instead of failing for the life of the instance', async () => {
    let attempts = 0;
    const feed = onFirstCall(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('模块加载失败');
      return { feed: async () => ['一条动态'] };
    });
    await expect(feed.feed()).rejects.toThrow('模块加载失败');
    await expect(feed.feed()).resolves.toEqual(['一条动态']);
    expect(attempts).toBe(2);
  });

  it('is not taken for a promise when awaited', async () => {
    let loads = 0;
    const actions = onFirstCall(async () => {
      loads += 1;
      return { me: async () => 'me' };
    });
    expect(await actions).toBe(actions);
    expect(loads).toBe(0);
  });
});
