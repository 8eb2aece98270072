import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { COMMITTEE, GRID1_NEIGHBOUR, GRID1_RESIDENT, GRID2_RESIDENT, postAs } from './circle-fixtures';
import { okCall } from './neighbourhood';

/**
 * A like, an unlike and a report of a post of my community move the post's counter before their
 * document is written. A call that dies between the two leaves the counter off by one (and a retry
 * then counts the same like twice): the circle's timer recounts each post whose counters moved, once
 * two minutes have passed (no call outlives that), and leaves a post alone before.
 */
const MINUTE = 60_000;

describe('like and report counters a dead call left off are recounted by the timer', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  const postDoc = (id: string): any => emulator.db.find('posts', { _id: id })[0];
  const counted = (id: string) => ({
    likeCount: emulator.db.find('post_likes', { postId: id }, { limit: 1000 }).length,
    reportCount: emulator.db.find('reports', { targetId: id, target: 'post' }, { limit: 1000 }).length,
  });
  const counters = (id: string) => ({ likeCount: postDoc(id).likeCount, reportCount: postDoc(id).reportCount });
  /** As the store holds it after a call's counter move: its counters and when they moved. */
  const setPost = (id: string, fields: Record<string, unknown>) => emulator.db.update('posts', { _id: id }, { $set: fields }, { multi: false, merge: true, upsert: false });
  /** The recount job fired alone at that time: its result and what it cost in database requests. */
  const recountAt = async (at: number) => {
    const run: any = await emulator.host.fireTimer('circle', 'recountCounts', new Date(at));
    return { result: run.result, db: run.dbRequests };
  };

  it('a like counted twice, an unlike that never removed its like and a report never written are corrected once settled, and only then', async () => {
    const twice = await postAs(emulator, GRID1_RESIDENT, '被重复计数的点赞');
    const unliked = await postAs(emulator, GRID1_RESIDENT, '取消点赞时中断');
    const right = await postAs(emulator, GRID1_RESIDENT, '计数无误的动态');
    const live = await postAs(emulator, GRID1_RESIDENT, '还在点赞中的动态');
    await okCall(emulator, GRID2_RESIDENT, 'circle', 'like', { postId: twice.id });
    await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'like', { postId: unliked.id });
    await okCall(emulator, GRID2_RESIDENT, 'circle', 'like', { postId: right.id });
    await okCall(emulator, COMMITTEE, 'circle', 'report', { target: 'post', id: right.id, reason: '测试举报' });
    expect(postDoc(right.id).countsMovedAt).toBeInstanceOf(Date);

    // Scenario A: the neighbour's like moved the counter and the call died before its like was
    // written; the app's retry then likes it (the counter's second +1, and the like).
    await setPost(twice.id, { likeCount: postDoc(twice.id).likeCount + 1 });
    expect(await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'like', { postId: twice.id })).toEqual({ liked: true, changed: true });
    // A report whose call died after its counter's +1: no report document.
    await setPost(twice.id, { reportCount: postDoc(twice.id).reportCount + 1 });
    // Scenario B's end state: an unlike moved the counter, its removal failed and it stayed moved.
    await setPost(unliked.id, { likeCount: postDoc(unliked.id).likeCount - 1 });
    const at = Date.now();
    // Every counter above moved by now; one more moves two minutes later, its call still between its writes.
    for (const post of [twice, unliked, right]) await setPost(post.id, { countsMovedAt: new Date(at) });
    await setPost(live.id, { likeCount: 1, countsMovedAt: new Date(at + 2 * MINUTE) });
    expect(counters(twice.id)).toEqual({ likeCount: 3, reportCount: 1 });
    expect(counted(twice.id)).toEqual({ likeCount: 2, reportCount: 0 });
    expect(counters(unliked.id)).toEqual({ likeCount: 0, reportCount: 0 });
    expect(counted(unliked.id)).toEqual({ likeCount: 1, reportCount: 0 });

    // Under two minutes later a call may still be between its writes: nothing is read past the one query.
    expect(await recountAt(at + MINUTE)).toEqual({ result: { ok: true, data: { checked: 0, corrected: 0 } }, db: 1 });
    expect(counters(twice.id)).toEqual({ likeCount: 3, reportCount: 1 });

    // Settled: the three posts with their likes and reports counted in one aggregation, the one counted
    // right loses its stamp in one update, each one off is corrected in one conditional update.
    expect(await recountAt(at + 3 * MINUTE)).toEqual({ result: { ok: true, data: { checked: 3, corrected: 2 } }, db: 1 + 1 + 2 });
    for (const post of [twice, unliked, right]) {
      expect(counters(post.id)).toEqual(counted(post.id));
      expect(postDoc(post.id).countsMovedAt).toBeNull();
    }
    expect(counters(twice.id)).toEqual({ likeCount: 2, reportCount: 0 });
    expect(counters(right.id)).toEqual({ likeCount: 1, reportCount: 1 });
    expect((await okCall(emulator, GRID1_RESIDENT, 'circle', 'get', { postId: unliked.id })).item.likeCount).toBe(1);
    // The post whose counter moved later is left to a later run.
    expect(counters(live.id)).toEqual({ likeCount: 1, reportCount: 0 });

    // Nothing left due at that time: the next run is its one query.
    expect(await recountAt(at + 3 * MINUTE)).toEqual({ result: { ok: true, data: { checked: 0, corrected: 0 } }, db: 1 });
    // Two minutes after the last move, that call is surely over too: its counter is corrected.
    expect(await recountAt(at + 5 * MINUTE)).toEqual({ result: { ok: true, data: { checked: 1, corrected: 1 } }, db: 1 + 1 });
    expect(counters(live.id)).toEqual({ likeCount: 0, reportCount: 0 });

    // Likes after the repair count as before: the unliking resident unlikes, the count follows.
    expect(await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'unlike', { postId: unliked.id })).toEqual({ liked: false, changed: true });
    expect(counters(unliked.id)).toEqual({ likeCount: 0, reportCount: 0 });
  });
});
