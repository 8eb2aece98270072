/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The "done when", by taps on the pages against the emulator running the real `demand`
 * function: a resident reports a leaking pipe with a photo on 我要反映 (and allows the 受理/办结
 * notices); the grid worker finds it in 网格工作台 and accepts it; the resolve deadline passes (the
 * demand timer fired at a later time) and it rises to the committee; the committee resolves it with
 * an after-photo; the resident confirms and rates it on 诉求详情; the building's ledger and the
 * committee's 诉求统计 show it.
 */
import { SUBSCRIPTION_TEMPLATE_IDS } from '../../miniprogram/generated/subscription-templates';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { PEOPLE, album, allowNotices, liveAt, navigation, openUrl, phoneClockFollowsFunctions, photoFiles, sharedNow, warmFunctions } from './demand-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmFunctions(() => phone.emulator);
phoneClockFollowsFunctions();

// Tuesday 1 December 2026, 10:00 in Shanghai: an ordinary working day.
const START = new Date('2026-12-01T02:00:00Z');
const HOUR = 3_600_000;
let photos: string[];
beforeAll(() => {
  photos = photoFiles(2);
  liveAt(phone.emulator, START);
});

const outboxTo = (openid: string, kind: keyof typeof SUBSCRIPTION_TEMPLATE_IDS) =>
  phone.emulator.openApi.outbox().filter((m) => m.touser === openid && m.templateId === SUBSCRIPTION_TEMPLATE_IDS[kind]);

test('a leaking pipe: reported, accepted, risen to the committee when late, resolved, confirmed and rated, and on the ledger', async () => {
  // 我要反映: 矛盾纠纷 → 漏水, what happened, a photo from the album.
  const notices = allowNotices();
  const chooseMedia = album(photos.slice(0, 1));
  const go = navigation();
  const report = phone.open('packageDemand/pages/report/report', PEOPLE.resident, { wx: { chooseMedia, requestSubscribeMessage: notices, ...go.wx } });
  await settled();
  expect(screen(report)).toContain('1号楼');
  tapOn(report, '.report__kind--dispute');
  await settled();
  tapOn(report, '.report__category--demo-cat-leak');
  await settled();
  expect(screen(report)).toContain('5 个工作日内办结');
  typeInto(report, '.report__text', '楼上卫生间漏水，我家天花板一直在滴水');
  tapOn(element(report, '.report__images'), '.image-picker__add');
  await settled();
  tapOn(report, '.report__submit');
  await settled();

  // The notices were asked for in the tap: 受理 and 办结.
  expect(notices).toHaveBeenCalledTimes(1);
  expect(notices.mock.calls[0][0].tmplIds).toEqual([SUBSCRIPTION_TEMPLATE_IDS.demandAccepted, SUBSCRIPTION_TEMPLATE_IDS.demandResolved]);
  expect(screen(report)).toContain('已提交');
  expect(screen(report)).toContain('2026年12月2日 10:00 前受理');
  const id: string = report.data.reportedId;
  const stored = phone.emulator.db.find('demands', { _id: id }) as any[];
  expect(stored).toEqual([expect.objectContaining({ state: 'submitted', level: 'grid', buildingId: 'demo-building-1' })]);
  expect(stored[0].photos[0]).toMatch(new RegExp(`/demand/${PEOPLE.resident}/`));
  tapOn(report, '.report__view');
  await settled();
  expect(go.urls).toEqual([`/packageDemand/pages/demand/demand?id=${id}`]);

  // An hour later the grid worker finds it in 网格工作台 with its countdown and opens it.
  liveAt(phone.emulator, new Date(START.getTime() + HOUR));
  const inbox = phone.open('packageDemand/pages/inbox/inbox', PEOPLE.gridWorker, { wx: go.wx });
  await settled();
  expect(screen(inbox)).toContain('漏水');
  // The clocks run on while the pages load: a minute either way is the same deadline.
  expect(screen(inbox)).toMatch(/受理期限还剩 (23小时|22小时5\d分)/);
  tapOn(element(inbox, `.inbox__row`), `.demand-row--${id}`);
  await settled();
  expect(go.urls[1]).toBe(`/packageDemand/pages/demand/demand?id=${id}`);

  const handling = openUrl(phone, go.urls[1], PEOPLE.gridWorker, { chooseMedia: album(photos) });
  await settled();
  expect(screen(handling)).toContain('楼上卫生间漏水');
  expect(handling.querySelector('.demand__move--accept')).toBeDefined();
  tapOn(handling, '.demand__move--accept');
  await settled();
  expect(screen(handling)).toContain('已立案受理');
  expect(screen(handling)).toContain('办结期限还剩');
  tapOn(handling, '.demand__move--assign');
  await settled();
  expect(screen(handling)).toContain('已由你办理');
  // The resident's message goes out with the demand timer's next minute.
  await phone.emulator.host.fireTimer('demand', 'sendWaiting', new Date(Date.parse(handling.instance.demand.acceptedAt) + 60_000));
  expect(outboxTo(PEOPLE.resident, 'demandAccepted')).toHaveLength(1);

  // The five working days pass without a resolution: the demand timer raises it to the committee.
  const due = Date.parse(handling.instance.demand.dueAt);
  const late = new Date(due + 60_000);
  liveAt(phone.emulator, late);
  const run = await phone.emulator.host.fireTimer('demand', 'jobs', late);
  expect(run).toMatchObject({
    ok: true,
    result: { ok: true, data: { jobs: expect.arrayContaining([expect.objectContaining({ name: 'escalateOverdue', result: expect.objectContaining({ changed: 1 }) })]) } },
  });

  const gridAgain = phone.open('packageDemand/pages/inbox/inbox', PEOPLE.gridWorker);
  await settled();
  expect(screen(gridAgain)).toContain('没有待办的诉求');

  const committeeInbox = phone.open('packageDemand/pages/inbox/inbox', PEOPLE.committee, { query: { scope: 'community' }, wx: go.wx });
  await settled();
  expect(screen(committeeInbox)).toContain('漏水');
  tapOn(element(committeeInbox, '.inbox__row'), `.demand-row--${id}`);
  await settled();
  const committee = openUrl(phone, go.urls[go.urls.length - 1], PEOPLE.committee, { chooseMedia: album(photos.slice(1)) });
  await settled();
  expect(screen(committee)).toContain('网格超过办结期限');
  expect(screen(committee)).toContain('现在由居委会办理');

  // The committee takes it, and resolving without an after-photo is stopped with the reason, the note kept.
  if (committee.querySelector('.demand__move--assign')) {
    tapOn(committee, '.demand__move--assign');
    await settled();
  }
  tapOn(committee, '.demand__move--resolve');
  await settled();
  typeInto(committee, '.demand__note-text', '物业已更换楼上水管接头');
  tapOn(committee, '.demand__submit-note');
  await settled();
  expect(screen(committee)).toContain('请上传至少一张办理后的照片');
  expect(committee.data.noteText).toBe('物业已更换楼上水管接头');
  tapOn(element(committee, '.demand__images'), '.image-picker__add');
  await settled();
  tapOn(committee, '.demand__submit-note');
  await settled();
  expect(screen(committee)).toContain('已办结，等待反映人确认');
  await phone.emulator.host.fireTimer('demand', 'sendWaiting', new Date(Date.parse(committee.instance.demand.resolvedAt) + 60_000));
  expect(outboxTo(PEOPLE.resident, 'demandResolved')).toHaveLength(1);

  // The resident confirms: solved, satisfied, a word of thanks.
  const mine = phone.open('packageDemand/pages/mine/mine', PEOPLE.resident, { wx: go.wx });
  await settled();
  expect(screen(mine)).toContain('待确认');
  tapOn(element(mine, '.mine__row'), `.demand-row--${id}`);
  await settled();
  const confirm = openUrl(phone, go.urls[go.urls.length - 1], PEOPLE.resident);
  await settled();
  expect(screen(confirm)).toContain('物业已更换楼上水管接头');
  tapOn(confirm, '.demand__move--confirm');
  await settled();
  tapOn(confirm, '.demand__submit-rate');
  await settled();
  expect(screen(confirm)).toContain('请选择问题是否已解决');
  tapOn(confirm, '.demand__solved--yes');
  tapOn(confirm, '.demand__satisfaction--satisfied');
  typeInto(confirm, '.demand__comment', '谢谢居委会');
  await settled();
  tapOn(confirm, '.demand__submit-rate');
  await settled();
  expect(screen(confirm)).toContain('谢谢你的评价');
  expect(screen(confirm)).toContain('已办结');
  expect(screen(confirm)).toContain('已解决 · 满意 · “谢谢居委会”');
  // The timeline: who, when, at which level.
  for (const step of ['反映', '立案受理', '交办', '上报', '网格 → 居委会', '办结', '确认评价']) expect(screen(confirm)).toContain(step);

  // The building's ledger, as a neighbour reads it: closed, late, no text, no names.
  const ledger = phone.open('packageDemand/pages/ledger/ledger', PEOPLE.neighbour);
  await settled();
  const line = element(ledger, `.ledger__row--${id}`).dom?.textContent ?? '';
  expect(line).toContain('漏水');
  expect(line).toContain('已办结 · 超期');
  expect(screen(ledger)).not.toContain('天花板');

  // The committee's figures for December show it.
  const stats = phone.open('packageCommittee/pages/demands/demands', PEOPLE.committee);
  await settled();
  expect(stats.data.from).toBe('2026-12-01');
  expect(element(stats, '.demands__rate--response').dom?.textContent).toContain('100%（1/1）');
  expect(element(stats, '.demands__rate--onTime').dom?.textContent).toContain('0%（0/1）');
  expect(element(stats, '.demands__rate--satisfied').dom?.textContent).toContain('100%（1/1）');
  expect(screen(stats)).toContain('网格 1 次');
  expect(sharedNow().getTime()).toBeGreaterThan(due);
});
