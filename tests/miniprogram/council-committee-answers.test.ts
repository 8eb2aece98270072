/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The committee answers residents, by taps against the real `council` and `demand` functions: a
 * household objects to the posted result of the demo's 最美楼组 from the campaign page, with a
 * reason; the committee reads it on 异议答复 (no name), may not answer while the days of
 * objections run, then answers in public and the result is final. A resident's 意见建议 demand
 * becomes a topic for a body from the demand's page (转为议题), and the demand's timeline names it.
 */
import { call } from '../helpers/app';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { answerDialog, liveAt, navigation, openUrl, phoneClockFollowsFunctions } from './demand-pages';
import { COUNCIL, PEOPLE, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);
phoneClockFollowsFunctions();

const CAMPAIGN = 'packageCouncil/pages/campaign/campaign';
const DAY = 24 * 3600_000;

test('a household objects to 最美楼组’s posted result; the committee answers once the 5 days are over', async () => {
  const [seeded] = phone.emulator.db.find('council_campaigns', { title: '最美楼组' }) as any[];
  liveAt(phone.emulator, new Date(seeded.opensAt.getTime() + 3600_000));
  for (const [who, choice] of [
    [PEOPLE.resident, 0],
    [PEOPLE.proposer, 0],
    [PEOPLE.otherBuilding, 1],
  ] as const) {
    expect((await call(phone.emulator, who, 'council', 'campaignVote', { campaignId: seeded._id, choices: [choice] })).ok).toBe(true);
  }
  // While it is open, nobody may object.
  const open = phone.open(CAMPAIGN, PEOPLE.otherBuilding);
  await settled();
  expect(open.querySelector('.campaign__object')).toBeUndefined();

  liveAt(phone.emulator, new Date(seeded.closesAt.getTime() + 2 * 60_000));
  expect((await call(phone.emulator, PEOPLE.committee, 'council', 'closeCampaign', { campaignId: seeded._id })).ok).toBe(true);

  const objector = phone.open(CAMPAIGN, PEOPLE.otherBuilding, { wx: { showModal: answerDialog('1号楼的票有代投的情况，请核实') } });
  await settled();
  expect(screen(objector)).toContain('公示至');
  tapOn(objector, '.campaign__object');
  await settled();
  expect(screen(objector)).toContain('异议已提交，公示期结束后居委会统一答复');
  expect(screen(objector)).toContain('公示期内有 1 户提出异议，居委会将统一答复');
  // Once per household: the second is refused in words.
  tapOn(objector, '.campaign__object');
  await settled();
  expect(screen(objector)).toContain('您家已经对这次评优提出过异议');

  const go = navigation();
  const committee = phone.open(CAMPAIGN, PEOPLE.committee, { wx: go.wx });
  await settled();
  tapOn(committee, '.campaign__objections');
  await settled();
  expect(go.urls).toEqual([`/packageCouncil/pages/objections/objections?id=${seeded._id}`]);
  const early = openUrl(phone, go.urls[0], PEOPLE.committee);
  await settled();
  expect(element(early, '.objections__row--0').dom?.textContent).toContain('1号楼的票有代投的情况，请核实');
  // No name: not the objector's, not their building's.
  expect(screen(early)).not.toContain('2号楼');
  expect(screen(early)).toContain('期满后统一答复');
  expect(early.querySelector('.objections__submit')).toBeUndefined();

  liveAt(phone.emulator, new Date(seeded.closesAt.getTime() + 6 * DAY));
  const form = openUrl(phone, go.urls[0], PEOPLE.committee);
  await settled();
  tapOn(form, '.objections__submit');
  await settled();
  expect(screen(form)).toContain('答复至少 2 个字');
  typeInto(form, '.objections__text', '经核实，1号楼两户均为本户成员在线投票，无代投，结果有效。');
  tapOn(form, '.objections__submit');
  await settled();
  expect(screen(form)).toContain('已答复，评优结果生效');
  expect(phone.emulator.db.find('council_campaigns', { _id: seeded._id })[0]).toMatchObject({ status: 'final' });

  const resident = phone.open(CAMPAIGN, PEOPLE.resident);
  await settled();
  expect(screen(resident)).toContain('居委会答复：经核实，1号楼两户均为本户成员在线投票');
  expect(screen(resident)).toContain('公示期满，结果有效');
  expect(resident.querySelector('.campaign__object')).toBeUndefined();
  const outsider = openUrl(phone, go.urls[0], PEOPLE.resident);
  await settled();
  expect(screen(outsider)).toContain('只有居委会成员可以使用这个页面');
});

test('the committee turns a resident’s 意见建议 into a topic from the demand’s page', async () => {
  const made = await call(phone.emulator, PEOPLE.resident, 'demand', 'report', { categoryId: 'demo-cat-greenery', text: '建议在中心花园增设儿童游乐设施。周末孩子多，没地方玩。' });
  expect(made.ok).toBe(true);
  const need = await call(phone.emulator, PEOPLE.resident, 'demand', 'report', { categoryId: 'demo-cat-visit', text: '独居的父亲想请网格员上门看看' });
  expect(need.ok).toBe(true);

  // A need is not a suggestion: no 转为议题; the reporter never sees it either.
  const needPage = phone.open('packageDemand/pages/demand/demand', PEOPLE.committee, { query: { id: need.data.id } });
  await settled();
  expect(needPage.querySelector('.demand__to-topic')).toBeUndefined();
  const mine = phone.open('packageDemand/pages/demand/demand', PEOPLE.resident, { query: { id: made.data.id } });
  await settled();
  expect(mine.querySelector('.demand__to-topic')).toBeUndefined();

  const go = navigation();
  const demand = phone.open('packageDemand/pages/demand/demand', PEOPLE.committee, { query: { id: made.data.id }, wx: go.wx });
  await settled();
  tapOn(demand, '.demand__to-topic');
  await settled();
  expect(go.urls).toEqual([`/packageCouncil/pages/from-demand/from-demand?demandId=${made.data.id}`]);
  const form = openUrl(phone, go.urls[0], PEOPLE.committee, go.wx);
  await settled();
  expect(screen(form)).toContain('建议在中心花园增设儿童游乐设施。周末孩子多，没地方玩。');
  expect(form.data.title).toBe('建议在中心花园增设儿童游乐设施');
  tapOn(form, '.from-demand__submit');
  await settled();
  expect(screen(form)).toContain('请选择提交给哪个议事机构');
  tapOn(form, `.from-demand__body--${COUNCIL.council}`);
  typeInto(form, '.from-demand__title', '中心花园增设儿童游乐设施');
  tapOn(form, '.from-demand__submit');
  await settled();
  expect(screen(form)).toContain('已转为议题，提交群英荟');
  tapOn(form, '.from-demand__view');
  await settled();
  expect(go.urls[1]).toBe(`/packageCouncil/pages/topic/topic?id=dm-${made.data.id}`);
  const [topic] = phone.emulator.db.find('council_topics', { _id: `dm-${made.data.id}` }) as any[];
  expect(topic).toMatchObject({ title: '中心花园增设儿童游乐设施', bodyId: COUNCIL.council, stage: 'proposed', demandId: made.data.id });

  // The reporter reads it on the demand's timeline; the committee no longer has 转为议题.
  const reporter = phone.open('packageDemand/pages/demand/demand', PEOPLE.resident, { query: { id: made.data.id } });
  await settled();
  expect(screen(reporter)).toContain('转为议题「中心花园增设儿童游乐设施」，提交群英荟');
  const again = phone.open('packageDemand/pages/demand/demand', PEOPLE.committee, { query: { id: made.data.id } });
  await settled();
  expect(again.querySelector('.demand__to-topic')).toBeUndefined();
  const twice = openUrl(phone, go.urls[0], PEOPLE.committee);
  await settled();
  expect(screen(twice)).toContain('这件诉求已经转为议题');
});
