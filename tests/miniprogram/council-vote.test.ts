/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * A household vote by taps on the pages against the real `council` function: the committee opens
 * it on 发起表决 (3 days, the closing time shown); a household votes on the topic page and is told
 * it was counted, with no trace of its choice, and its other member finds the household has voted;
 * a lost answer and a second tap count once; the committee enters a paper ballot (and the same
 * household twice is refused); after the window
 * the committee closes it and everyone reads the turnout, the quorum and the decision.
 */
import { call } from '../helpers/app';
import { addPeople, person } from '../functions/neighbourhood';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { liveAt, phoneClockFollowsFunctions } from './demand-pages';
import { PEOPLE, streetOfHouseholds, supportAs, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);
phoneClockFollowsFunctions();

const START = new Date('2026-11-05T02:00:00Z');
const TOPIC = 'packageCouncil/pages/topic/topic';
let street: { bodyId: string; people: string[] };
let topicId: string;
/** Lives in the first household's room with its first member. */
const HOUSEMATE = 'cv-building-r1-p2';

beforeAll(async () => {
  liveAt(phone.emulator, START);
  street = await streetOfHouseholds(phone.emulator, 'cv-building', 12, '8号楼楼道自治小组');
  await addPeople(phone.emulator, [person(HOUSEMATE, { buildingId: 'cv-building', gridId: 'demo-grid-1', communityId: 'demo-community', room: '1000' })]);
  const made = await call(phone.emulator, street.people[0], 'council', 'propose', { bodyId: street.bodyId, title: '楼道堆物清理', content: '楼道里堆了很多杂物，存在消防隐患，建议统一清理。' });
  topicId = made.data.id;
  await supportAs(phone.emulator, topicId, street.people.slice(0, 10));
  const accepted = await call(phone.emulator, PEOPLE.committee, 'council', 'screen', { topicId, decision: 'accept' });
  expect(accepted.ok).toBe(true);
}, 60_000);

const ballot = (page: ReturnType<typeof phone.open>) => element(page, '.topic__vote');

test('a household vote: opened, cast and counted with no choice shown, entered on paper, closed with turnout and decision', async () => {
  // 发起表决: the defaults, 3 days, the closing time in Shanghai time.
  const form = phone.open('packageCouncil/pages/open-vote/open-vote', PEOPLE.committee, { query: { topicId } });
  await settled();
  expect(form.data.draft.options).toEqual(['同意', '不同意', '弃权']);
  typeInto(form, '.open-vote__question', '是否同意统一清理楼道堆物？');
  tapOn(form, '.open-vote__days--3');
  await settled();
  expect(screen(form)).toMatch(/2026年11月8日 10:0\d 截止/);
  tapOn(form, '.open-vote__submit');
  await settled();
  expect(screen(form)).toMatch(/表决已发起：名册上 12 户，2026年11月8日 10:0\d 截止/);
  const [vote] = phone.emulator.db.find('council_votes', { topicId }) as any[];
  expect(vote).toMatchObject({ question: '是否同意统一清理楼道堆物？', options: ['同意', '不同意', '弃权'], unit: 'household' });

  // A household votes: the secret-ballot note, the turnout, one choice, counted; nothing says which.
  const voter = phone.open(TOPIC, street.people[0], { query: { id: topicId } });
  await settled();
  expect(screen(voter)).toContain('无记名，居委会也看不到您投了什么');
  expect(screen(voter)).toContain('已有 0/12 户投票');
  tapOn(ballot(voter), '.vote-panel__cast');
  await settled();
  expect(screen(voter)).toContain('请先选择');
  tapOn(ballot(voter), '.vote-panel__option--0');
  await settled();
  tapOn(ballot(voter), '.vote-panel__cast');
  await settled();
  expect(screen(voter)).toContain('您的票已计入');
  expect(screen(voter)).toContain('无记名投票，这里不显示您投了什么');
  expect(ballot(voter).querySelector('.vote-panel__option--0')).toBeUndefined();
  expect(screen(voter)).not.toContain('●');
  expect(screen(voter)).toContain('已有 1/12 户投票');

  // The other member of that household finds it has voted, with no ballot to cast.
  const housemate = phone.open(TOPIC, HOUSEMATE, { query: { id: topicId } });
  await settled();
  expect(screen(housemate)).toContain('您的票已计入');
  expect(ballot(housemate).querySelector('.vote-panel__cast')).toBeUndefined();

  // 纸质票录入: the second household's paper ballot; the same household again is refused in words.
  const paper = phone.open('packageCouncil/pages/paper-ballot/paper-ballot', PEOPLE.committee, { query: { topicId } });
  await settled();
  tapOn(paper, '.paper__building--cv-building');
  typeInto(paper, '.paper__room', '1001');
  tapOn(paper, '.paper__option--1');
  await settled();
  tapOn(paper, '.paper__submit');
  await settled();
  expect(screen(paper)).toContain('已录入 cv-building楼 1001 的纸质票');
  expect(screen(paper)).toContain('已有 2/12 户投票');
  expect(paper.data.choices).toEqual([]);
  typeInto(paper, '.paper__room', '1001');
  tapOn(paper, '.paper__option--0');
  await settled();
  tapOn(paper, '.paper__submit');
  await settled();
  expect(screen(paper)).toContain('这一户已经投过票了');

  // Five more households vote online through the function.
  for (const openid of street.people.slice(2, 7)) expect((await call(phone.emulator, openid, 'council', 'castVote', { voteId: vote._id, choices: [0] })).ok).toBe(true);

  // One more on the page, whose answer is lost: tapping again sends the same key and counts once.
  const keys: string[] = [];
  let loseNextAnswer = true;
  const request = (options: WxRequestOptions) => {
    const event = options.data as { action: string; idempotencyKey?: string };
    if (event.action === 'castVote') keys.push(event.idempotencyKey ?? '');
    if (!loseNextAnswer || event.action !== 'castVote') return wxRequestOverHttp(options);
    loseNextAnswer = false;
    wxRequestOverHttp({ ...options, success: () => options.fail?.({ errMsg: 'request:fail socket closed' }) });
  };
  const unlucky = phone.open(TOPIC, street.people[7], { query: { id: topicId }, wx: { request } });
  await settled();
  tapOn(ballot(unlucky), '.vote-panel__option--0');
  await settled();
  tapOn(ballot(unlucky), '.vote-panel__cast');
  await settled();
  expect(screen(unlucky)).toContain('网络不给力，请稍后重试');
  tapOn(ballot(unlucky), '.vote-panel__cast');
  await settled();
  expect(screen(unlucky)).toContain('您的票已计入');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(phone.emulator.db.count('council_ballots', { voteId: vote._id })).toBe(8);

  // Before the window ends the committee's 结束表决 is refused in words.
  const committee = phone.open(TOPIC, PEOPLE.committee, { query: { id: topicId } });
  await settled();
  expect(screen(committee)).toContain('已有 8/12 户投票');
  tapOn(committee, '.topic__close');
  await settled();
  expect(screen(committee)).toContain('表决期结束后才能计票');

  // Three days on: closed, counted, published.
  liveAt(phone.emulator, new Date(vote.closesAt.getTime() + 2 * 60_000));
  const closing = phone.open(TOPIC, PEOPLE.committee, { query: { id: topicId } });
  await settled();
  expect(screen(closing)).toContain('投票已截止，正在等待计票');
  expect(closing.querySelector('.topic__paper')).toBeUndefined();
  tapOn(closing, '.topic__close');
  await settled();
  expect(screen(closing)).toContain('已计票并公布结果');

  const after = phone.open(TOPIC, street.people[0], { query: { id: topicId } });
  await settled();
  const result = ballot(after).dom?.textContent ?? '';
  expect(result).toContain('投票 8/12 户（67%），有效票 8 张');
  expect(result).toContain('已过半数户参加，表决有效');
  expect(result).toContain('表决通过：同意');
  expect(result).toContain('7 票（88%）');
  expect(screen(after)).toContain('已决定');
  expect(ballot(after).querySelector('.vote-panel__cast')).toBeUndefined();
  expect(after.querySelector('.topic__start-project')).toBeUndefined();

  // Decided: the committee takes it on as a project, and residents follow it from 0%.
  const decided = phone.open(TOPIC, PEOPLE.committee, { query: { id: topicId } });
  await settled();
  tapOn(decided, '.topic__start-project');
  await settled();
  expect(screen(decided)).toContain('已启动落实，请及时更新进展');
  expect(element(decided, '.topic__project').dom?.textContent).toContain('落实中 0%');
  expect(decided.querySelector('.topic__start-project')).toBeUndefined();
});
