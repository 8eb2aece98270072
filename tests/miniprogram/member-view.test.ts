/**
 * The member pages' pure side: times read in Shanghai; a task row never carries a resident; a claim
 * offers exactly the moves the function takes from its state; a registration, a wish and a year read
 * in plain words; the forms stop at the first problem in the function's own words. And every refusal
 * the `member` function can send reads in Chinese, so no resident meets a code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Claim, MyWish, Registration, Task, YearLine } from '../../miniprogram/services/member/types';
import { claimRow, claimableNow, placesText, registrationView, starText, taskDetail, taskRow, whenText, wishRow, yearCells } from '../../miniprogram/services/member/present';
import { checkDraft, draftOf, splitList, toggled } from '../../miniprogram/packageMember/pages/register/view';
import { checkProof, checkSwapCode, swapSharePath } from '../../miniprogram/packageMember/pages/mine/view';
import { claimOutcome, heldTasks, kindOf } from '../../miniprogram/packageMember/pages/hall/view';
import { canCancel, liveClaimOn } from '../../miniprogram/packageMember/pages/task/view';
import { checkWish } from '../../miniprogram/packageMember/pages/wish/view';
import { checkReason, objectionUntil, yearOptions } from '../../miniprogram/packageMember/pages/record/view';

// Monday 2 November 2026, 05:00 in Shanghai.
const NOW = Date.parse('2026-11-01T21:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const task = (over: Partial<Task> = {}): Task => ({
  id: 'shift-1',
  communityId: 'c1',
  kind: 'shift',
  state: 'open',
  title: '桶前值守（11-02）',
  note: '',
  place: '3号楼垃圾箱房',
  places: 2,
  placesLeft: 2,
  startAt: iso(NOW + 2 * HOUR),
  endAt: iso(NOW + 4 * HOUR),
  claimBy: iso(NOW + 2 * HOUR),
  hours: null,
  demandId: null,
  rotaId: 'rota-1',
  activityId: null,
  shiftId: null,
  reason: null,
  wisher: null,
  createdAt: iso(NOW - 24 * HOUR),
  ...over,
});

const claim = (over: Partial<Claim> = {}): Claim => ({
  id: 'claim-1',
  taskId: 'shift-1',
  kind: 'shift',
  title: '桶前值守（11-02）',
  openid: 'member-1',
  state: 'claimed',
  checkinAt: null,
  checkoutAt: null,
  note: null,
  photo: null,
  hours: null,
  points: null,
  reason: null,
  swapTo: null,
  createdAt: iso(NOW - HOUR),
  ...over,
});

describe('tasks in the hall', () => {
  test('times read in Shanghai, across midnight with both days', () => {
    expect(whenText(iso(NOW + 2 * HOUR), iso(NOW + 4 * HOUR))).toBe('11月2日 07:00–09:00');
    expect(whenText(iso(NOW + 15 * HOUR), iso(NOW + 21 * HOUR))).toBe('11月2日 20:00–11月3日 02:00');
    expect(whenText(iso(NOW), null)).toBe('11月2日 05:00');
    expect(whenText(null, null)).toBe('');
  });

  test('places read as left of how many, or 已满', () => {
    expect(placesText({ places: 2, placesLeft: 1 })).toEqual({ text: '还剩 1 个名额（共 2 个）', full: false });
    expect(placesText({ places: 2, placesLeft: 0 })).toEqual({ text: '已满', full: true });
  });

  test('认领 only while open, with a place, before the deadline and the start; an activity shift is signed up for in 活动', () => {
    expect(claimableNow(task(), NOW)).toBe(true);
    expect(claimableNow(task({ placesLeft: 0 }), NOW)).toBe(false);
    expect(claimableNow(task(), NOW + 2 * HOUR)).toBe(false);
    expect(claimableNow(task({ startAt: null, endAt: null, claimBy: iso(NOW - 1) }), NOW)).toBe(false);
    expect(claimableNow(task({ state: 'fulfilled' }), NOW)).toBe(false);
    expect(claimableNow(task({ kind: 'event', activityId: 'a1' }), NOW)).toBe(false);
  });

  test('a wish row shows what and by when, never who; the claiming member sees whom to visit and no phone', () => {
    const wish = task({ id: 'w1', kind: 'wish', title: '想请人帮忙换个灯泡', place: null, startAt: null, endAt: null, places: 1, placesLeft: 1, hours: 1.5, claimBy: iso(NOW + 48 * HOUR) });
    expect(taskRow(wish, NOW)).toEqual({
      id: 'w1',
      kind: 'wish',
      kindText: '微心愿',
      title: '想请人帮忙换个灯泡',
      place: '',
      when: '',
      deadline: '认领截止 11月4日 05:00',
      places: '还剩 1 个名额（共 1 个）',
      full: false,
      claimable: true,
      activityId: '',
    });
    expect(taskDetail(wish, NOW)).toMatchObject({ hours: '约 1.5 小时', wisher: '' });
    expect(taskDetail({ ...wish, wisher: { displayName: '王阿婆', building: '3号楼', room: '302' } }, NOW).wisher).toBe('王阿婆 · 3号楼 302');
    expect(taskDetail(task({ hours: 2 }), NOW).hours).toBe('');
  });

  test('the filter takes only the kinds there are; a claim says what came of it', () => {
    expect(kindOf('wish')).toBe('wish');
    expect(kindOf('')).toBe('');
    expect(kindOf('everything')).toBeUndefined();
    expect(claimOutcome({ ok: true })).toEqual({ text: '认领成功，可在“我的任务”查看', ok: true });
    expect(claimOutcome({ ok: false, error: { message: '名额已满' } })).toEqual({ text: '名额已满', ok: false });
    const held = heldTasks([claim({ taskId: 'a' }), claim({ taskId: 'b', state: 'submitted' }), claim({ taskId: 'c', state: 'cancelled' }), claim({ taskId: 'd', state: 'verified' })]);
    expect([...held]).toEqual(['a', 'b']);
  });
});

describe('my claims', () => {
  const moves = (c: Claim) => {
    const r = claimRow(c);
    return (['canCancel', 'canCheckin', 'canCheckout', 'canProof', 'canSwap'] as const).filter((k) => r[k]);
  };

  test('each state offers exactly the moves the function takes', () => {
    expect(moves(claim())).toEqual(['canCancel', 'canCheckin', 'canSwap']);
    expect(moves(claim({ state: 'checkedIn', checkinAt: iso(NOW + 110 * 60_000) }))).toEqual(['canCheckout']);
    expect(moves(claim({ kind: 'wish' }))).toEqual(['canCancel', 'canProof']);
    expect(moves(claim({ kind: 'task' }))).toEqual(['canCancel', 'canCheckin', 'canProof']);
    expect(moves(claim({ kind: 'event' }))).toEqual(['canCancel']);
    for (const state of ['submitted', 'verified', 'rejected', 'cancelled'] as const) expect(moves(claim({ state }))).toEqual([]);
    // A swap asked: waiting on the colleague, not asked twice.
    expect(claimRow(claim({ swapTo: 'member-2' }))).toMatchObject({ swapAsked: true, canSwap: false });
  });

  test('what a claim says: its times on site, its hours and points, or why it was sent back', () => {
    expect(claimRow(claim({ state: 'submitted', checkinAt: iso(NOW + 105 * 60_000), checkoutAt: iso(NOW + 250 * 60_000) }))).toMatchObject({
      stateText: '待核实',
      group: 'waiting',
      detail: '签到 06:45 · 签退 09:10',
    });
    expect(claimRow(claim({ state: 'verified', hours: 2, points: 22 })).detail).toBe('2 小时 · 22 积分');
    expect(claimRow(claim({ state: 'rejected', reason: '照片看不清' }))).toMatchObject({ group: 'closed', detail: '未通过：照片看不清' });
  });

  test('proof needs the note in the function’s words and a photo; a 换班码 must be one', () => {
    expect(checkProof('好', 1)).toEqual({ ok: false, message: '服务记录不能少于 2 个字' });
    expect(checkProof('已换好灯泡', 0)).toEqual({ ok: false, message: '请拍一张服务现场的照片' });
    expect(checkProof('  已换好灯泡 ', 1)).toEqual({ ok: true, note: '已换好灯泡' });
    expect(checkSwapCode(' demo-member-1 ')).toEqual({ ok: true, openid: 'demo-member-1' });
    expect(checkSwapCode('')).toEqual({ ok: false, message: '请填写对方的换班码' });
    expect(checkSwapCode('张三!')).toMatchObject({ ok: false });
    expect(swapSharePath('a b')).toBe('/packageMember/pages/mine/mine?swap=a%20b');
  });

  test('the task page finds my live claim, and offers 取消认领 only before I started and before the start', () => {
    const mine = [claim({ id: 'old', state: 'cancelled' }), claim({ id: 'live' }), claim({ id: 'other', taskId: 'shift-2' })];
    expect(liveClaimOn('shift-1', mine)?.id).toBe('live');
    expect(liveClaimOn('shift-3', mine)).toBeNull();
    expect(canCancel(claim(), task(), NOW)).toBe(true);
    expect(canCancel(claim(), task(), NOW + 3 * HOUR)).toBe(false);
    expect(canCancel(claim({ state: 'checkedIn' }), task(), NOW)).toBe(false);
    expect(canCancel(null, task(), NOW)).toBe(false);
  });
});

describe('registration, wishes and the year', () => {
  const reg = (over: Partial<Registration> = {}): Registration => ({
    id: 'r1',
    openid: 'resident-1',
    communityId: 'c1',
    displayName: '小陆',
    workUnit: '新翔区税务局',
    branch: '第一党支部',
    contactName: '老沈',
    contactPhone: '13800009001',
    skills: ['垃圾分类'],
    serveTimes: ['周六上午', '每月第一个周日'],
    state: 'pending',
    reason: null,
    teamId: null,
    teamName: null,
    post: null,
    createdAt: iso(NOW),
    reviewDueAt: iso(NOW + 7 * 24 * HOUR),
    overdue: false,
    reviewedAt: null,
    ...over,
  });

  test('a registration reads 待审核 with by when, 已通过 with team and post, 未通过 with the reason', () => {
    expect(registrationView(null)).toMatchObject({ state: 'none', stateText: '未报到' });
    expect(registrationView(reg())).toMatchObject({ stateText: '待审核', reviewBy: '居委会将在 2026年11月9日 05:00 前审核', team: '' });
    expect(registrationView(reg({ overdue: true })).reviewBy).toBe('已超过 7 天审核期限，可以联系居委会询问');
    expect(registrationView(reg({ state: 'approved', teamName: '垃圾分类督导队', post: 'supervisor' }))).toMatchObject({ stateText: '已通过', team: '垃圾分类督导队 · 督导员', reviewBy: '' });
    expect(registrationView(reg({ state: 'rejected', reason: '请补充支部全称' }))).toMatchObject({ stateText: '未通过', reason: '请补充支部全称' });
  });

  test('the form: lists split on any separator, chips toggled in order, the first problem in the function’s words', () => {
    expect(splitList('垃圾分类、电脑维修, 理发；理发')).toEqual(['垃圾分类', '电脑维修', '理发']);
    expect(splitList('  ')).toEqual([]);
    expect(toggled(['周六上午'], '周日上午')).toEqual(['周六上午', '周日上午']);
    expect(toggled(['周六上午', '周日上午'], '周六上午')).toEqual(['周日上午']);
    const draft = { workUnit: '新翔区税务局', branch: '第一党支部', contactName: '老沈', contactPhone: '13800009001', skills: '', serveTimes: ['周六上午'] };
    expect(checkDraft(draft)).toEqual({ ok: true, input: { ...draft, skills: [] } });
    expect(checkDraft({ ...draft, workUnit: '税' })).toEqual({ ok: false, message: '工作单位不能少于 2 个字' });
    expect(checkDraft({ ...draft, contactPhone: '12345' })).toEqual({ ok: false, message: '请填写 11 位手机号' });
    expect(checkDraft({ ...draft, serveTimes: [] })).toEqual({ ok: false, message: '请至少填一个可服务时间' });
    expect(checkDraft({ ...draft, skills: '一、二、三、四、五、六、七、八、九' })).toEqual({ ok: false, message: '特长最多填 8 项' });
    expect(draftOf(reg({ state: 'rejected' }))).toEqual({
      workUnit: '新翔区税务局',
      branch: '第一党支部',
      contactName: '老沈',
      contactPhone: '13800009001',
      skills: '垃圾分类',
      serveTimes: ['周六上午', '每月第一个周日'],
    });
  });

  test('a wish reads where it stands, and waits on my word only when the member says it is done', () => {
    const w = (t: Partial<Task>, c: MyWish['claim'] = null): MyWish => ({ task: task({ id: 'w1', kind: 'wish', ...t }), claim: c });
    expect(wishRow(w({ state: 'vetting' }))).toMatchObject({ stateText: '居委会审核中', canConfirm: false, canRate: false });
    expect(wishRow(w({ state: 'rejected', reason: '不在服务范围' }))).toMatchObject({ stateText: '未发布', reason: '不在服务范围' });
    expect(wishRow(w({}))).toMatchObject({ stateText: '等待党员认领', claimId: '' });
    expect(wishRow(w({}, { id: 'c1', state: 'claimed', note: null }))).toMatchObject({ stateText: '党员已认领，正在办理', canConfirm: false });
    expect(wishRow(w({}, { id: 'c1', state: 'submitted', note: '已换好' }))).toMatchObject({ stateText: '党员已完成，请你确认', proof: '已换好', claimId: 'c1', canConfirm: true, canRate: false });
    expect(wishRow(w({ state: 'fulfilled' }, { id: 'c1', state: 'verified', note: '已换好' }))).toMatchObject({ stateText: '已实现', canConfirm: false, canRate: true });
    expect(checkWish('灯', '')).toEqual({ ok: false, message: '标题不能少于 2 个字' });
    expect(checkWish(' 换灯泡 ', '')).toEqual({ ok: true, title: '换灯泡', note: '' });
  });

  test('the year in cells: hours, points, tasks, wishes, a rating as a number and a count, stars once posted', () => {
    const line: YearLine = {
      openid: 'm',
      displayName: '小陆',
      workUnit: '税务局',
      branch: '支部',
      teamName: null,
      post: null,
      hours: 3.5,
      points: 42,
      tasks: 2,
      wishes: 1,
      rating: 4.5,
      ratings: 2,
      stars: null,
    };
    expect(yearCells(line, null).map((c) => c.value)).toEqual(['3.5 小时', '42', '2 项', '1 个', '4.5 分（2 次评价）', '未评定']);
    const posted = {
      openid: 'm',
      displayName: '小陆',
      year: 2026,
      state: 'posted' as const,
      activity: 7,
      residents: 90,
      peer: 90,
      party: 95,
      score: 60.9,
      stars: 2,
      postedAt: iso(NOW),
      finalAt: null,
      objection: null,
    };
    expect(
      yearCells({ ...line, rating: null, ratings: 0 }, posted)
        .slice(4)
        .map((c) => c.value),
    ).toEqual(['暂无评价', '★★☆☆☆ 公示中（60.9 分）']);
    expect(starText(5)).toBe('★★★★★');
    expect(yearOptions(Date.parse('2026-12-31T16:30:00Z'))).toEqual([2027, 2026]);
    // 提出异议 while posted and before its end, in Shanghai time; the reason in the function's words.
    expect(objectionUntil({ ...posted, finalAt: iso(NOW + 5 * 24 * HOUR) }, NOW)).toBe('2026年11月7日 05:00');
    expect(objectionUntil({ ...posted, finalAt: iso(NOW - 1) }, NOW)).toBe('');
    expect(objectionUntil({ ...posted, state: 'objected', finalAt: iso(NOW + HOUR) }, NOW)).toBe('');
    expect(objectionUntil(null, NOW)).toBe('');
    expect(checkReason('好')).toEqual({ ok: false, message: '理由不能少于 2 个字' });
    expect(checkReason(' 多次带队值守 ')).toEqual({ ok: true, reason: '多次带队值守' });
  });
});

test('every refusal the member function sends reads in Chinese (services/api stands in for a code without one)', () => {
  const dir = path.join(__dirname, '../../cloudfunctions/member/src');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const messages = files.flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/new AppError\('[A-Z_]+',\s*([^)]*)\)/g)].map((m) => m[1]));
  expect(messages.length).toBeGreaterThan(40);
  for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fff]/);
});
