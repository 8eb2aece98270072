import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { publish, signupDocs, activityDoc } from './activity-fixtures';
import { GRID1_NEIGHBOUR, postAs } from './circle-fixtures';
import { everything, okCall } from './neighbourhood';
import { PROVIDER, addItem, addSlot, bookingDocs, slotDoc } from './service-fixtures';
import { call } from '../helpers/app';
import { TEMPLATES } from '../../server/subscription-templates';
import { ERASURE_DEADLINE_MS } from '../../domain/people';

/**
 * A resident deletes their account (PIPL art. 47: the processor deletes what it holds when the
 * person asks; art. 50: a convenient way to ask): the request is one write, the account is refused
 * from that moment, and the function's timer (every 5 minutes) erases the rest, well within the hour
 * the person is promised (ERASURE_DEADLINE_MS). What the neighbours see afterwards, what the seats,
 * places and waitlists do, and that nothing of the person is left in any collection. Time is moved
 * on the functions' clock, never waited for.
 */

const LEAVER = 'demo-resident-1';
const WAITING = 'demo-resident-5';
const NAME = '测试居民甲';
const NICK = '三楼的老周';
const PHONE = '13912340001';
let leak: { id: string };
/** The timer's period (cloudfunctions/user/config.json) and how long after the request an account waits (account-erasure.ts). */
const TIMER_PERIOD_MS = 5 * 60_000;
const WAITS_MS = 2 * 60_000;
const at = (emulator: Emulator, ms: number) => emulator.host.clock.set(new Date(emulator.host.clock.now().getTime() + ms));

describe('a resident deletes their account', () => {
  let emulator: Emulator;
  let activityId: string;
  let slotId: string;
  let theirPost: any;
  let neighbourPost: any;
  let theirComment: any;
  let answer: any;
  let asked: Date;
  let answered: Date;
  let refused: any;
  let beforeTheTimer: any;

  beforeAll(async () => {
    emulator = await startApp();
    // Their personal data, given once with a retry key (whose stored answer holds it too).
    await okCall(emulator, LEAVER, 'user', 'updateProfile', { displayName: NICK, realName: NAME, phone: PHONE }, 'profile-key-0001');
    // A post, a comment and a like on a neighbour's post, a report.
    theirPost = await postAs(emulator, LEAVER, '楼下的桂花开了，大家有空去看看');
    neighbourPost = await postAs(emulator, GRID1_NEIGHBOUR, '周末谁家要旧报纸？');
    theirComment = await okCall(emulator, LEAVER, 'circle', 'comment', { postId: neighbourPost.id, content: '我家有一摞，下午送过来' });
    await okCall(emulator, LEAVER, 'circle', 'like', { postId: neighbourPost.id });
    await okCall(emulator, LEAVER, 'circle', 'report', { target: 'post', id: neighbourPost.id, reason: '重复发布' });
    await okCall(emulator, LEAVER, 'user', 'recordConsents', { results: { promoted: 'accept' } }, 'consent-key-0001');
    // The last seat of an activity, with a neighbour waiting for it.
    activityId = await publish(emulator, { capacity: 1, form: { phone: 'optional', companionsMax: 0, note: 'off' } });
    await okCall(emulator, LEAVER, 'activity', 'signup', { activityId, answers: { phone: PHONE } });
    await okCall(emulator, WAITING, 'activity', 'signup', { activityId, answers: {} });
    emulator.openApi.requestSubscribeMessage(WAITING, { [TEMPLATES.promoted.id]: 'accept' });
    await okCall(emulator, WAITING, 'user', 'recordConsents', { results: { promoted: 'accept' } });
    // A place at the blood-pressure check.
    const item = await addItem(emulator);
    slotId = await addSlot(emulator, item, { capacity: 3 });
    await okCall(emulator, LEAVER, 'service', 'book', { slotId });
    // A leak they reported, which the grid worker has taken on.
    leak = await okCall(emulator, LEAVER, 'demand', 'report', { categoryId: 'demo-cat-leak', text: '楼上卫生间漏水，我家天花板在滴水' });
    await okCall(emulator, 'demo-gridworker-1', 'demand', 'accept', { demandId: leak.id });
    // Hours they volunteered last month.
    await emulator.db.insert('hours_ledger', [
      {
        _id: 'leaver-hours',
        signupId: 'old-signup',
        activityId: 'old-activity',
        shiftId: null,
        communityId: 'demo-community',
        openid: LEAVER,
        hours: 2.5,
        points: 25,
        month: '2026-10',
        year: 2026,
        at: new Date('2026-10-18T06:00:00Z'),
      },
    ]);
    expect(signupDocs(emulator, activityId).map((s) => [s.openid, s.status])).toEqual(
      expect.arrayContaining([
        [LEAVER, 'confirmed'],
        [WAITING, 'waitlisted'],
      ]),
    );
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 1, seatsLeft: 2 });

    asked = emulator.host.clock.now();
    answer = await call(emulator, LEAVER, 'user', 'deleteAccount', { confirm: true, posts: 'anonymise' });
    answered = emulator.host.clock.now();
    refused = await call(emulator, LEAVER, 'user', 'me', {});
    // A run within two minutes of the request leaves it: another instance may still act for them.
    at(emulator, WAITS_MS / 2);
    await emulator.host.fireTimer('user', 'jobs');
    beforeTheTimer = emulator.db.find('users', { _id: LEAVER })[0];
    // The first run after that erases it: at most a wait and a period after the request.
    at(emulator, WAITS_MS / 2 + TIMER_PERIOD_MS);
    await emulator.host.fireTimer('user', 'jobs');
  }, 60_000);
  afterAll(() => {
    emulator.host.clock.set(null);
    return emulator.close();
  });

  it('answers by when it is done, within the hour promised, and refuses the account at once, saying so', () => {
    expect(answer).toEqual({ ok: true, data: { deleted: true, erasedBy: expect.any(String) } });
    const erasedBy = Date.parse(answer.data.erasedBy);
    expect(erasedBy).toBeGreaterThanOrEqual(asked.getTime() + ERASURE_DEADLINE_MS);
    expect(erasedBy).toBeLessThanOrEqual(answered.getTime() + ERASURE_DEADLINE_MS);
    // The run that erased it came a wait and a period after the request: well before the promise.
    expect(WAITS_MS + TIMER_PERIOD_MS).toBeLessThan(ERASURE_DEADLINE_MS);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已申请注销') } });
  });

  it('until the timer erases the rest, the user document keeps no name, phone, consent or role', () => {
    expect(beforeTheTimer).toMatchObject({ realName: null, phone: null, birthYear: null, privacy: null, roles: [], erasure: { posts: 'anonymise' } });
  });

  it('gives the seat back as a cancel does: the waitlisted neighbour is promoted and told (by the activity timer, as after a cancel)', async () => {
    const waiting = signupDocs(emulator, activityId, { openid: WAITING })[0];
    expect(waiting.status).toBe('confirmed');
    expect(activityDoc(emulator, activityId).seatsLeft).toBe(0);
    await emulator.host.fireTimer('activity', 'tellPromoted');
    expect(emulator.openApi.outbox().some((m) => m.touser === WAITING)).toBe(true);
  });

  it('gives the booked place back to the slot', () => {
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 0, seatsLeft: 3 });
    expect(bookingDocs(emulator, { slotId })[0]).toMatchObject({ status: 'cancelled', cancelledBy: 'resident' });
  });

  it('neighbours see 已注销用户 on the post and the comment, and the like is gone from the count', async () => {
    const feed = await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'feed', {});
    const post = feed.items.find((i: any) => i.id === theirPost.id);
    expect(post.author).toMatchObject({ displayName: '已注销用户', building: null });
    const detail = await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'get', { postId: neighbourPost.id });
    expect(detail.item.likeCount).toBe(0);
    const comment = detail.comments.items.find((c: any) => c.id === theirComment.id);
    expect(comment.author.displayName).toBe('已注销用户');
    expect(comment.content).toBe('我家有一摞，下午送过来');
  });

  it('keeps the hours in the ledger under a pseudonym, so the community total still adds up', () => {
    const entry = emulator.db.find('hours_ledger', { _id: 'leaver-hours' })[0];
    expect(entry).toMatchObject({ hours: 2.5, points: 25 });
    expect(entry.openid).toMatch(/^deleted-[0-9a-f]{24}$/);
  });

  it('keeps their demand on the ledger and with its handler, reported by 已注销用户', () => {
    const [doc] = emulator.db.find('demands', { _id: leak.id }) as any[];
    expect(doc).toMatchObject({ state: 'accepted', reporterName: '已注销用户', handler: null });
    expect(doc.reporter).toMatch(/^deleted-/);
    expect(doc.timeline.filter((e: any) => e.actorKind === 'reporter').map((e: any) => e.actorName)).toEqual(['已注销用户']);
  });

  it('leaves nothing of theirs in any collection: not their openid, name, nickname or phone', () => {
    // Every document of every collection, as text; a trace is a whole token (demo-resident-10 is someone else).
    const traces = [LEAVER, NAME, NICK, PHONE].map((t) => new RegExp(`(?<![0-9A-Za-z_-])${t}(?![0-9A-Za-z_-])`));
    const found = Object.entries(everything(emulator)).flatMap(([collection, docs]) =>
      docs.flatMap((doc) => traces.filter((t) => t.test(JSON.stringify(doc))).map((t) => `${collection}/${String(doc._id)}: ${t.source}`)),
    );
    expect(found).toEqual([]);
    expect(emulator.db.collectionNames().length).toBeGreaterThan(15);
  });

  it('records the deletion in the audit log without personal data', () => {
    const entries = emulator.db.find('audit_log', { action: 'deleteAccount' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: expect.stringMatching(/^deleted-/), detail: { choice: 'anonymise', signups: 1, bookings: 1, posts: 1, comments: 1 } });
  });

  it('the same openid later starts a fresh, empty account, and the timer runs again harmlessly', async () => {
    const before = signupDocs(emulator, activityId).map((s) => [s._id, s.status]);
    expect(await emulator.host.fireTimer('user', 'jobs')).toMatchObject({ ok: true });
    expect(signupDocs(emulator, activityId).map((s) => [s._id, s.status])).toEqual(before);
    const feed = await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'feed', {});
    expect(feed.items.some((i: any) => i.id === theirPost.id)).toBe(true);
    const me = await okCall(emulator, LEAVER, 'user', 'me', {});
    expect(me).toMatchObject({ displayName: expect.stringMatching(/^邻居/), realName: null, phone: null, birthYear: null, privacy: null, status: 'visitor', roles: [], building: null });
  });
});

describe('a resident who chooses to remove what they wrote', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => {
    emulator.host.clock.set(null);
    return emulator.close();
  });

  it('their posts and comments disappear for the neighbours, and the comment no longer counts', async () => {
    const mine = await postAs(emulator, LEAVER, '出一辆儿童自行车，九成新');
    const theirs = await postAs(emulator, GRID1_NEIGHBOUR, '电梯周三保养');
    await okCall(emulator, LEAVER, 'circle', 'comment', { postId: theirs.id, content: '谢谢提醒' });
    expect((await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'get', { postId: theirs.id })).item.commentCount).toBe(1);

    const res = await call(emulator, LEAVER, 'user', 'deleteAccount', { confirm: true, posts: 'remove' });
    expect(res).toMatchObject({ ok: true, data: { deleted: true } });
    // Asking again while it waits changes nothing and says by when.
    expect(await call(emulator, LEAVER, 'user', 'deleteAccount', { confirm: true, posts: 'anonymise' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    at(emulator, WAITS_MS + TIMER_PERIOD_MS);
    const run: any = await emulator.host.fireTimer('user', 'jobs');
    expect(run.result).toMatchObject({ ok: true });
    expect(emulator.db.find('audit_log', { action: 'deleteAccount' })[0]).toMatchObject({ detail: { choice: 'remove', posts: 1, comments: 1 } });

    const feed = await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'feed', {});
    expect(feed.items.map((i: any) => i.id)).not.toContain(mine.id);
    const detail = await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'get', { postId: theirs.id });
    expect(detail.item.commentCount).toBe(0);
    expect(detail.comments.items).toEqual([]);
    expect(emulator.db.find('posts', { _id: mine.id })[0]).toMatchObject({ status: 'removed', content: '', images: [] });
  });

  it('a service instance that showed their bookings answers nothing of them afterwards: it remembers no person, comment or redeemer', async () => {
    // demo-resident-3 leaves with a booking redeemed and rated with a comment, and one still live,
    // each shown by the same warm instances (booked, redeemed, listed).
    const leaver = 'demo-resident-3';
    const item = await addItem(emulator);
    const done = await okCall(emulator, leaver, 'service', 'book', { slotId: await addSlot(emulator, item, { fromNow: 30 * 60_000 }) });
    await okCall(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: done.code });
    await okCall(emulator, leaver, 'service', 'rate', { bookingId: done.id, stars: 4, comment: '医生很耐心，下次还来' });
    const live = await okCall(emulator, leaver, 'service', 'book', { slotId: await addSlot(emulator, item) });
    await okCall(emulator, leaver, 'service', 'mine', {});
    expect(await call(emulator, leaver, 'user', 'deleteAccount', { confirm: true, posts: 'remove' })).toMatchObject({ ok: true });
    at(emulator, WAITS_MS + TIMER_PERIOD_MS);
    expect(await emulator.host.fireTimer('user', 'jobs')).toMatchObject({ ok: true });
    // The same openid, a fresh account now, asks the instances that showed them about those bookings.
    const asked = [
      await call(emulator, leaver, 'service', 'rate', { bookingId: done.id, stars: 5 }),
      await call(emulator, leaver, 'service', 'cancel', { bookingId: live.id }),
      await call(emulator, leaver, 'service', 'mine', {}),
    ];
    expect(asked[0]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(asked[1]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(asked[2]).toMatchObject({ ok: true, data: { items: [] } });
    const text = JSON.stringify(asked);
    for (const trace of ['医生很耐心', leaver, PROVIDER]) expect(text).not.toContain(trace);
    expect(bookingDocs(emulator, { _id: done.id })[0]).toMatchObject({ rating: { stars: 4, comment: null }, openid: expect.stringMatching(/^deleted-/) });
  });

  it('refuses without the confirmation, changing nothing', async () => {
    const before = everything(emulator);
    for (const data of [{ posts: 'anonymise' }, { confirm: false, posts: 'anonymise' }, { confirm: true }]) {
      const res = await call(emulator, 'demo-resident-2', 'user', 'deleteAccount', data);
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    }
    expect(everything(emulator)).toEqual(before);
  });
});
