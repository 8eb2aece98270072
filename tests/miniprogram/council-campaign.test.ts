/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 群众评优 and 三评 by taps on the pages against the real `council` function and the demo seed's
 * open 最美楼组: a household votes for 1号楼 (one per household, secret: the page never shows what it
 * chose, and its other member finds it has voted); the committee cannot count before the window
 * ends, then closes it and everyone reads the counts, 1号楼 first, posted for objections; 三评 shows
 * 企业服务评级, 党员岗位评星 and 群众评优 side by side; the committee opens a new campaign from the page.
 */
import { call } from '../helpers/app';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { liveAt, navigation, openUrl, phoneClockFollowsFunctions } from './demand-pages';
import { PEOPLE, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);
phoneClockFollowsFunctions();

const CAMPAIGN = 'packageCouncil/pages/campaign/campaign';
const RATINGS = 'packageCouncil/pages/ratings/ratings';

test('a household votes for 1号楼 in 最美楼组 and after close the result shows; 三评 shows all three', async () => {
  const [seeded] = phone.emulator.db.find('council_campaigns', { title: '最美楼组' }) as any[];
  const eligible: number = seeded.eligibleHouseholds;
  expect(eligible).toBeGreaterThan(3);
  // The seed opened it a week before it closes; the story begins an hour after.
  liveAt(phone.emulator, new Date(seeded.opensAt.getTime() + 3600_000));

  // The open campaign, its nominees and the secret-ballot note.
  const voter = phone.open(CAMPAIGN, PEOPLE.resident);
  await settled();
  expect(screen(voter)).toContain('最美楼组');
  expect(screen(voter)).toContain('楼道整洁，邻里互助');
  expect(screen(voter)).toContain('无记名，居委会也看不到您投了什么');
  expect(screen(voter)).toContain(`已有 0/${eligible} 户投票`);
  expect(voter.querySelector('.campaign__close')).toBeUndefined();
  tapOn(voter, '.campaign__cast');
  await settled();
  expect(screen(voter)).toContain('请先选择');
  // One choice at most: the second tap replaces the first.
  tapOn(voter, '.campaign__nominee--1');
  tapOn(voter, '.campaign__nominee--0');
  await settled();
  expect(voter.data.marks).toEqual([true, false, false]);
  tapOn(voter, '.campaign__cast');
  await settled();
  expect(screen(voter)).toContain('您家的票已计入');
  expect(screen(voter)).toContain('无记名投票，这里不显示您投了谁');
  expect(screen(voter)).toContain(`已有 1/${eligible} 户投票`);
  expect(voter.querySelector('.campaign__nominee--0')).toBeUndefined();
  expect(screen(voter)).not.toContain('●');

  // The other member of the household: already voted, no ballot; a vote through the function is refused.
  const housemate = phone.open(CAMPAIGN, PEOPLE.sameRoom);
  await settled();
  expect(screen(housemate)).toContain('您家的票已计入');
  expect(housemate.querySelector('.campaign__cast')).toBeUndefined();
  const twice = await call(phone.emulator, PEOPLE.sameRoom, 'council', 'campaignVote', { campaignId: seeded._id, choices: [2] });
  expect(twice.ok).toBe(false);

  // Two more households vote through the function.
  expect((await call(phone.emulator, PEOPLE.proposer, 'council', 'campaignVote', { campaignId: seeded._id, choices: [0] })).ok).toBe(true);
  expect((await call(phone.emulator, PEOPLE.otherBuilding, 'council', 'campaignVote', { campaignId: seeded._id, choices: [1] })).ok).toBe(true);

  // Before the window ends the committee's count is refused in words.
  const committee = phone.open(CAMPAIGN, PEOPLE.committee);
  await settled();
  expect(screen(committee)).toContain(`已有 3/${eligible} 户投票`);
  tapOn(committee, '.campaign__close');
  await settled();
  expect(screen(committee)).toContain('投票期结束后才能计票');

  // A week on: closed, counted, posted for 5 days.
  liveAt(phone.emulator, new Date(seeded.closesAt.getTime() + 2 * 60_000));
  const closing = phone.open(CAMPAIGN, PEOPLE.committee);
  await settled();
  expect(screen(closing)).toContain('投票已截止，正在等待计票');
  tapOn(closing, '.campaign__close');
  await settled();
  expect(screen(closing)).toContain('已计票，结果公示 5 天');

  const after = phone.open(CAMPAIGN, PEOPLE.resident);
  await settled();
  const ranks = after.querySelectorAll('.campaign__rank');
  expect(ranks.map((r) => r.dom?.textContent)).toEqual(['1号楼2 票', '2号楼1 票', '3号楼0 票']);
  expect(element(after, '.campaign__rank--first').dom?.textContent).toContain('1号楼');
  expect(screen(after)).toContain(`投票 3/${eligible} 户`);
  expect(screen(after)).toContain('公示至');
  expect(screen(after)).toContain('公示中');

  // 三评: the three side by side, with this 最美楼组's counts.
  const go = navigation();
  const hall = phone.open('packageCouncil/pages/topics/topics', PEOPLE.resident, { wx: go.wx });
  await settled();
  tapOn(hall, '.topics__ratings');
  await settled();
  expect(go.urls).toEqual(['/packageCouncil/pages/ratings/ratings']);
  const ratings = openUrl(phone, go.urls[0], PEOPLE.resident);
  await settled();
  expect(element(ratings, '.ratings__providers').dom?.textContent).toContain('企业服务评级');
  expect(element(ratings, '.ratings__members').dom?.textContent).toContain('★★★★★');
  const best = element(ratings, '.ratings__campaigns').dom?.textContent ?? '';
  expect(best).toContain('最美楼组');
  expect(best).toContain('1号楼2 票');
  expect(best).toContain('有效票 3 张');
  // The demo's one co-building unit, not rated yet; no member has stars posted yet.
  expect(element(ratings, '.ratings__providers').dom?.textContent).toContain('友邻社区卫生服务中心暂无评价');
  expect(element(ratings, '.ratings__members').dom?.textContent).toContain('★★★★★0 名党员');
  // Members' names are the committee's only.
  expect(ratings.data.view.named).toBeNull();
  expect(screen(ratings)).not.toContain('仅居委会可见');
  const desk = phone.open(RATINGS, PEOPLE.committee);
  await settled();
  expect(desk.data.view.named).not.toBeNull();
  expect(screen(desk)).toContain('名单（仅居委会可见）');
});

test('the committee opens a campaign from 群众评优, and a resident cannot', async () => {
  const go = navigation();
  const desk = phone.open('packageCouncil/pages/desk/desk', PEOPLE.committee, { wx: go.wx });
  await settled();
  tapOn(desk, '.desk__campaign');
  await settled();
  const campaignPage = openUrl(phone, go.urls[0], PEOPLE.committee, go.wx);
  await settled();
  tapOn(campaignPage, '.campaign__open');
  await settled();
  expect(go.urls[1]).toBe('/packageCouncil/pages/open-campaign/open-campaign');
  const form = openUrl(phone, go.urls[1], PEOPLE.committee);
  await settled();
  typeInto(form, '.open-campaign__title', '优秀志愿者');
  typeInto(form, '.open-campaign__nominees', '张阿姨：楼道微更新带头人');
  tapOn(form, '.open-campaign__submit');
  await settled();
  expect(screen(form)).toContain('至少两个候选，每行一个');
  typeInto(form, '.open-campaign__nominees', '张阿姨：楼道微更新带头人\n李师傅：义务修车十年\n王老师');
  tapOn(form, '.open-campaign__plus');
  tapOn(form, '.open-campaign__days--14');
  await settled();
  tapOn(form, '.open-campaign__submit');
  await settled();
  expect(screen(form)).toMatch(/评优已发起：名册上 \d+ 户，.* 截止/);
  const [opened] = phone.emulator.db.find('council_campaigns', { title: '优秀志愿者' }) as any[];
  expect(opened).toMatchObject({ maxChoices: 2, status: 'open' });
  expect(opened.nominees.map((n: { name: string }) => n.name)).toEqual(['张阿姨', '李师傅', '王老师']);

  const resident = phone.open('packageCouncil/pages/open-campaign/open-campaign', PEOPLE.resident);
  await settled();
  expect(screen(resident)).toContain('只有居委会成员可以使用这个页面');
  // The resident's 群众评优 lists both, the open one first, up to 2 choices.
  const page = phone.open(CAMPAIGN, PEOPLE.resident);
  await settled();
  expect(page.querySelectorAll('.campaign__tab').length).toBeGreaterThanOrEqual(2);
  expect(screen(page)).toContain('每户最多选 2 个');
});
