/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * Paper ballots by taps, against the real `council` function: in a per-person vote the committee
 * picks the building, types the room and chooses which of the two residents living there signed the
 * ballot (without one the page says so before sending); that person is then counted, their
 * housemate still votes online. In the demo's open 最美楼组 the committee enters a household's paper
 * ballot from the campaign page, and that household's member finds it has voted.
 */
import { call } from '../helpers/app';
import { addPeople, person } from '../functions/neighbourhood';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { screen, settled, tapOn, typeInto } from './screen';
import { liveAt, navigation, openUrl, phoneClockFollowsFunctions } from './demand-pages';
import { PEOPLE, streetOfHouseholds, supportAs, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);
phoneClockFollowsFunctions();

const PAPER = 'packageCouncil/pages/paper-ballot/paper-ballot';
/** Lives in the first household's room (1000) with its first member. */
const HOUSEMATE = 'pb-building-r1-p2';

test('per person: the committee names which resident of 1000 signed the paper ballot; the housemate votes online', async () => {
  const street = await streetOfHouseholds(phone.emulator, 'pb-building', 12, '9号楼楼道自治小组');
  await addPeople(phone.emulator, [person(HOUSEMATE, { buildingId: 'pb-building', gridId: 'demo-grid-1', communityId: 'demo-community', room: '1000', displayName: '赵阿姨' })]);
  const made = await call(phone.emulator, street.people[0], 'council', 'propose', { bodyId: street.bodyId, title: '车棚改造', content: '车棚漏雨，电动车充电不安全，建议改造。' });
  await supportAs(phone.emulator, made.data.id, street.people.slice(0, 10));
  expect((await call(phone.emulator, PEOPLE.committee, 'council', 'screen', { topicId: made.data.id, decision: 'accept' })).ok).toBe(true);
  const opened = await call(phone.emulator, PEOPLE.committee, 'council', 'openVote', {
    topicId: made.data.id,
    question: '是否同意改造车棚？',
    options: ['同意', '不同意'],
    maxChoices: 1,
    unit: 'person',
    days: 3,
  });
  expect(opened.data).toMatchObject({ unit: 'person', eligible: 13 });
  const [signer] = phone.emulator.db.find('users', { _id: street.people[0] }) as any[];

  const paper = phone.open(PAPER, PEOPLE.committee, { query: { topicId: made.data.id } });
  await settled();
  tapOn(paper, '.paper__building--pb-building');
  await settled();
  typeInto(paper, '.paper__room', '1000');
  tapOn(paper, '.paper__option--0');
  await settled();
  expect(paper.querySelectorAll('.paper__person')).toHaveLength(2);
  tapOn(paper, '.paper__submit');
  await settled();
  expect(screen(paper)).toContain('按人表决：请选择在选票上签名的居民');
  tapOn(paper, `.paper__person--${street.people[0]}`);
  tapOn(paper, '.paper__submit');
  await settled();
  expect(screen(paper)).toContain(`已录入 pb-building楼 1000 ${signer.displayName} 的纸质票`);
  expect(phone.emulator.db.find('council_roll', { voteId: opened.data.id, voterKey: street.people[0] })[0]).toMatchObject({ voted: true, channel: 'paper' });

  // The same person again on paper: refused in words; the housemate votes for themselves.
  typeInto(paper, '.paper__room', '1000');
  await settled();
  tapOn(paper, `.paper__person--${street.people[0]}`);
  tapOn(paper, '.paper__option--1');
  tapOn(paper, '.paper__submit');
  await settled();
  expect(screen(paper)).toContain('这位居民已经投过票了');
  expect((await call(phone.emulator, HOUSEMATE, 'council', 'castVote', { voteId: opened.data.id, choices: [1] })).ok).toBe(true);
  expect(phone.emulator.db.count('council_ballots', { voteId: opened.data.id })).toBe(2);
});

test('a 群众评优 paper ballot entered from the campaign page counts the household once', async () => {
  const [seeded] = phone.emulator.db.find('council_campaigns', { title: '最美楼组' }) as any[];
  liveAt(phone.emulator, new Date(seeded.opensAt.getTime() + 3600_000));
  const go = navigation();
  const campaignPage = phone.open('packageCouncil/pages/campaign/campaign', PEOPLE.committee, { wx: go.wx });
  await settled();
  tapOn(campaignPage, '.campaign__paper');
  await settled();
  expect(go.urls).toEqual([`/packageCouncil/pages/paper-ballot/paper-ballot?campaignId=${seeded._id}`]);
  const paper = openUrl(phone, go.urls[0], PEOPLE.committee);
  await settled();
  expect(screen(paper)).toContain('最美楼组');
  expect(paper.querySelector('.paper__person')).toBeUndefined();
  tapOn(paper, '.paper__building--demo-building-1');
  typeInto(paper, '.paper__room', '501');
  tapOn(paper, '.paper__option--0');
  tapOn(paper, '.paper__submit');
  await settled();
  expect(screen(paper)).toContain('已录入 1号楼 501 的纸质票');
  expect(screen(paper)).toContain('已有 1/');

  // The household's member reads that it voted, and cannot vote again.
  const resident = phone.open('packageCouncil/pages/campaign/campaign', PEOPLE.resident);
  await settled();
  expect(screen(resident)).toContain('您家的票已计入');
  expect(resident.querySelector('.campaign__cast')).toBeUndefined();
  // A resident cannot open the page.
  const outsider = openUrl(phone, go.urls[0], PEOPLE.resident);
  await settled();
  expect(screen(outsider)).toContain('只有居委会成员可以使用这个页面');
});
