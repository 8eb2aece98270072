/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * What a resident should know about an activity before and after signing up, in miniprogram-simulate
 * against the emulator running the real functions on the seeded demo neighbourhood: the 活动 rows
 * mark 需审核, 即将截止 and 已满; a visitor not bound to a building is told to bind first and 去绑定楼栋
 * takes them there; the detail shows the signup deadline with its weekday, the organiser (the
 * community's 居委会) with its duty phone one tap away, and after signing up for one the committee
 * reviews, what happens next.
 */
import { ActivityFields } from '../../domain/activities';
import { activityFields, publish } from '../functions/activity-fixtures';
import { okCall } from '../functions/neighbourhood';
import { SimPage } from './simulate';
import { element, screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const HOUR = 3600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const open = (fields: Partial<ActivityFields>) => publish(phone.emulator, activityFields(fields));

function rowOf(page: SimPage, title: string): string {
  const index = page.querySelectorAll('.list-page__row').findIndex((row) => row.data.title === title);
  if (index < 0) throw new Error(`no row ${title}`);
  return page.querySelectorAll('.list-page__item')[index].dom?.textContent ?? '';
}

test('the rows mark 需审核, 即将截止 (signups close within two days) and 已满', async () => {
  await open({ title: '书法兴趣班', approval: 'committee', startAt: iso(200 * HOUR), endAt: iso(202 * HOUR), signupClosesAt: iso(150 * HOUR) });
  await open({ title: '包馄饨', signupClosesAt: iso(20 * HOUR) });
  const film = await open({ title: '电影放映', capacity: 1, startAt: iso(100 * HOUR), endAt: iso(102 * HOUR), signupClosesAt: iso(90 * HOUR) });
  await okCall(phone.emulator, 'demo-resident-5', 'activity', 'signup', { activityId: film, answers: {} });
  await open({ title: '健步走', startAt: iso(120 * HOUR), endAt: iso(122 * HOUR), signupClosesAt: iso(110 * HOUR) });

  const page = phone.open('pages/activity/activity', 'demo-resident-1');
  await settled();
  expect(rowOf(page, '书法兴趣班')).toContain('需审核');
  expect(rowOf(page, '书法兴趣班')).not.toContain('即将截止');
  expect(rowOf(page, '包馄饨')).toContain('即将截止');
  expect(rowOf(page, '电影放映')).toContain('已满');
  expect(rowOf(page, '健步走')).not.toMatch(/需审核|即将截止|已满/);
});

test('a visitor not bound to a building is told to bind first, not "近期没有活动"; 去绑定楼栋 opens 我的', async () => {
  const switchTab = jest.fn();
  const page = phone.open('pages/activity/activity', 'demo-visitor-1', { wx: { switchTab } });
  await settled();
  expect(screen(page)).toContain('先绑定你住的楼栋，才能看到和报名本小区的活动');
  expect(screen(page)).not.toContain('近期没有活动');

  tapOn(page, '.activity__bind');
  await settled();
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/me' });
});

test('the detail shows the signup deadline and the 居委会 with its duty phone; 致电 calls it', async () => {
  const closes = new Date('2030-03-14T12:00:00Z'); // Shanghai 20:00 on a Thursday
  const id = await open({ title: '春季义诊', startAt: '2030-03-16T01:00:00.000Z', endAt: '2030-03-16T03:00:00.000Z', signupClosesAt: closes.toISOString() });
  const makePhoneCall = jest.fn();
  const page = phone.open('pages/activity-detail/activity-detail', 'demo-resident-2', { query: { id }, wx: { makePhoneCall } });
  await settled();

  expect(element(page, '.detail__deadline').dom?.textContent).toBe('2030年3月14日（周四）20:00');
  expect(element(page, '.detail__organiser-name').dom?.textContent).toBe('友邻居民区居委会');
  tapOn(page, '.detail__call');
  await settled();
  expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '021-59990000' });
});

test('after signing up for one the committee reviews, 待审核 says what happens next', async () => {
  const id = await open({ title: '手工编织课', approval: 'committee', signupClosesAt: iso(30 * HOUR) });
  const page = phone.open('pages/activity-detail/activity-detail', 'demo-resident-4', { query: { id } });
  await settled();
  expect(page.querySelector('.detail__next')).toBeUndefined();

  tapOn(page, '.detail__submit');
  await settled();
  expect(element(page, '.detail__status').dom?.textContent).toBe('待审核');
  expect(element(page, '.detail__next').dom?.textContent).toMatch(/^居委会会在报名截止（\d+月\d+日（周.）\d\d:\d\d）前审核，结果会通知你/);
});
