import { Emulator } from '../../emulator/app';
import { WITHDRAWAL_EFFECTS } from '../../domain/people';
import { call, startApp } from '../helpers/app';
import { publish } from './activity-fixtures';
import { postAs } from './circle-fixtures';
import { okCall } from './neighbourhood';
import { addItem, addSlot } from './service-fixtures';

/**
 * A resident's rights over their own data (PIPL): to see and copy everything the product holds
 * about them, to withdraw the privacy consent, and a nickname checked like everything they write.
 */

const SECTIONS = ['profile', 'bindings', 'signups', 'bookings', 'posts', 'comments', 'likes', 'reports', 'hours', 'demands', 'members', 'council', 'consents', 'notifications', 'audit'];

describe('a resident exports what the product holds about them', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('sees every kind of their data, with counts and readable lines, and nobody else’s openid', async () => {
    const me = 'demo-resident-1';
    const post = await postAs(emulator, 'demo-resident-2', '周六一起去菜场吗');
    await postAs(emulator, me, '楼道灯坏了，已报修');
    await okCall(emulator, me, 'circle', 'comment', { postId: post.id, content: '我也去' });
    await okCall(emulator, me, 'circle', 'like', { postId: post.id });
    const activityId = await publish(emulator);
    await okCall(emulator, me, 'activity', 'signup', { activityId, answers: {} });
    await okCall(emulator, 'demo-committee', 'user', 'listMembers', { communityId: 'demo-community', buildingId: 'demo-building-1', unmask: true });

    const data = await okCall(emulator, me, 'user', 'exportMine', {});
    expect(data.sections.map((s: any) => s.key)).toEqual(SECTIONS);
    expect(data.bound).toBe(200);
    expect(data.file).toBeNull();
    const section = (key: string) => data.sections.find((s: any) => s.key === key);
    expect(section('profile').items[0].data).toMatchObject({ _id: me, phone: '13800000000' });
    expect(section('profile').items[0].summary).toContain('13800000000');
    expect(section('posts')).toMatchObject({ title: '我发的帖子和公告', count: 1, truncated: false });
    expect(section('posts').items[0].summary).toBe('邻里动态 · 楼道灯坏了，已报修');
    expect(section('comments').count).toBe(1);
    expect(section('likes').count).toBe(1);
    // The demo council seats demo-resident-1 on two bodies and names them as the proposer of 楼道堆物清理.
    // …and, in the demo, as the author of a comment on it.
    expect(section('council').items.map((i: any) => i.summary)).toEqual(
      expect.arrayContaining([expect.stringMatching(/ · (成员|召集人)$/), '提出议题：楼道堆物清理', expect.stringMatching(/^议题评论：我家门口也堆满了纸箱/)]),
    );
    expect(section('signups').items[0].summary).toMatch(/^已报名 · 报名于 \d{4}-\d\d-\d\d \d\d:\d\d$/);
    // The export is audited, and shows it: earlier exports are part of what the product holds.
    const again = await okCall(emulator, me, 'user', 'exportMine', {});
    expect(again.sections.find((s: any) => s.key === 'audit').items.map((i: any) => i.summary)).toContain('导出我的数据 · 本人操作');
    expect(JSON.stringify(again)).not.toContain('demo-committee');
  });

  it('as a file on request: a private JSON in storage with a short-lived link, the answer showing a few records of each kind', async () => {
    const me = 'demo-resident-3';
    for (let i = 0; i < 7; i++) await postAs(emulator, me, `第 ${i + 1} 条：楼下花坛的月季开了`);
    const data = await okCall(emulator, me, 'user', 'exportMine', { file: true });
    expect(data.file).toMatchObject({ fileID: expect.stringMatching(/^cloud:\/\/.*\/exports\/[0-9a-f]{32}\.json$/), url: expect.stringMatching(/^http/) });
    expect(data.file.fileID).not.toContain(me);
    expect(Date.parse(data.file.expiresAt) - Date.parse(data.generatedAt)).toBe(10 * 60_000);
    const posts = data.sections.find((s: any) => s.key === 'posts');
    expect(posts.count).toBe(7);
    expect(posts.items).toHaveLength(5);
    const whole = await (await fetch(data.file.url)).json();
    expect(whole.sections.find((s: any) => s.key === 'posts').items).toHaveLength(7);
  });

  it('goes to a file by itself when the answer would pass callFunction’s 100 KB, and each kind is read at most 200 records', async () => {
    const me = 'demo-resident-4';
    const long = '街坊邻居互相帮忙，'.repeat(100);
    const now = Date.now();
    await emulator.db.insert(
      'posts',
      Array.from({ length: 205 }, (_, i) => ({
        _id: `bulk-${String(i).padStart(3, '0')}`,
        communityId: 'demo-community',
        kind: 'neighbour',
        title: null,
        content: long,
        images: [],
        imageStatus: 'none',
        author: { openid: me, displayName: '刘建国', buildingId: 'demo-building-4', buildingName: '4号楼' },
        status: 'published',
        needsReview: false,
        reportCount: 0,
        check: { suggest: 'pass', label: 100 },
        moderatedBy: null,
        moderatedAt: null,
        hideReason: null,
        createdAt: new Date(now - i * 1000),
        updatedAt: new Date(now - i * 1000),
        anonymous: false,
        pinned: false,
        audience: null,
        audienceKeys: ['c:demo-community'],
        resolved: null,
        likeCount: 0,
        commentCount: 0,
        readCount: 0,
      })),
    );
    const res = await fetch(`${emulator.url}/functions/user`, { method: 'POST', headers: { 'x-openid': me }, body: JSON.stringify({ action: 'exportMine', data: {} }) });
    const text = await res.text();
    expect(Buffer.byteLength(text)).toBeLessThan(100 * 1024);
    const data = JSON.parse(text).data;
    expect(data.file).not.toBeNull();
    expect(data.sections.find((s: any) => s.key === 'posts')).toMatchObject({ count: 200, truncated: true });
    const whole = await (await fetch(data.file.url)).json();
    expect(whole.sections.find((s: any) => s.key === 'posts').items).toHaveLength(200);
    expect(whole.sections.find((s: any) => s.key === 'posts').items[0].id).toBe('bulk-000');
  });
});

describe('a resident withdraws the privacy consent', () => {
  let emulator: Emulator;
  const me = 'demo-resident-6';
  let answer: any;
  let activityId: string;
  beforeAll(async () => {
    emulator = await startApp();
    activityId = await publish(emulator, { form: { phone: 'optional', companionsMax: 0, note: 'off' } });
    await okCall(emulator, me, 'activity', 'signup', { activityId, answers: { phone: '13912340006' } });
    answer = await okCall(emulator, me, 'user', 'withdrawConsent', {});
  });
  afterAll(() => emulator.close());

  it('erases the real name, phone and birth year, keeps the account, and says what stops working', async () => {
    expect(answer.profile).toMatchObject({ openid: me, realName: null, phone: null, birthYear: null, privacy: null, status: 'resident' });
    expect(answer.stopped).toEqual(WITHDRAWAL_EFFECTS);
    expect(emulator.db.find('users', { _id: me })[0]).toMatchObject({ realName: null, phone: null, birthYear: null, privacy: null, privacyWithdrawnAt: expect.any(Date) });
    expect((emulator.db.find('signups', { activityId, openid: me })[0] as any).answers.phone).toBeNull();
    expect(emulator.db.find('audit_log', { action: 'withdrawConsent' })).toEqual([expect.objectContaining({ actor: me, target: me, detail: {} })]);
  });

  it('from then on: 60+ services, activities asking for a phone and personal data all need the notice accepted again', async () => {
    const elderly = await addItem(emulator, { eligibility: { kind: 'elderly' } });
    const slotId = await addSlot(emulator, elderly);
    expect(await call(emulator, me, 'service', 'book', { slotId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('出生年份') } });
    const other = await publish(emulator, { form: { phone: 'required', companionsMax: 0, note: 'off' } });
    expect(await call(emulator, me, 'activity', 'signup', { activityId: other, answers: { phone: '13912340006' } })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('隐私保护指引') },
    });
    expect(await call(emulator, me, 'user', 'updateProfile', { phone: '13912340006' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    const back = await okCall(emulator, me, 'user', 'updateProfile', { phone: '13912340006', birthYear: 1950, acceptPrivacy: '2026-11' });
    expect(back).toMatchObject({ phone: '13912340006', birthYear: 1950, privacy: { version: '2026-11' } });
  });
});

describe('a nickname is checked like everything a resident writes', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => {
    delete process.env.YOULIN_MSGSECCHECK_FAIL;
    return emulator.close();
  });
  const nameOf = (openid: string) => emulator.db.find('users', { _id: openid })[0].displayName;

  it('a risky nickname is refused saying why, and the old one stays', async () => {
    const res = await call(emulator, 'demo-resident-7', 'user', 'updateProfile', { displayName: '赌博高手' });
    expect(res).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '内容含有违法犯罪信息，未能发布，请修改后再发' } });
    expect(nameOf('demo-resident-7')).toBe('黄丽华');
  });

  it('one the check sends to review is refused too: nicknames have no review queue', async () => {
    const res = await call(emulator, 'demo-resident-7', 'user', 'updateProfile', { displayName: '加微信聊' });
    expect(res).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '这个昵称需要人工审核，请换一个' } });
  });

  it('when the check does not answer, the nickname is refused (fails closed)', async () => {
    process.env.YOULIN_MSGSECCHECK_FAIL = '1';
    try {
      const res = await call(emulator, 'demo-resident-7', 'user', 'updateProfile', { displayName: '花园小王' });
      expect(res).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '内容审核暂时不可用，请稍后再发' } });
      // Other changes of the profile do not need the check.
      expect(await call(emulator, 'demo-resident-7', 'user', 'updateProfile', { elderMode: true })).toMatchObject({ ok: true });
    } finally {
      delete process.env.YOULIN_MSGSECCHECK_FAIL;
    }
    expect(await okCall(emulator, 'demo-resident-7', 'user', 'updateProfile', { displayName: '花园小王' })).toMatchObject({ displayName: '花园小王' });
  });
});
