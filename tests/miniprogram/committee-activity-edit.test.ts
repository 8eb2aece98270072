/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The committee's existing activities in miniprogram-simulate, in local mode against the emulator
 * running the real functions on the seeded demo neighbourhood: 社区活动 lists them all with the way
 * to each page; 编辑活动 sends only what changed and shows the functions' refusal with the input
 * kept; 取消活动 asks for a reason and ends the residents' signups. Only device APIs are stubbed
 * (the privacy setting, the reason dialog); wx.request really goes over HTTP.
 */
import { call } from '../helpers/app';
import { activityFields } from '../functions/activity-fixtures';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { activityFormSetup, listening } from './committee-activity-form';

const { phone, openForm, activitiesTitled } = activityFormSetup();

test('社区活动 lists every activity of the community (one for grid 2 only, a cancelled one) with 新建活动, and 编辑 / 名单 / 审核 / 签到码 for each', async () => {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', {
    communityId: 'demo-community',
    fields: activityFields({ title: '友邻健康咨询', audience: { kind: 'grids', ids: ['demo-grid-2'] } }),
  });
  const id = created.data.id;
  const dropped = await call(phone.emulator, 'demo-committee', 'activity', 'create', { communityId: 'demo-community', fields: activityFields({ title: '友邻健康快走' }) });
  await call(phone.emulator, 'demo-committee', 'activity', 'cancelActivity', { activityId: dropped.data.id, reason: '场地另有安排' });
  // The committee member lives in grid 1: the list is the community's, not what is open to them.
  const page = phone.open('packageCommittee/pages/activities/activities', 'demo-committee');
  await settled();
  expect(screen(page)).toContain('友邻健康快走');
  expect((page.data.rows as any[]).find((r) => r.id === dropped.data.id).note).toBe('已取消');
  expect(screen(page)).toContain('新建活动');
  expect(page.data.formUrl).toBe('/packageCommittee/pages/activity-form/activity-form');
  const index = (page.data.rows as any[]).findIndex((r) => r.id === id);
  expect(index).toBeGreaterThanOrEqual(0);
  expect(page.data.rows[index]).toMatchObject({
    title: '友邻健康咨询',
    editUrl: `/packageCommittee/pages/activity-form/activity-form?id=${id}`,
    rosterUrl: `/packageCommittee/pages/roster/roster?id=${id}`,
    reviewUrl: `/packageCommittee/pages/review/review?activityId=${id}`,
    codeUrl: `/packageCommittee/pages/checkin-code/checkin-code?activityId=${id}`,
  });
  const row = page.querySelectorAll('.activities__row')[index];
  expect(row.dom?.textContent).toContain('编辑');
  expect(row.dom?.textContent).toContain('名单');
  expect(row.dom?.textContent).toContain('审核');
  expect(row.dom?.textContent).toContain('签到码');
});

test('editing sends only the changed capacity; below the confirmed seats the functions’ refusal is shown and the input kept; a fitting capacity saves', async () => {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', { communityId: 'demo-community', fields: activityFields({ title: '友邻健康讲堂', capacity: 10 }) });
  const activityId = created.data.id;
  for (const who of ['demo-resident-5', 'demo-resident-6', 'demo-resident-7']) {
    expect(await call(phone.emulator, who, 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  }
  const { sent, request } = listening();
  const page = openForm({ id: activityId }, { request });
  await settled();
  expect(page.data.values).toMatchObject({ title: '友邻健康讲堂', capacity: '10' });
  expect(screen(page)).toContain('保存修改');

  typeInto(page, '.form__capacity', '2');
  tapOn(page, '.form__save');
  await settled();
  expect(element(page, '.form__problem').dom?.textContent).toBe('已有 3 个名额确认，名额不能少于这个数');
  expect(page.data.values.capacity).toBe('2');
  expect(sent.filter((s) => s.action === 'update').map((s) => s.data)).toEqual([{ activityId, fields: { capacity: 2 } }]);

  typeInto(page, '.form__capacity', '12');
  tapOn(page, '.form__save');
  await settled();
  expect(screen(page)).toContain('已保存');
  expect(activitiesTitled('友邻健康讲堂')[0]).toMatchObject({ capacity: 12, confirmed: 3, title: '友邻健康讲堂' });
  expect(sent.filter((s) => s.action === 'update').map((s) => s.data.fields)).toEqual([{ capacity: 2 }, { capacity: 12 }]);
});

test('取消活动 asks for a reason, cancels, and ends the residents’ signups', async () => {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', { communityId: 'demo-community', fields: activityFields({ title: '友邻健康跑' }) });
  const activityId = created.data.id;
  const signup = await call(phone.emulator, 'demo-resident-8', 'activity', 'signup', { activityId, answers: {} });
  const asked: any[] = [];
  const showModal = (o: any) => {
    asked.push({ title: o.title, editable: o.editable });
    o.success({ confirm: true, cancel: false, content: '暴雨预警，改期另行通知' });
  };
  const page = openForm({ id: activityId }, { showModal });
  await settled();
  tapOn(element(page, '.form__cancel'), '.form__cancel-activity');
  await settled();

  expect(asked).toEqual([{ title: '取消活动', editable: true }]);
  expect(screen(page)).toContain('活动已取消');
  expect(page.querySelector('.form__cancel')).toBeUndefined();
  expect(activitiesTitled('友邻健康跑')[0]).toMatchObject({ status: 'cancelled', cancelReason: '暴雨预警，改期另行通知' });
  expect(phone.emulator.db.find('signups', { _id: signup.data.id })[0]).toMatchObject({ status: 'cancelled' });
});
