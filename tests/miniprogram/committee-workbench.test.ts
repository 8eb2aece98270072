/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 居委会工作台 in miniprogram-simulate against the emulator running the real functions on the seeded
 * demo neighbourhood: the community's name, the day's summary line, what waits as badges, and the
 * signups waiting for approval (the committee's most frequent job) counted and one tap away: the
 * review page when one activity waits, the activities when several do.
 */
import { activityFields, publish } from '../functions/activity-fixtures';
import { okCall } from '../functions/neighbourhood';
import { element, screen, settled } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const needsApproval = (title: string) => publish(phone.emulator, activityFields({ title, approval: 'committee' }));
const signUp = (openid: string, activityId: string) => okCall(phone.emulator, openid, 'activity', 'signup', { activityId, answers: {} });
const open = async () => {
  const page = phone.open('packageCommittee/pages/workbench/workbench', 'demo-committee');
  await settled();
  return page;
};

test('with nothing waiting the desk is headed by the community and says so', async () => {
  const page = await open();
  expect(element(page, '.workbench__community').dom?.textContent).toBe('友邻居民区居委会');
  expect(page.querySelector('.workbench__signups')).toBeUndefined();
  expect(element(page, '.workbench__summary').dom?.textContent).toMatch(/^今天/);
});

test('signups waiting for one activity: counted on the desk and in the summary, one tap to its review page', async () => {
  const calligraphy = await needsApproval('书法兴趣班');
  await signUp('demo-resident-1', calligraphy);
  await signUp('demo-resident-2', calligraphy);

  const page = await open();
  expect(element(page, '.workbench__signups').dom?.textContent).toContain('报名审核：2 人等你审核');
  expect(page.data.signups.url).toBe(`/packageCommittee/pages/review/review?activityId=${calligraphy}`);
  expect(element(page, '.workbench__summary').dom?.textContent).toContain('2 条报名待审核');

  // a second activity waiting too: the tap leads to the activities, each with its own queue
  const knitting = await needsApproval('手工编织课');
  await signUp('demo-resident-3', knitting);
  const again = await open();
  expect(again.data.signups).toEqual({ count: 3, url: '/packageCommittee/pages/activities/activities' });
});

test('what waits shows as a number badge beside its entry', async () => {
  const bindings = '/packageCommittee/pages/bindings/bindings';
  const before = Number((await open()).data.counts[bindings] || 0);
  await okCall(phone.emulator, 'o-newcomer-9', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '301' });
  const page = await open();
  expect(page.data.counts[bindings]).toBe(String(before + 1));
  const badges = page.querySelectorAll('.workbench__badge').map((b) => b.dom?.textContent);
  expect(badges).toContain(String(before + 1));
  expect(screen(page)).toContain('楼组绑定申请');
});
