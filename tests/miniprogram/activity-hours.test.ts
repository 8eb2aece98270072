/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 我的活动 (each signup's state, links to the activity and to my hours) and 我的时长与积分 (hours
 * and points by month with the year's totals), in miniprogram-simulate against the emulator
 * running the real functions on the seeded demo neighbourhood. Every setData stays within the
 * budget (checked after each test).
 */
import { call } from '../helpers/app';
import { activityFields } from '../functions/activity-fixtures';
import { HOUR, MINUTE, ago, codeFor, insertActivity, insertSignup } from '../functions/attendance-fixtures';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { tap } from './simulate';
import { element, screen, settled } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

/** This month in Shanghai, as the page labels it ("11月"). */
function thisMonthLabel(): string {
  return `${new Date(Date.now() + 8 * HOUR).getUTCMonth() + 1}月`;
}

async function publish(title: string, over: Record<string, unknown> = {}): Promise<string> {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', { communityId: 'demo-community', fields: activityFields({ title, ...over }) });
  expect(created).toMatchObject({ ok: true });
  return created.data.id;
}

async function signUp(openid: string, activityId: string): Promise<string> {
  const signed = await call(phone.emulator, openid, 'activity', 'signup', { activityId, answers: {} });
  expect(signed).toMatchObject({ ok: true });
  return signed.data.id;
}

test('a volunteer with credited hours sees the month total and the year totals', async () => {
  // Two activities this month, checked out through the real scan: 2 hours at 1 point, 1 hour at 2 points.
  for (const [minutes, pointsPerHour] of [
    [120, 1],
    [70, 2],
  ]) {
    const activity = await insertActivity(phone.emulator, { startAt: ago(minutes * MINUTE), endAt: new Date(Date.now() + HOUR), pointsPerHour });
    await insertSignup(phone.emulator, activity, 'demo-volunteer-1', { checkinAt: activity.startAt, checkoutDueAt: activity.endAt });
    expect(await call(phone.emulator, 'demo-volunteer-1', 'activity', 'checkout', { activityId: activity._id, token: codeFor(activity) })).toMatchObject({ ok: true });
  }

  const page = phone.open('pages/my-hours/my-hours', 'demo-volunteer-1');
  expect(screen(page)).toContain('加载中');
  await settled();

  const year = new Date(Date.now() + 8 * HOUR).getUTCFullYear();
  expect(screen(page)).toContain(`${year} 年`);
  expect(element(page, '.hours__total-hours').dom?.textContent).toBe('3');
  expect(element(page, '.hours__total-points').dom?.textContent).toBe('4');
  expect(page.querySelectorAll('.hours__month')).toHaveLength(1);
  expect(element(page, '.hours__month-label').dom?.textContent).toBe(thisMonthLabel());
  expect(element(page, '.hours__month-hours').dom?.textContent).toBe('3 小时');
  expect(element(page, '.hours__month-points').dom?.textContent).toBe('4 积分');

  // The year before has nothing; 下一年 brings this year back.
  tap(element(page, '.hours__year-switch'));
  await settled();
  expect(screen(page)).toContain(`${year - 1} 年`);
  expect(screen(page)).toContain('这一年还没有志愿时长');
  page.instance.onNextYear();
  await settled();
  expect(element(page, '.hours__total-hours').dom?.textContent).toBe('3');
});

test('someone with no hours sees zeros and how hours are earned, not a blank page', async () => {
  const page = phone.open('pages/my-hours/my-hours', 'demo-resident-16');
  await settled();
  expect(element(page, '.hours__total-hours').dom?.textContent).toBe('0');
  expect(page.querySelector('.hours__empty')).toBeDefined();
  expect(screen(page)).toContain('这一年还没有志愿时长');
  expect(page.querySelectorAll('.hours__month')).toHaveLength(0);
});

test('when the hours cannot load, the page says why and 重试 loads them', async () => {
  let reachable = false;
  const request = (options: WxRequestOptions) => (reachable ? wxRequestOverHttp(options) : options.fail?.({ errMsg: 'request:fail timeout' }));
  const page = phone.open('pages/my-hours/my-hours', 'demo-resident-16', { wx: { request } });
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');
  reachable = true;
  tap(element(page, '.hours__retry'));
  await settled();
  expect(screen(page)).not.toContain('网络不给力');
  expect(page.querySelector('.hours__totals')).toBeDefined();
});

test('我的活动 shows 待审核 / 已通过 / 候补第 N 位 / 未通过：理由 per signup, opens each, and links to 我的时长与积分', async () => {
  const me = 'demo-resident-15';
  const pending = await publish('老年书法班', { approval: 'committee' });
  const approved = await publish('剪纸课', { approval: 'committee' });
  const rejected = await publish('烘焙体验', { approval: 'committee' });
  const full = await publish('观影会', { capacity: 1 });
  await signUp(me, pending);
  const toApprove = await signUp(me, approved);
  await call(phone.emulator, 'demo-committee', 'activity', 'review', { activityId: approved, signupIds: [toApprove], decision: 'approve' });
  const toReject = await signUp(me, rejected);
  await call(phone.emulator, 'demo-committee', 'activity', 'review', { activityId: rejected, signupIds: [toReject], decision: 'reject', reason: '本期名额留给独居老人' });
  await signUp('demo-resident-17', full);
  await signUp(me, full);

  const navigateTo = jest.fn();
  const page = phone.open('pages/my-activities/my-activities', me, { wx: { navigateTo } });
  await settled();

  const text = (selector: string) => page.querySelectorAll(selector).map((e) => e.dom?.textContent);
  const statuses = text('.mine__status');
  const states = Object.fromEntries(text('.mine__title').map((title, i) => [title, statuses[i]]));
  expect(states).toEqual({
    老年书法班: '待审核',
    剪纸课: '已通过',
    烘焙体验: '未通过：本期名额留给独居老人',
    观影会: '候补第 1 位',
  });

  const rows = page.querySelectorAll('.mine__row');
  rows[rows.findIndex((row) => row.dom?.textContent?.includes('烘焙体验'))].dispatchEvent('tap');
  await settled();
  expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/activity-detail/activity-detail?id=${rejected}` });

  const link = element(page, '.mine__hours');
  expect(link.dom?.textContent).toContain('我的时长与积分');
  link.dispatchEvent('tap');
  await settled();
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/my-hours/my-hours' });
});
