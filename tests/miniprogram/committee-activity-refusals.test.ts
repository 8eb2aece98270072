/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * Who may not manage activities, in miniprogram-simulate against the emulator running the real
 * functions on the seeded demo neighbourhood: a resident opening 发布活动 or 社区活动 gets a plain
 * refusal instead of the form or the list, and the functions refuse the list to anyone but the
 * community's committee.
 */
import { call } from '../helpers/app';
import { screen, settled } from './screen';
import { activityFormSetup } from './committee-activity-form';

const { phone } = activityFormSetup();

test('a resident who is not on the committee gets a plain refusal with 重试, not a form', async () => {
  const page = phone.open('packageCommittee/pages/activity-form/activity-form', 'demo-resident-2');
  await settled();
  expect(screen(page)).toContain('只有居委会成员可以发布活动');
  expect(screen(page)).toContain('重试');
  expect(page.querySelector('.form__save')).toBeUndefined();
});

test('only a committee of the community may list all its activities', async () => {
  for (const who of ['demo-resident-1', 'demo-volunteer-1', 'demo-gridworker-1']) {
    expect(await call(phone.emulator, who, 'activity', 'list', { communityId: 'demo-community' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  }
  const page = phone.open('packageCommittee/pages/activities/activities', 'demo-resident-1');
  await settled();
  expect(screen(page)).toContain('只有居委会成员可以管理社区活动');
  expect(page.querySelector('.activities__row')).toBeUndefined();
});
