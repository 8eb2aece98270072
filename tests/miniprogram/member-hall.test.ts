/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 任务大厅 and 任务详情 against the real `member` function on the demo's Monday morning: the
 * bin-station shift's two places go to two members and the third sees 已满 (and, tapping 认领 on a
 * page opened before, is told 名额已满 in words); the 微心愿 shows no resident's name or room until a
 * member claims it; a claim given back before the start frees the place; an activity's volunteer
 * shift leads to its signup in 活动.
 */
import { publish } from '../functions/activity-fixtures';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn } from './screen';
import { navigation, phoneClockFollowsFunctions } from './demand-pages';
import { FIRST_SHIFT, MONDAY_EARLY, PEOPLE, WISH, approvedMember, at, ok, warmMember } from './member-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmMember(() => phone.emulator);
phoneClockFollowsFunctions();

const THIRD = 'demo-resident-7';
beforeAll(async () => {
  at(phone.emulator, MONDAY_EARLY);
  await approvedMember(phone.emulator, PEOPLE.colleague);
  await approvedMember(phone.emulator, THIRD, '新翔区第一中学');
}, 60_000);

const row = (page: ReturnType<typeof phone.open>, id: string) => element(page, `.hall__row--${id}`);
const rowText = (page: ReturnType<typeof phone.open>, id: string) => row(page, id).dom?.textContent ?? '';

test('claiming the last place shows 已满 to the next member', async () => {
  const first = phone.open('packageMember/pages/hall/hall', PEOPLE.member);
  await settled();
  tapOn(first, '.hall__kind--shift');
  await settled();
  expect(screen(first)).toContain('桶前值守（11-02）');
  expect(rowText(first, FIRST_SHIFT)).toContain('3号楼垃圾箱房');
  expect(rowText(first, FIRST_SHIFT)).toContain('11月2日 07:00–09:00');
  expect(rowText(first, FIRST_SHIFT)).toContain('还剩 2 个名额（共 2 个）');
  tapOn(first, `.hall__claim--${FIRST_SHIFT}`);
  await settled();
  expect(rowText(first, FIRST_SHIFT)).toContain('认领成功，可在“我的任务”查看');
  expect(rowText(first, FIRST_SHIFT)).toContain('还剩 1 个名额（共 2 个）');
  expect(first.querySelector(`.hall__claim--${FIRST_SHIFT}`)).toBeUndefined();
  expect(element(first, `.hall__held--${FIRST_SHIFT}`).dom?.textContent).toBe('已认领');
  // Back in the hall later: still marked as mine, not offered again.
  const back = phone.open('packageMember/pages/hall/hall', PEOPLE.member);
  await settled();
  expect(element(back, `.hall__held--${FIRST_SHIFT}`).dom?.textContent).toBe('已认领');
  expect(back.querySelector(`.hall__claim--${FIRST_SHIFT}`)).toBeUndefined();

  // The third member opens the hall while a place is left…
  const late = phone.open('packageMember/pages/hall/hall', THIRD);
  await settled();
  expect(rowText(late, FIRST_SHIFT)).toContain('还剩 1 个名额');

  // …the colleague takes the last one from their own phone (pages share one wx, so by a call)…
  expect(await ok(phone.emulator, PEOPLE.colleague, 'claim', { taskId: FIRST_SHIFT })).toMatchObject({ state: 'claimed' });

  // …and the third's tap is refused in words, the row now 已满 with nothing to tap.
  tapOn(late, `.hall__claim--${FIRST_SHIFT}`);
  await settled();
  expect(element(late, `.hall__result--${FIRST_SHIFT}`).dom?.textContent).toBe('名额已满');
  expect(element(late, `.hall__places--${FIRST_SHIFT}`).dom?.textContent).toBe('已满');
  expect(late.querySelector(`.hall__claim--${FIRST_SHIFT}`)).toBeUndefined();
  expect(phone.emulator.db.find('member_claims', { taskId: FIRST_SHIFT, state: 'claimed' })).toHaveLength(2);

  // The colleague, opening the hall now, sees it full too.
  const next = phone.open('packageMember/pages/hall/hall', PEOPLE.colleague);
  await settled();
  expect(element(next, `.hall__places--${FIRST_SHIFT}`).dom?.textContent).toBe('已满');
  expect(next.querySelector(`.hall__claim--${FIRST_SHIFT}`)).toBeUndefined();
});

test('a 微心愿 shows no resident until claimed; the claiming member sees whom to visit, and gives it back before the start', async () => {
  const wisher = (phone.emulator.db.find('users', { _id: PEOPLE.wisher }) as any[])[0];
  const hall = phone.open('packageMember/pages/hall/hall', THIRD);
  await settled();
  tapOn(hall, '.hall__kind--wish');
  await settled();
  expect(rowText(hall, WISH)).toContain('想请人帮忙换个灯泡');
  for (const secret of [wisher.displayName, wisher.room, wisher.phone]) expect(screen(hall)).not.toContain(secret);

  const go = navigation();
  const fromHall = phone.open('packageMember/pages/hall/hall', THIRD, { wx: go.wx });
  await settled();
  tapOn(fromHall, `.hall__detail--${WISH}`);
  await settled();
  expect(go.urls).toEqual([`/packageMember/pages/task/task?id=${WISH}`]);

  const task = phone.open('packageMember/pages/task/task', THIRD, { query: { id: WISH } });
  await settled();
  expect(screen(task)).toContain('厨房的灯坏了，家里没人能爬高');
  expect(screen(task)).toContain('服务时长：约 1 小时');
  expect(screen(task)).not.toContain(wisher.room);
  tapOn(task, '.task__claim');
  await settled();
  expect(element(task, '.task__outcome').dom?.textContent).toBe('认领成功，可在“我的任务”查看');
  expect(element(task, '.task__places').dom?.textContent).toBe('已满');
  // Now, and only for this member: whom to visit, never a phone.
  expect(element(task, '.task__wisher').dom?.textContent).toBe(`服务对象：${wisher.displayName} · 3号楼 ${wisher.room}`);
  expect(screen(task)).not.toContain(wisher.phone);

  // Another member opening it sees it taken and no resident.
  const other = phone.open('packageMember/pages/task/task', PEOPLE.member, { query: { id: WISH } });
  await settled();
  expect(other.querySelector('.task__wisher')).toBeUndefined();
  expect(other.querySelector('.task__claim')).toBeUndefined();

  // Given back before the start: the place is free again and the address hidden again.
  const again = phone.open('packageMember/pages/task/task', THIRD, { query: { id: WISH } });
  await settled();
  expect(screen(again)).toContain('你已认领这项任务');
  tapOn(again, '.task__cancel');
  await settled();
  expect(element(again, '.task__outcome').dom?.textContent).toBe('已取消认领，名额已让出');
  expect(element(again, '.task__places').dom?.textContent).toBe('还剩 1 个名额（共 1 个）');
  expect(again.querySelector('.task__wisher')).toBeUndefined();
  expect(again.querySelector('.task__claim')).toBeDefined();
  expect(phone.emulator.db.find('member_claims', { taskId: WISH, state: 'cancelled', openid: THIRD })).toHaveLength(1);
});

test('an activity’s volunteer shift shows among the tasks and leads to its signup in 活动', async () => {
  const HOUR = 3_600_000;
  const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
  const activityId = await publish(phone.emulator, { title: '重阳敬老慰问', shifts: [{ role: '引导', startAt: iso(47 * HOUR), endAt: iso(49 * HOUR), capacity: 3, hours: 2 }] });
  const go = navigation();
  const hall = phone.open('packageMember/pages/hall/hall', PEOPLE.member, { wx: go.wx });
  await settled();
  tapOn(hall, '.hall__kind--event');
  await settled();
  expect(screen(hall)).toContain('重阳敬老慰问 · 引导');
  const id: string = hall.data.rows.find((r: { activityId: string }) => r.activityId === activityId).id;
  expect(element(hall, `.hall__places--${id}`).dom?.textContent).toBe('还剩 3 个名额（共 3 个）');
  // Its seats are the activity's: signed up for there, never claimed here.
  expect(hall.querySelector(`.hall__claim--${id}`)).toBeUndefined();
  tapOn(hall, `.hall__signup--${id}`);
  await settled();
  expect(go.urls).toEqual([`/pages/activity-detail/activity-detail?id=${activityId}`]);
});
