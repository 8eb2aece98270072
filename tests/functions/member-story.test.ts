import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { HOUR, MEMBER, TEAM, ago, claimsIn, codeFor, insertClaim, insertTask, ledger, taskIn } from './member-fixtures';
import { COMMUNITY, okCall } from './neighbourhood';

/**
 * The party member's year in one story: a resident registers with their work unit, the committee
 * approves and puts them on a team with a post; an elderly resident's wish is vetted, published
 * without her room, claimed, done and confirmed; a bin-station shift is taken, checked in and out,
 * verified; hours and points reach the ledger; the household rates the service once; the member's
 * year report and the work unit's file list it all.
 */
describe('an in-service party member reports for duty and serves', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('registers, is approved onto a team with a post, and gets the partyMember role', async () => {
    const reg = await okCall(emulator, 'demo-resident-5', 'member', 'register', {
      workUnit: '新翔区人民医院',
      branch: '医院行政党支部',
      contactName: '组织委员王老师',
      contactPhone: '13800001234',
      skills: ['急救'],
      serveTimes: ['周六上午'],
    });
    expect(reg).toMatchObject({ state: 'pending', overdue: false, contactPhone: '13800001234' });
    expect(new Date(reg.reviewDueAt).getTime() - new Date(reg.createdAt).getTime()).toBe(7 * 24 * HOUR);
    const queue = await okCall(emulator, 'demo-committee', 'member', 'registrations', { communityId: COMMUNITY });
    expect(queue.items.map((r: any) => r.openid)).toContain('demo-resident-5');
    await okCall(emulator, 'demo-committee', 'member', 'approve', { registrationId: reg.id, teamId: TEAM });
    await okCall(emulator, 'demo-committee', 'member', 'setPost', { registrationId: reg.id, teamId: TEAM, post: 'squadLeader' });
    const me = await okCall(emulator, 'demo-resident-5', 'member', 'me', {});
    expect(me.registration).toMatchObject({ state: 'approved', teamName: '垃圾分类督导队', post: 'squadLeader' });
    const profile = await okCall(emulator, 'demo-resident-5', 'user', 'me', {});
    expect(profile.roles).toContainEqual({ role: 'partyMember', communityId: COMMUNITY });
  });

  it('a rejected registration carries the reason, and the resident may register again', async () => {
    const input = { workUnit: '某公司', branch: '某支部', contactName: '张三', contactPhone: '13800001235', skills: [], serveTimes: ['周日'] };
    const reg = await okCall(emulator, 'demo-resident-6', 'member', 'register', input);
    const out = await okCall(emulator, 'demo-committee', 'member', 'reject', { registrationId: reg.id, reason: '请补充单位党支部全称' });
    expect(out).toMatchObject({ state: 'rejected', reason: '请补充单位党支部全称' });
    expect(await okCall(emulator, 'demo-resident-6', 'member', 'register', { ...input, branch: '某公司第二党支部' })).toMatchObject({ state: 'pending', reason: null });
  });

  it('the timer flags a registration the committee has not reviewed within 7 days', async () => {
    const reg = await okCall(emulator, 'demo-resident-7', 'member', 'register', {
      workUnit: '某中学',
      branch: '某中学党支部',
      contactName: '李老师',
      contactPhone: '13800001236',
      skills: [],
      serveTimes: ['周六'],
    });
    await emulator.db.update('member_registrations', { _id: reg.id }, { $set: { reviewDueAt: ago(HOUR) } }, { multi: false, merge: true, upsert: false });
    await emulator.host.fireTimer('member', 'jobs');
    expect(emulator.db.find('member_registrations', { _id: reg.id })[0]).toMatchObject({ overdue: true });
  });

  it('an elderly resident’s wish: vetted, published without her room, claimed, done, confirmed, rated once', async () => {
    const wish = await okCall(emulator, 'demo-resident-4', 'member', 'postWish', { title: '想学用智能手机挂号', note: '子女不在身边' });
    expect(wish).toMatchObject({ state: 'vetting', wisher: { room: expect.any(String) } });
    await okCall(emulator, 'demo-committee', 'member', 'vetWish', { taskId: wish.id, publish: true, hours: 1.5 });
    const hall = await okCall(emulator, MEMBER, 'member', 'hall', { communityId: COMMUNITY, kind: 'wish' });
    const seen = hall.items.find((t: any) => t.id === wish.id);
    expect(seen).toMatchObject({ state: 'open', wisher: null });
    expect(JSON.stringify(hall)).not.toMatch(/1380000\d{4}/);
    const claim = await okCall(emulator, MEMBER, 'member', 'claim', { taskId: wish.id });
    expect((await okCall(emulator, MEMBER, 'member', 'task', { taskId: wish.id })).wisher).toMatchObject({ room: expect.any(String) });
    expect(JSON.stringify(await okCall(emulator, MEMBER, 'member', 'task', { taskId: wish.id }))).not.toMatch(/1380000\d{4}/);
    await okCall(emulator, MEMBER, 'member', 'submitProof', { claimId: claim.id, note: '教会了用随申办挂号', photo: 'cloud://demo.bucket/wish.jpg' });
    // She finds the claim waiting on her word among her wishes: its id, its state, the member's note, never who.
    const hers = await okCall(emulator, 'demo-resident-4', 'member', 'wishes', {});
    expect(hers.items[0]).toMatchObject({ task: { id: wish.id }, claim: { id: claim.id, state: 'submitted', note: '教会了用随申办挂号' } });
    expect(JSON.stringify(hers)).not.toContain(MEMBER);
    expect((await okCall(emulator, MEMBER, 'member', 'wishes', {})).items).toEqual([]);
    const verified = await okCall(emulator, 'demo-resident-4', 'member', 'verify', { claimId: hers.items[0].claim.id });
    expect(verified).toMatchObject({ state: 'verified', hours: 1.5, points: 20 });
    expect(taskIn(emulator, wish.id)).toMatchObject({ state: 'fulfilled' });
    expect(ledger(emulator, { signupId: `member-${claim.id}` })).toMatchObject([{ openid: MEMBER, hours: 1.5 }]);
    expect(await okCall(emulator, 'demo-resident-4', 'member', 'rate', { taskId: wish.id, stars: 5 })).toEqual({ rated: true });
    const again = await call(emulator, 'demo-resident-4', 'member', 'rate', { taskId: wish.id, stars: 1 });
    expect(again).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(emulator.db.find('member_ratings', { taskId: wish.id })).toHaveLength(1);
    expect(JSON.stringify(emulator.db.find('member_ratings', { taskId: wish.id }))).not.toContain('demo-resident-4');
  });

  it('a bin-station rota: shifts generated once, one taken, checked in and out on site, verified within the shift', async () => {
    const rota = await okCall(emulator, 'demo-committee', 'member', 'saveRota', {
      communityId: COMMUNITY,
      place: '5号楼垃圾箱房',
      title: '桶前值守',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      start: '07:00',
      end: '09:00',
      places: 2,
    });
    expect(rota.generated).toBeGreaterThanOrEqual(13);
    const before = emulator.db.count('member_tasks', { rotaId: rota.rotaId });
    await emulator.host.fireTimer('member', 'jobs');
    expect(emulator.db.count('member_tasks', { rotaId: rota.rotaId })).toBe(before);
    const shifts = await okCall(emulator, MEMBER, 'member', 'hall', { communityId: COMMUNITY, kind: 'shift' });
    const first = shifts.items.find((t: any) => t.rotaId === rota.rotaId);
    const claim = await okCall(emulator, MEMBER, 'member', 'claim', { taskId: first.id });
    expect(claim).toMatchObject({ state: 'claimed', kind: 'shift' });
    // Time passes to the shift: it started 2 h ago and runs 3 h; the member arrives 20 minutes early.
    await emulator.db.update('member_tasks', { _id: first.id }, { $set: { startAt: ago(2 * HOUR), endAt: ago(-HOUR) } }, { multi: false, merge: true, upsert: false });
    await emulator.db.update('member_claims', { _id: claim.id }, { $set: { startAt: ago(2 * HOUR), endAt: ago(-HOUR) } }, { multi: false, merge: true, upsert: false });
    const code = await okCall(emulator, 'demo-committee', 'member', 'checkinCode', { taskId: first.id });
    await okCall(emulator, MEMBER, 'member', 'checkin', { claimId: claim.id, token: code.token });
    await emulator.db.update('member_claims', { _id: claim.id }, { $set: { checkinAt: ago(2 * HOUR + 20 * 60_000) } }, { multi: false, merge: true, upsert: false });
    const wrong = await call(emulator, MEMBER, 'member', 'checkout', { claimId: claim.id, token: codeFor('another-task') });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(await okCall(emulator, MEMBER, 'member', 'checkout', { claimId: claim.id, token: codeFor(first.id) })).toMatchObject({ state: 'submitted' });
    expect(await okCall(emulator, 'demo-committee', 'member', 'verify', { claimId: claim.id })).toMatchObject({ state: 'verified', hours: 2 });
  });

  it('the year report and the work unit file list the member’s service; the dashboard counts it', async () => {
    const year = Number(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4));
    const mine = await okCall(emulator, MEMBER, 'member', 'yearReport', { year });
    expect(mine).toMatchObject({ openid: MEMBER, hours: 3.5, tasks: 2, wishes: 1, rating: 5, ratings: 1 });
    const files = await okCall(emulator, 'demo-committee', 'member', 'unitReports', { communityId: COMMUNITY, year });
    const tax = files.files.find((f: any) => f.workUnit === '新翔区税务局');
    expect(tax).toMatchObject({ members: 1, fileId: expect.stringMatching(/^cloud:\/\//) });
    const board = await okCall(emulator, 'demo-committee', 'member', 'dashboard', { communityId: COMMUNITY });
    expect(board).toMatchObject({ activeMembers: 1, members: 2 });
    expect(board.hoursByWorkUnit).toContainEqual({ name: '新翔区税务局', hours: 3.5 });
    expect(board.hoursByTeam).toContainEqual({ name: '垃圾分类督导队', hours: 3.5 });
  });

  it('岗位评星: the committee scores peers and party, posts the stars for 5 days; an objection stops them, the timer makes the rest final', async () => {
    const year = Number(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4));
    const reg = (await okCall(emulator, MEMBER, 'member', 'me', {})).registration;
    await okCall(emulator, 'demo-committee', 'member', 'scoreMember', { registrationId: reg.id, year, peer: 90, party: 95 });
    expect(await okCall(emulator, 'demo-committee', 'member', 'postStars', { communityId: COMMUNITY, year })).toEqual({ posted: 2 });
    const mine = await okCall(emulator, MEMBER, 'member', 'stars', { year });
    // 3.5 h of 48 → 7.3 activity; rated 5/5 → 100; peers 90; party 95: 2.9 + 30 + 9 + 19 = 60.9 → ★2.
    expect(mine).toMatchObject({ state: 'posted', activity: 7.3, residents: 100, peer: 90, party: 95, score: 60.9, stars: 2 });
    expect(new Date(mine.finalAt).getTime() - new Date(mine.postedAt).getTime()).toBe(5 * 24 * HOUR);
    expect(JSON.stringify(mine)).not.toContain('demo-resident-4');
    const other = await okCall(emulator, 'demo-resident-5', 'member', 'objectStars', { year, reason: '有两次值守没有计入' });
    expect(other).toMatchObject({ state: 'objected', objection: '有两次值守没有计入' });
    await emulator.db.update('member_stars', { openid: MEMBER }, { $set: { finalAt: ago(HOUR) } }, { multi: false, merge: true, upsert: false });
    await emulator.host.fireTimer('member', 'jobs');
    expect(await okCall(emulator, MEMBER, 'member', 'stars', { year })).toMatchObject({ state: 'final', stars: 2 });
    expect(await okCall(emulator, 'demo-resident-5', 'member', 'stars', { year })).toMatchObject({ state: 'objected' });
    expect(await okCall(emulator, MEMBER, 'member', 'yearReport', { year })).toMatchObject({ stars: 2 });
  });

  it('a claim never checked in whose shift has ended counts as a no-show', async () => {
    const task = await insertTask(emulator, {});
    await insertClaim(emulator, task, MEMBER, { state: 'claimed', startAt: ago(3 * HOUR), endAt: ago(HOUR) });
    const board = await okCall(emulator, 'demo-committee', 'member', 'dashboard', { communityId: COMMUNITY });
    expect(board.noShows).toBe(1);
    expect(claimsIn(emulator, { openid: MEMBER, state: 'claimed' })).toHaveLength(1);
  });
});
