import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { measuredCall } from './activity-fixtures';
import { COMMITTEE, GRID1_RESIDENT, GRID2_RESIDENT, noticeAs, postAs } from './circle-fixtures';

/**
 * What each circle action costs in database requests (header `x-db-requests`), held exactly: a post
 * with my like, whether I opened it and its comments is one aggregation; a like, an unlike and a
 * report of a post of my community are the write first (the post's counter, on a condition that is
 * the check) and the like or report; a comment is one read (post, the comment replied to, my
 * building), the insert and the post's counter. The caller's user document is one of them only on a
 * caller's first call in an instance (server/kit/caller-cache.ts); the feed's here is such a first call.
 */
describe('database requests per circle action', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('each action stays within its budget', async () => {
    const pinned = await noticeAs(emulator, { pinned: true });
    const post = await postAs(emulator, GRID1_RESIDENT, '预算测试动态');
    const help = await postAs(emulator, GRID1_RESIDENT, '谁家有梯子借用一下', { kind: 'help' });
    const quiet = await postAs(emulator, GRID1_RESIDENT, '没人举报的动态');
    const budget: [string, string, unknown, number][] = [
      [GRID1_RESIDENT, 'post', { kind: 'neighbour', content: '一条新动态' }, 2],
      [COMMITTEE, 'notice', { communityId: 'demo-community', title: '网格通知', content: '内容', audience: { kind: 'grids', ids: ['demo-grid-1'] } }, 2],
      [GRID2_RESIDENT, 'feed', {}, 3],
      [GRID2_RESIDENT, 'get', { postId: post.id }, 1],
      // A notice's first opening also writes the read (once per person) and counts it; later ones read only.
      [GRID2_RESIDENT, 'get', { postId: pinned.id }, 3],
      [GRID2_RESIDENT, 'get', { postId: pinned.id }, 1],
      [GRID2_RESIDENT, 'comment', { postId: post.id, content: '评论一下' }, 3],
      [GRID1_RESIDENT, 'comment', { postId: post.id, content: '回复一下', replyTo: () => firstComment() }, 3],
      [GRID2_RESIDENT, 'like', { postId: post.id }, 2],
      // Liked already: the counter moves back.
      [GRID2_RESIDENT, 'like', { postId: post.id }, 3],
      [GRID2_RESIDENT, 'unlike', { postId: post.id }, 2],
      [GRID2_RESIDENT, 'report', { target: 'post', id: post.id, reason: '测试举报' }, 2],
      [COMMITTEE, 'reports', { communityId: 'demo-community' }, 2],
      // The post was reported above: its open report is closed too (a document of its own).
      [COMMITTEE, 'hide', { target: 'post', id: post.id }, 3],
      [COMMITTEE, 'restore', { target: 'post', id: post.id }, 2],
      // Nothing reported: the post with whether a report is open (one aggregation), the change.
      [COMMITTEE, 'hide', { target: 'post', id: quiet.id }, 2],
      [COMMITTEE, 'restore', { target: 'post', id: quiet.id }, 2],
      // A comment is read with its post first: the read, the report, the comment's counter.
      [GRID1_RESIDENT, 'report', { target: 'comment', id: () => firstComment(), reason: '测试举报' }, 3],
      [GRID1_RESIDENT, 'resolve', { postId: help.id, resolved: true }, 2],
      [COMMITTEE, 'reviewQueue', { communityId: 'demo-community' }, 1],
      [GRID1_RESIDENT, 'remove', { target: 'post', id: post.id }, 2],
    ];
    let comment: string | null = null;
    const firstComment = (): string => comment ?? '';
    for (const [as, action, input, budgeted] of budget) {
      const data = Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'function' ? v() : v]));
      const m = await measuredCall(emulator, as, 'circle', action, data);
      if (!m.res.ok) throw new Error(`${action}: ${JSON.stringify(m.res.error)}`);
      if (action === 'comment') comment ??= m.res.data.id;
      if (process.env.SHOW_DB) console.log(`${action} ${m.db}`);
      expect({ action, data, db: m.db }).toEqual({ action, data, db: budgeted });
    }
  });
});
