/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 报名审核 as the committee reads it, in miniprogram-simulate against the emulator running the real
 * functions on the seeded demo neighbourhood: which activity and how many seats are left (again after
 * each decision), each signup's building and room, its answers as labelled rows, 拒绝 lighter than
 * 通过, and 全部通过 deciding nothing until confirmed.
 */
import { activityFields, publish } from '../functions/activity-fixtures';
import { okCall } from '../functions/neighbourhood';
import { element, screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

async function teaParty(): Promise<string> {
  const id = await publish(phone.emulator, activityFields({ title: '重阳茶话会', approval: 'committee', capacity: 10, form: { phone: 'optional', companionsMax: 2, note: 'optional' } }));
  await okCall(phone.emulator, 'demo-resident-1', 'activity', 'signup', { activityId: id, answers: { companions: 1, note: '我坐轮椅' } });
  await okCall(phone.emulator, 'demo-resident-2', 'activity', 'signup', { activityId: id, answers: {} });
  return id;
}

test('the queue says which activity and the seats left; each signup with building and room, answers in labelled rows', async () => {
  const activityId = await teaParty();
  const page = phone.open('packageCommittee/pages/review/review', 'demo-committee', { query: { activityId } });
  await settled();
  expect(element(page, '.review__activity-title').dom?.textContent).toBe('重阳茶话会');
  expect(element(page, '.review__seats').dom?.textContent).toBe('剩余 10 个名额（共 10 个）');

  const text = (selector: string) => page.querySelectorAll(selector).map((e) => e.dom?.textContent);
  expect(text('.review__home')[0]).toMatch(/^\d+号楼 \d+室$/);
  // the first signup's answers, then each signup's (masked) phone, one labelled row each
  expect(text('.review__answer-label')).toEqual(['同行', '备注', '电话', '电话']);
  expect(text('.review__answer-value').slice(0, 3)).toEqual(['1 人', '我坐轮椅', expect.stringMatching(/^\d{3}\*{4}\d{4}$/)]);

  page.querySelectorAll('.review__approve')[0].dispatchEvent('tap');
  await settled();
  expect(element(page, '.review__seats').dom?.textContent).toBe('剩余 8 个名额（共 10 个）');
});

test('全部通过 asks first; cancelled, nothing is decided', async () => {
  const activityId = await teaParty();
  const showModal = jest.fn((options: any) => options.success?.({ confirm: false, cancel: true }));
  const page = phone.open('packageCommittee/pages/review/review', 'demo-committee', { query: { activityId }, wx: { showModal } });
  await settled();
  tapOn(page, '.committee__approve-all');
  await settled();
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '全部通过？', confirmText: '全部通过' }));
  expect(page.data.rows).toHaveLength(2);
  expect(screen(page)).toContain('待审核 2 人');
});
