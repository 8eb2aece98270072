/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 网格工作台 and the handler's other moves, against the emulator running the real `demand`
 * function, the phone's clock with the functions': the overdue first with its mark and how late,
 * then the rest by deadline; a duplicate merged into the open one its reporter then follows; one
 * passed up by hand; one the resident reopens because it is not fixed after all.
 */
import { call } from '../helpers/app';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn } from './screen';
import { PEOPLE, answerDialog, liveAt, phoneClockFollowsFunctions, warmFunctions } from './demand-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmFunctions(() => phone.emulator);
phoneClockFollowsFunctions();

// Tuesday 1 December 2026, 10:00 in Shanghai.
const START = new Date('2026-12-01T02:00:00Z');
const HOUR = 3_600_000;
beforeAll(() => liveAt(phone.emulator, START));

async function ok(openid: string, action: string, data: Record<string, unknown>): Promise<any> {
  const answer = await call(phone.emulator, openid, 'demand', action, data);
  expect([action, answer.ok, answer.error?.message]).toEqual([action, true, undefined]);
  return answer.data;
}

test('the inbox puts the overdue first, marked and saying how late, then the rest by deadline', async () => {
  const light = await ok(PEOPLE.resident, 'report', { categoryId: 'demo-cat-stair-light', text: '1号楼4楼楼道灯坏了' });
  liveAt(phone.emulator, new Date(START.getTime() + 3 * HOUR));
  const policy = await ok('demo-resident-2', 'report', { categoryId: 'demo-cat-policy', text: '想问问高龄津贴怎么申请' });

  // Wednesday 11:00: the light's day to be accepted ran out an hour ago; the question has two hours left.
  liveAt(phone.emulator, new Date(START.getTime() + 25 * HOUR));
  const page = phone.open('packageDemand/pages/inbox/inbox', PEOPLE.gridWorker);
  await settled();
  expect(page.data.rows.map((r: { id: string }) => r.id)).toEqual([light.id, policy.id]);
  expect(screen(page)).toContain('1 件已超时，请优先处理');
  const rows = element(page, '.inbox__row');
  expect(rows.querySelector(`.demand-row--${light.id}`)?.dom?.textContent).toMatch(/受理已超时 1小时/);
  expect(rows.querySelector('.demand-row--overdue')).toBeDefined();
  // The clocks run on while the page loads: a minute either way is the same deadline.
  expect(page.data.rows[1]).toMatchObject({ due: expect.stringMatching(/^受理期限还剩 (2小时|1小时5\d分)$/), overdue: false });
});

test('a duplicate is merged into the open one, whose progress its reporter then follows', async () => {
  const first = await ok(PEOPLE.resident, 'report', { categoryId: 'demo-cat-elder-errand', text: '想请人帮忙代办老年卡' });
  const again = await ok(PEOPLE.neighbour, 'report', { categoryId: 'demo-cat-elder-errand', text: '老年卡怎么办，能上门吗' });
  const page = phone.open('packageDemand/pages/demand/demand', PEOPLE.gridWorker, { query: { id: again.id } });
  await settled();
  tapOn(page, '.demand__move--merge');
  await settled();
  expect(screen(page)).toContain('合并到哪一件诉求');
  tapOn(page, `.demand__option--${first.id}`);
  await settled();
  expect(screen(page)).toContain('已合并');
  expect(page.data.view).toMatchObject({ stateText: '已合并', duplicateOf: first.id });

  const neighbour = phone.open('packageDemand/pages/demand/demand', PEOPLE.neighbour, { query: { id: again.id } });
  await settled();
  expect(screen(neighbour)).toContain('已合并到另一件诉求，点此查看');
});

test('the grid worker passes one up by hand with a reason; the committee has it now, the reason on the timeline', async () => {
  const noise = await ok('demo-resident-6', 'report', { categoryId: 'demo-cat-greenery', text: '小区里的大树枝干快断了，要请园林所来修剪' });
  const page = phone.open('packageDemand/pages/demand/demand', PEOPLE.gridWorker, { query: { id: noise.id }, wx: { showModal: answerDialog('需要园林所来修剪，网格办不了') } });
  await settled();
  tapOn(page, '.demand__move--escalate');
  await settled();
  expect(screen(page)).toContain('已上报');
  expect(screen(page)).toContain('需要园林所来修剪，网格办不了');

  const committee = phone.open('packageDemand/pages/inbox/inbox', PEOPLE.committee, { query: { scope: 'community' } });
  await settled();
  expect(element(committee, '.inbox__row').querySelector(`.demand-row--${noise.id}`)).toBeDefined();
});

test('not fixed after all: the resident reopens it with a reason, and it is back in hand', async () => {
  const leak = await ok('demo-resident-9', 'report', { categoryId: 'demo-cat-repair', text: '单元门禁坏了，关不上' });
  await ok(PEOPLE.gridWorker, 'accept', { demandId: leak.id });
  await ok(PEOPLE.gridWorker, 'assign', { demandId: leak.id });
  const after = await phone.emulator.storage.store(`demand/${PEOPLE.gridWorker}/20261202/door.jpg`, Buffer.from('a jpeg, as far as anyone checks'));
  await ok(PEOPLE.gridWorker, 'resolve', { demandId: leak.id, note: '已更换门禁电磁锁', photos: [after] });

  const page = phone.open('packageDemand/pages/demand/demand', 'demo-resident-9', { query: { id: leak.id }, wx: { showModal: answerDialog('第二天又坏了') } });
  await settled();
  expect(screen(page)).toContain('待确认');
  expect(page.querySelectorAll('.dp__photo').length).toBeGreaterThan(0);
  tapOn(page, '.demand__move--reopen');
  await settled();
  expect(screen(page)).toContain('已重新办理');
  expect(page.data.view).toMatchObject({ stateText: '办理中' });
  expect(page.querySelector('.demand__move--reopen')).toBeUndefined();
});
