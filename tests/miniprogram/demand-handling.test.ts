/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 我要反映 and 诉求详情 beyond the main story, against the emulator running the real `demand`
 * function: a neighbour about to report the same leak follows the open one (我也遇到) and sees no
 * more of a dispute than its outline; a refused text stays in the form with its reason; the grid
 * worker rejects with a reason the resident then reads, and transfers one to the other grid; the
 * committee parks one, and the ledger shows it parked with the reason.
 */
import { call } from '../helpers/app';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { PEOPLE, album, allowNotices, answerDialog, photoFiles, warmFunctions } from './demand-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmFunctions(() => phone.emulator);

const demandsOf = (openid: string) => phone.emulator.db.find('demands', { reporter: openid }) as any[];
const allDemands = () => phone.emulator.db.find('demands', {}) as any[];
async function reported(openid: string, categoryId: string, text: string): Promise<string> {
  const made = await call(phone.emulator, openid, 'demand', 'report', { categoryId, text });
  expect(made.ok).toBe(true);
  return made.data.id;
}
const openDemand = (id: string, openid: string, wx: Record<string, unknown> = {}) => phone.open('packageDemand/pages/demand/demand', openid, { query: { id }, wx });

test('a neighbour about to report the same leak is offered the open one, follows it with 我也遇到, and sees only its outline', async () => {
  const leak = await reported('demo-resident-9', 'demo-cat-leak', '楼上漏水到我家厨房，墙皮都泡起来了');
  const page = phone.open('packageDemand/pages/report/report', PEOPLE.neighbour, { wx: { requestSubscribeMessage: allowNotices() } });
  await settled();
  tapOn(page, '.report__kind--dispute');
  await settled();
  tapOn(page, '.report__category--demo-cat-leak');
  typeInto(page, '.report__text', '我家卫生间也在漏');
  tapOn(page, '.report__submit');
  await settled();

  // Offered before anything is sent: what, where, since when; no text, no names.
  expect(screen(page)).toContain('附近已有邻居反映了同样的问题');
  expect(screen(page)).toContain('漏水 · 1号楼');
  expect(screen(page)).not.toContain('墙皮');
  tapOn(page, '.report__me-too');
  await settled();
  expect(screen(page)).toContain('已记下“我也遇到”');
  expect(demandsOf('demo-resident-9')).toHaveLength(1);
  expect(demandsOf(PEOPLE.neighbour)).toEqual([]);
  expect(demandsOf('demo-resident-9')[0].followers).toContain(PEOPLE.neighbour);

  const detail = openDemand(leak, PEOPLE.neighbour);
  await settled();
  expect(screen(detail)).toContain('1 位邻居也遇到（含我）');
  // A dispute's text is the reporter's and the handlers' only.
  expect(screen(detail)).not.toContain('墙皮');
  expect(screen(detail)).toContain('矛盾纠纷的内容只有反映人和办理人能看到');
});

test('a risky text is refused with its reason, and everything typed stays in the form', async () => {
  const text = '楼下有人周末组织赌博，吵得睡不着';
  const before = allDemands().length;
  const page = phone.open('packageDemand/pages/report/report', 'demo-resident-2', { wx: { requestSubscribeMessage: allowNotices() } });
  await settled();
  tapOn(page, '.report__kind--hazard');
  await settled();
  tapOn(page, '.report__category--demo-cat-stair-light');
  typeInto(page, '.report__text', text);
  element(page, '.report__urgent').dispatchEvent('change', { detail: { value: true } });
  tapOn(page, '.report__submit');
  await settled();

  // The function's own words (the text check of circle posts), said where the resident is looking.
  expect(page.data.formError).toMatch(/^内容含有.*信息，未能发布，请修改后再发$/);
  expect(screen(page)).toContain(page.data.formError);
  expect(page.data).toMatchObject({ text, categoryId: 'demo-cat-stair-light', urgent: true, outcome: '' });
  expect(page.querySelector('.report__submit')).toBeDefined();
  expect(demandsOf('demo-resident-2')).toEqual([]);
  expect(allDemands()).toHaveLength(before);
});

test('an empty report is stopped before anything is sent, with what to fix', async () => {
  const page = phone.open('packageDemand/pages/report/report', 'demo-resident-4');
  await settled();
  tapOn(page, '.report__submit');
  await settled();
  expect(screen(page)).toContain('请选择一个类别');
  tapOn(page, '.report__category--demo-cat-elder-errand');
  typeInto(page, '.report__text', '   ');
  tapOn(page, '.report__submit');
  await settled();
  expect(screen(page)).toContain('请写下你要反映的内容');
});

test('the grid worker rejects one with a reason the resident then reads, and transfers another to the grid it belongs to', async () => {
  const policy = await reported('demo-resident-2', 'demo-cat-policy', '想问问高龄津贴怎么申请');
  const reason = '已电话答复，按政策咨询处理';
  const page = openDemand(policy, PEOPLE.gridWorker, { showModal: answerDialog(reason) });
  await settled();
  tapOn(page, '.demand__move--reject');
  await settled();
  expect(screen(page)).toContain('已不予受理');

  const resident = openDemand(policy, 'demo-resident-2');
  await settled();
  expect(screen(resident)).toContain(`不予受理：${reason}`);
  expect(resident.querySelector('.demand__moves')).toBeUndefined();

  const light = await reported('demo-resident-2', 'demo-cat-stair-light', '2号楼3楼楼道灯不亮');
  const transfer = openDemand(light, PEOPLE.gridWorker, { showModal: answerDialog('这栋楼归第二网格') });
  await settled();
  tapOn(transfer, '.demand__move--transfer');
  await settled();
  tapOn(transfer, '.demand__option--demo-grid-2');
  await settled();
  expect(screen(transfer)).toContain('已转办');

  const other = phone.open('packageDemand/pages/inbox/inbox', 'demo-gridworker-2');
  await settled();
  expect(element(other, '.inbox__row').querySelector(`.demand-row--${light}`)).toBeDefined();
});

test('the committee parks one awaiting the district budget; the ledger shows it parked with the reason', async () => {
  const railing = await reported('demo-resident-6', 'demo-cat-repair', '单元门口的扶手断了');
  expect((await call(phone.emulator, PEOPLE.gridWorker, 'demand', 'accept', { demandId: railing })).ok).toBe(true);
  const page = openDemand(railing, PEOPLE.committee);
  await settled();
  tapOn(page, '.demand__move--park');
  await settled();
  typeInto(page, '.demand__note-text', '等待区里的维修资金');
  element(page, '.demand__review-on').dispatchEvent('change', { detail: { value: '2027-01-15' } });
  tapOn(page, '.demand__submit-note');
  await settled();
  expect(screen(page)).toContain('已挂账');
  expect(screen(page)).toContain('挂账：等待区里的维修资金，2027-01-15 复查');

  const building = phone.emulator.db.find('demands', { _id: railing })[0] as any;
  const ledger = phone.open('packageDemand/pages/ledger/ledger', PEOPLE.committee, { query: { buildingId: building.buildingId } });
  await settled();
  expect(element(ledger, `.ledger__row--${railing}`).dom?.textContent).toContain('挂账：等待区里的维修资金（2027-01-15 复查）');
  expect(screen(ledger)).not.toContain('扶手');
});

test('a mobile grid worker’s 随手拍: where they stand (after the privacy agreement) and a photo, snapped to the nearest building', async () => {
  // 3号楼 stands at the community's point plus two 65 m steps east (server/seed/demo-demands.ts).
  const getLocation = jest.fn((o: { type: string; success(res: { latitude: number; longitude: number }): void }) => o.success({ latitude: 31.298, longitude: 121.3218 }));
  const page = phone.open('packageDemand/pages/report/report', 'demo-mobile-1', { wx: { getLocation, chooseMedia: album(photoFiles(1)), requestSubscribeMessage: allowNotices() } });
  await settled();
  tapOn(page, '.report__kind--hazard');
  await settled();
  tapOn(page, '.report__category--demo-cat-fire-exit');
  typeInto(page, '.report__text', '消防通道被电动车堵住了');
  tapOn(page, '.report__submit');
  await settled();
  expect(screen(page)).toContain('随手拍需要当前位置');

  tapOn(page, '.report__locate');
  await settled();
  expect(getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
  tapOn(page, '.report__submit');
  await settled();
  expect(screen(page)).toContain('随手拍请至少拍一张照片');
  tapOn(element(page, '.report__images'), '.image-picker__add');
  await settled();
  tapOn(page, '.report__submit');
  await settled();
  expect(screen(page)).toContain('已提交');
  const [made] = demandsOf('demo-mobile-1');
  expect(made).toMatchObject({ buildingId: 'demo-building-3', categoryId: 'demo-cat-fire-exit' });
});

test('the committee grants a complex demand its one extension, and takes a parked one back in hand', async () => {
  const parking = await reported('demo-resident-10', 'demo-cat-parking', '小区停车位划线不合理，消防车进不来');
  expect((await call(phone.emulator, PEOPLE.committee, 'demand', 'accept', { demandId: parking })).ok).toBe(true);
  const page = openDemand(parking, PEOPLE.committee, { showModal: answerDialog('需要和物业、业委会三方协商') });
  await settled();
  tapOn(page, '.demand__move--extend');
  await settled();
  expect(screen(page)).toContain('已批准延期');
  // Only one extension.
  expect(page.querySelector('.demand__move--extend')).toBeUndefined();

  tapOn(page, '.demand__move--park');
  await settled();
  typeInto(page, '.demand__note-text', '等待区里的停车改造方案');
  tapOn(page, '.demand__submit-note');
  await settled();
  expect(screen(page)).toContain('已挂账');
  tapOn(page, '.demand__move--unpark');
  await settled();
  tapOn(page, '.demand__submit-note');
  await settled();
  expect(screen(page)).toContain('说明不能少于 1 个字');
  typeInto(page, '.demand__note-text', '方案已批复，开始施工');
  tapOn(page, '.demand__submit-note');
  await settled();
  expect(screen(page)).toContain('已恢复办理');
  // Back to where it was before it was parked (here 已立案, as nobody had taken it yet).
  expect(page.data.view).toMatchObject({ parked: '' });
  expect(['accepted', 'in_progress']).toContain(page.data.view.state);
});
