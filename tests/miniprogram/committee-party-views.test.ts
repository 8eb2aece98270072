/**
 * The committee's party-member pages, their pure side: the days left to review a registration, the
 * task and rota forms checked with the function's own schemas before anything is sent, the points
 * and the star scores kept within 0–100.
 */
import { daysLeftText } from '../../miniprogram/packageCommittee/pages/party-review/view';
import { blankForm, openRow, rotaInput, taskInput } from '../../miniprogram/packageCommittee/pages/party-tasks/view';
import { pointsOf } from '../../miniprogram/packageCommittee/pages/party-dashboard/view';
import { scoresOf, starRow } from '../../miniprogram/packageCommittee/pages/party-stars/view';

const NOW = Date.parse('2026-12-05T02:00:00Z');
const DAY = 86_400_000;

describe('报到审核: the 7 days', () => {
  test('the days left are counted up; a passed or flagged deadline says to hurry', () => {
    expect(daysLeftText(new Date(NOW + 7 * DAY).toISOString(), false, NOW)).toEqual({ due: '还剩 7 天', overdue: false });
    expect(daysLeftText(new Date(NOW + 2 * 3600_000).toISOString(), false, NOW)).toEqual({ due: '还剩 1 天', overdue: false });
    expect(daysLeftText(new Date(NOW - 1).toISOString(), false, NOW)).toEqual({ due: '已超过 7 天，请尽快审核', overdue: true });
    expect(daysLeftText(new Date(NOW + DAY).toISOString(), true, NOW).overdue).toBe(true);
  });
});

describe('发布: the forms', () => {
  const now = new Date(NOW);
  const form = { ...blankForm(now), title: '清理楼道堆物', places: '3', hours: '1.5' };

  test('a task closes for claims at the end of the chosen Shanghai day, a week from today unless changed', () => {
    expect(blankForm(now).claimByDate).toBe('2026-12-12');
    expect(taskInput('c1', form, now)).toEqual({
      ok: true,
      input: { communityId: 'c1', title: '清理楼道堆物', note: '', places: 3, hours: 1.5, claimBy: '2026-12-12T15:59:00.000Z' },
    });
    expect(taskInput('c1', { ...form, claimByDate: '2026-12-01' }, now)).toEqual({ ok: false, message: '认领截止日期应在今天或以后' });
    expect(taskInput('c1', { ...form, places: '0' }, now)).toEqual({ ok: false, message: '名额至少 1 个' });
    expect(taskInput('c1', { ...form, hours: '9' }, now)).toEqual({ ok: false, message: '时长最多 8 小时' });
  });

  test('a rota needs a place, a day, and an end after its start', () => {
    const rota = { ...form, title: '桶前值守', place: '3号楼垃圾箱房', weekdays: ['6', '1'] };
    expect(rotaInput('c1', rota)).toEqual({ ok: true, input: { communityId: 'c1', title: '桶前值守', place: '3号楼垃圾箱房', weekdays: [1, 6], start: '07:00', end: '09:00', places: 3, weeks: 2 } });
    expect(rotaInput('c1', { ...rota, weekdays: [] })).toEqual({ ok: false, message: '请至少选一天' });
    expect(rotaInput('c1', { ...rota, end: '06:30' })).toEqual({ ok: false, message: '结束时间应晚于开始时间' });
    expect(rotaInput('c1', { ...rota, place: '' }).ok).toBe(false);
  });

  test('an open task shows its places left, and a full one says so', () => {
    const task = {
      id: 't1',
      communityId: 'c1',
      kind: 'shift' as const,
      state: 'open' as const,
      title: '桶前值守（12-07）',
      note: '',
      place: '3号楼垃圾箱房',
      places: 2,
      placesLeft: 0,
      startAt: '2026-12-06T23:00:00.000Z',
      endAt: null,
      claimBy: null,
      hours: null,
      demandId: null,
      rotaId: 'r1',
      activityId: null,
      shiftId: null,
      reason: null,
      wisher: null,
      createdAt: '2026-12-05T00:00:00.000Z',
    };
    expect(openRow(task)).toMatchObject({ kind: '值守', places: '余 0/2 个名额', full: true, when: '2026年12月7日 07:00 开始' });
  });
});

describe('看板与评星: numbers within 0–100', () => {
  test('points', () => {
    expect(pointsOf({ perHour: '10', wish: '5', task: '5', shift: '2' })).toEqual({ ok: true, points: { perHour: 10, byKind: { wish: 5, task: 5, shift: 2 } } });
    expect(pointsOf({ perHour: '', wish: '5', task: '5', shift: '2' }).ok).toBe(false);
    expect(pointsOf({ perHour: '101', wish: '5', task: '5', shift: '2' }).ok).toBe(false);
  });

  test('star scores', () => {
    const row = { ...starRow({ id: 'r1', openid: 'o1', displayName: '党员小陆', workUnit: '新翔区税务局' } as Parameters<typeof starRow>[0]), peer: '80', party: '95' };
    expect(scoresOf(row)).toEqual({ ok: true, peer: 80, party: 95 });
    expect(scoresOf({ ...row, party: '' })).toEqual({ ok: false, message: '请填写党员小陆的互评分和组织评分' });
    expect(scoresOf({ ...row, peer: '-1' })).toEqual({ ok: false, message: '分数不能小于 0' });
  });
});
