/**
 * The consultation pages' pure side, as residents and the committee read it: the supports against the
 * threshold with the days left, the screening's answer, a ballot that is single or up to K choices,
 * the result with turnout, quorum and decision, the committee's moves at each stage, and the forms
 * checked before anything is sent.
 */
import type { Profile } from '../../miniprogram/generated/domain';
import type { Body, Topic, TopicDetail, Vote } from '../../miniprogram/services/council/types';
import { bodyTree, daysLeft, scopeText, screeningText, supportView, toggleChoice, topicRow, voteView } from '../../miniprogram/services/council/present';
import { councilDeskOf } from '../../miniprogram/services/council/desk';
import { livesIn, topicScreen } from '../../miniprogram/packageCouncil/pages/topic/view';
import { checkDraft, proposeInput } from '../../miniprogram/packageCouncil/pages/propose/view';
import { checkVote, closingText, defaultDraft } from '../../miniprogram/packageCouncil/pages/open-vote/view';
import { checkPaper, peopleOf } from '../../miniprogram/packageCouncil/pages/paper-ballot/view';
import type { Member } from '../../miniprogram/services/council/types';
import { bodyRows, checkBody, draftOf, emptyDraft } from '../../miniprogram/packageCouncil/pages/bodies/view';

const DAY = 24 * 3600_000;
// Thursday 5 November 2026, 10:00 in Shanghai.
const NOW = Date.parse('2026-11-05T02:00:00Z');

const topic = (over: Partial<Topic> = {}): Topic => ({
  id: 't1',
  communityId: 'c1',
  bodyId: 'b1',
  bodyName: '1号楼楼道自治小组',
  title: '楼道堆物清理',
  content: '楼道里堆了很多杂物',
  photos: [],
  stage: 'proposed',
  stageName: '征集附议',
  proposerName: '王秀英',
  supports: 3,
  threshold: 10,
  supportUntil: new Date(NOW + 12 * DAY).toISOString(),
  screenBy: null,
  screeningOverdue: false,
  declineReason: null,
  voteId: null,
  createdAt: '2026-11-01T02:00:00.000Z',
  ...over,
});

const vote = (over: Partial<Vote> = {}): Vote => ({
  id: 'v1',
  topicId: 't1',
  question: '是否同意统一清理？',
  options: ['同意', '不同意', '弃权'],
  maxChoices: 1,
  unit: 'household',
  opensAt: new Date(NOW).toISOString(),
  closesAt: new Date(NOW + 3 * DAY).toISOString(),
  status: 'open',
  eligible: 14,
  eligibleHouseholds: 12,
  voted: 5,
  result: null,
  ...over,
});

const profile = (over: Partial<Profile> = {}): Profile =>
  ({
    openid: 'me',
    displayName: '邻居',
    avatar: null,
    realName: null,
    phone: null,
    birthYear: null,
    elderMode: false,
    privacy: null,
    status: 'active',
    roles: [],
    room: '501',
    building: { id: 'bd1', name: '1号楼' },
    grid: { id: 'g1', name: '第1微网格' },
    community: { id: 'c1', name: '友邻居民区' },
    street: { id: 's1', name: '新翔街道' },
    latestBinding: null,
    contacts: [],
    ...over,
  }) as Profile;

const detail = (t: Topic, over: Partial<TopicDetail> = {}): TopicDetail => ({ topic: t, supportedByMyHousehold: false, vote: null, myHouseholdVoted: false, ...over });

describe('supports and the screening, as the 议事厅 shows them', () => {
  test('the bar towards the threshold, capped at full, and the days left rounded up', () => {
    expect(supportView(topic(), NOW)).toEqual({ supports: 3, threshold: 10, percent: 30, text: '3/10 户附议', left: '还剩 12 天' });
    expect(supportView(topic({ supports: 12, stage: 'screening' }), NOW)).toMatchObject({ percent: 100, left: '' });
    expect(daysLeft(new Date(NOW + 11.2 * DAY).toISOString(), NOW)).toBe('12 天');
    expect(daysLeft(new Date(NOW + 3600_000).toISOString(), NOW)).toBe('不到 1 天');
    expect(daysLeft(new Date(NOW - 1).toISOString(), NOW)).toBe('');
  });

  test('screening reads as due, overdue, accepted, or declined with its public reason', () => {
    expect(screeningText(topic())).toBe('');
    expect(screeningText(topic({ stage: 'screening', screenBy: '2026-11-12T02:00:00.000Z' }))).toBe('附议已达标，待党组织审查，2026年11月12日 10:00 前答复');
    expect(screeningText(topic({ stage: 'screening', screeningOverdue: true }))).toContain('已超过 7 天审查期');
    expect(screeningText(topic({ stage: 'declined', declineReason: '不属于本楼事务' }))).toBe('未受理：不属于本楼事务');
    expect(screeningText(topic({ stage: 'accepted' }))).toBe('党组织审查：已受理');
    expect(screeningText(topic({ stage: 'expired' }))).toContain('已过期');
  });

  test('a row has the bar only while supports are collected, and the reason once declined', () => {
    expect(topicRow(topic(), NOW)).toMatchObject({ stageText: '征集附议中', support: { percent: 30 }, note: '', created: '王秀英 · 2026年11月1日 10:00' });
    expect(topicRow(topic({ stage: 'declined', declineReason: '已由物业处理' }), NOW)).toMatchObject({ stageText: '未受理', support: null, note: '未受理：已由物业处理' });
    expect(topicRow(topic({ stage: 'decided' }), NOW).stageText).toBe('已决定');
  });
});

describe('the ballot and the result', () => {
  test('a single choice replaces, a multi choice adds up to K and no further', () => {
    expect(toggleChoice([0], 2, 1)).toEqual([2]);
    expect(toggleChoice([2], 2, 1)).toEqual([]);
    expect(toggleChoice([2], 0, 2)).toEqual([0, 2]);
    expect(toggleChoice([0, 2], 1, 2)).toEqual([0, 2]);
  });

  test('while open: the turnout in households, the closing time, no tally', () => {
    const v = voteView(vote(), NOW);
    expect(v).toMatchObject({ open: true, awaitingCount: false, turnout: '已有 5/12 户投票（42%）', closes: '2026年11月8日 10:00 截止', choiceHint: '单选', result: null });
    expect(voteView(vote({ maxChoices: 2 }), NOW).choiceHint).toBe('最多选 2 项');
    expect(voteView(vote(), NOW + 3 * DAY)).toMatchObject({ open: false, awaitingCount: true });
    expect(voteView(vote({ unit: 'person', voted: 7 }), NOW)).toMatchObject({ turnout: '已有 7/14 人投票（50%）', unitText: '每人一票' });
  });

  test('after the close: turnout, quorum met or not, and the decision', () => {
    const passed = voteView(vote({ status: 'closed', voted: 0, result: { tally: [7, 1, 0], ballots: 8, householdsVoted: 8, quorum: true, winner: 0 } }), NOW);
    expect(passed.result).toMatchObject({ turnout: '投票 8/12 户（67%），有效票 8 张', quorum: '已过半数户参加，表决有效', quorumMet: true, decision: '表决通过：同意' });
    expect(passed.result!.options[0]).toEqual({ name: '同意', count: 7, percent: 88, winner: true });
    const split = voteView(vote({ status: 'closed', result: { tally: [4, 4, 0], ballots: 8, householdsVoted: 8, quorum: true, winner: null } }), NOW);
    expect(split.result!.decision).toBe('没有选项超过投票数的一半，未形成决定');
    const thin = voteView(vote({ status: 'closed', result: { tally: [3, 0, 0], ballots: 3, householdsVoted: 3, quorum: false, winner: null } }), NOW);
    expect(thin.result).toMatchObject({ quorumMet: false, quorum: '参加户数未过半，未达法定人数', decision: '未达法定人数，表决无效' });
  });
});

describe('the topic page for who is looking', () => {
  test('a bound resident of the community may support while collecting; once the household has, it is said instead', () => {
    expect(topicScreen(detail(topic()), profile(), NOW)).toMatchObject({ canSupport: true, supported: '', committee: null });
    expect(topicScreen(detail(topic(), { supportedByMyHousehold: true }), profile(), NOW)).toMatchObject({ canSupport: false, supported: '您家已附议，每户只能附议一次' });
    expect(topicScreen(detail(topic()), profile({ building: null, room: null }), NOW).canSupport).toBe(false);
    expect(topicScreen(detail(topic()), profile({ community: { id: 'c2', name: '别的居民区' } }), NOW).canSupport).toBe(false);
    expect(topicScreen(detail(topic({ supportUntil: new Date(NOW - 1).toISOString() })), profile(), NOW).canSupport).toBe(false);
  });

  test('outside the body’s scope, or not bound, the page says who may support instead of a button', () => {
    const buildings = { kind: 'buildings' as const, ids: ['bd1'] };
    expect(livesIn(buildings, profile())).toBe(true);
    expect(livesIn(buildings, profile({ building: { id: 'bd2', name: '2号楼' } }))).toBe(false);
    expect(livesIn({ kind: 'grids', ids: ['g1'] }, profile())).toBe(true);
    expect(livesIn(null, profile())).toBeNull();
    const outside = topicScreen(detail(topic()), profile({ building: { id: 'bd2', name: '2号楼' } }), NOW, undefined, buildings);
    expect(outside).toMatchObject({ canSupport: false, cannotSupport: '只有1号楼楼道自治小组议事范围内的居民可以附议' });
    expect(topicScreen(detail(topic()), profile({ building: null, room: null }), NOW)).toMatchObject({ canSupport: false, cannotSupport: '绑定本居民区的房屋后才能附议' });
    // Scope not known on the phone: the button is offered and the function judges.
    expect(topicScreen(detail(topic()), profile(), NOW)).toMatchObject({ canSupport: true, cannotSupport: '' });
    expect(topicScreen(detail(topic({ stage: 'accepted' })), profile({ building: null, room: null }), NOW).cannotSupport).toBe('');
  });

  test('a household that voted reads that it was counted, never how', () => {
    const s = topicScreen(detail(topic({ stage: 'voting', voteId: 'v1' }), { vote: vote(), myHouseholdVoted: true }), profile(), NOW);
    expect(s).toMatchObject({ canVote: false, voted: '您的票已计入。无记名投票，这里不显示您投了什么' });
  });

  test('the committee of the community gets the moves of the stage, and only they', () => {
    const committee = profile({ roles: [{ role: 'committee', communityId: 'c1' }] as Profile['roles'] });
    expect(topicScreen(detail(topic({ stage: 'screening' })), committee, NOW).committee).toEqual({ screen: true, meeting: false, openVote: false, paper: false, close: false, startProject: false });
    expect(topicScreen(detail(topic({ stage: 'accepted' })), committee, NOW).committee).toEqual({ screen: false, meeting: true, openVote: true, paper: false, close: false, startProject: false });
    expect(topicScreen(detail(topic({ stage: 'voting', voteId: 'v1' }), { vote: vote() }), committee, NOW).committee).toEqual({
      screen: false,
      meeting: true,
      openVote: false,
      paper: true,
      close: true,
      startProject: false,
    });
    expect(topicScreen(detail(topic({ stage: 'decided', voteId: 'v1' })), committee, NOW).committee).toMatchObject({ startProject: true, openVote: false });
    expect(topicScreen(detail(topic({ stage: 'in_progress', voteId: 'v1' })), committee, NOW).committee).toMatchObject({ startProject: false, meeting: true });
    expect(topicScreen(detail(topic({ stage: 'done', voteId: 'v1' })), committee, NOW).committee).toMatchObject({ meeting: false });
    expect(topicScreen(detail(topic({ stage: 'voting', voteId: 'v1' }), { vote: vote() }), committee, NOW + 4 * DAY).committee).toMatchObject({ paper: false, close: true });
    const elsewhere = profile({ roles: [{ role: 'committee', communityId: 'c2' }] as Profile['roles'] });
    expect(topicScreen(detail(topic({ stage: 'screening' })), elsewhere, NOW).committee).toBeNull();
    expect(councilDeskOf(committee)).toEqual({ ok: true, data: { communityId: 'c1' } });
    expect(councilDeskOf(profile())).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', message: '只有居委会成员可以使用这个页面' } });
  });
});

describe('forms checked before anything is sent', () => {
  test('提议题: a body, a title of 2–40, a text of 5–2,000; photos only when there are some', () => {
    expect(checkDraft({ bodyId: '', title: '加装电梯', content: '老人上下楼困难' })).toEqual({ ok: false, message: '请选择提交给哪个议事机构' });
    expect(checkDraft({ bodyId: 'b1', title: '梯', content: '老人上下楼困难' })).toMatchObject({ ok: false, message: '议题标题至少 2 个字' });
    expect(checkDraft({ bodyId: 'b1', title: '加装电梯', content: '装电梯' })).toMatchObject({ ok: false });
    expect(checkDraft({ bodyId: 'b1', title: ' 加装电梯 ', content: ' 老人上下楼困难 ' })).toEqual({ ok: true, title: '加装电梯', content: '老人上下楼困难' });
    expect(proposeInput('b1', 't', 'c', [])).toEqual({ bodyId: 'b1', title: 't', content: 'c' });
    expect(proposeInput('b1', 't', 'c', ['cloud://x'])).toEqual({ bodyId: 'b1', title: 't', content: 'c', photos: ['cloud://x'] });
  });

  test('发起表决: 2–10 distinct options, up to as many choices, 3–7 days, the closing time in Shanghai', () => {
    const d = defaultDraft('楼道堆物清理');
    expect(checkVote('t1', d)).toEqual({ ok: true, input: { topicId: 't1', question: '是否同意：楼道堆物清理？', options: ['同意', '不同意', '弃权'], maxChoices: 1, unit: 'household', days: 5 } });
    expect(checkVote('t1', { ...d, options: ['同意', ' '] })).toEqual({ ok: false, message: '至少两个选项' });
    expect(checkVote('t1', { ...d, options: ['同意', '同意'] })).toEqual({ ok: false, message: '选项不能重复' });
    expect(checkVote('t1', { ...d, maxChoices: 4 })).toMatchObject({ ok: false });
    expect(checkVote('t1', { ...d, days: 8 })).toEqual({ ok: false, message: '表决期为 3–7 天' });
    expect(closingText(NOW, 3)).toBe('2026年11月8日 10:00 截止');
  });

  test('纸质票: a building, a room, the marked options, and in a per-person vote who signed it', () => {
    const household = { maxChoices: 1, person: false };
    expect(checkPaper({ buildingId: '', room: '101', openid: '', choices: [0] }, household)).toEqual({ ok: false, message: '请选择楼栋' });
    expect(checkPaper({ buildingId: 'bd1', room: ' ', openid: '', choices: [0] }, household)).toMatchObject({ ok: false });
    expect(checkPaper({ buildingId: 'bd1', room: '101', openid: '', choices: [] }, household)).toEqual({ ok: false, message: '请勾选选票上的选项' });
    expect(checkPaper({ buildingId: 'bd1', room: ' 101 ', openid: '', choices: [2, 0] }, { maxChoices: 2, person: false })).toEqual({
      ok: true,
      input: { buildingId: 'bd1', room: '101', choices: [0, 2] },
    });
    expect(checkPaper({ buildingId: 'bd1', room: '101', openid: '', choices: [0] }, { maxChoices: 1, person: true })).toEqual({ ok: false, message: '按人表决：请选择在选票上签名的居民' });
    expect(checkPaper({ buildingId: 'bd1', room: '101', openid: 'u1', choices: [0] }, { maxChoices: 1, person: true })).toEqual({
      ok: true,
      input: { buildingId: 'bd1', room: '101', openid: 'u1', choices: [0] },
    });
    const members = [
      { openid: 'u1', displayName: '王秀英', room: '101' },
      { openid: 'u2', displayName: '李建国', room: '102' },
    ] as Member[];
    expect(peopleOf(members, ' 101')).toEqual([{ openid: 'u1', name: '王秀英' }]);
    expect(peopleOf(members, '')).toEqual([]);
  });
});

describe('议事机构', () => {
  const body = (id: string, parentId: string | null, over: Partial<Body> = {}): Body => ({
    id,
    communityId: 'c1',
    parentId,
    kind: 'workingCommittee',
    name: id,
    scope: { kind: 'community' },
    convener: null,
    members: [],
    ...over,
  });

  test('the tree: children under their parent at any depth; an orphan at the top', () => {
    const all = [body('w1', 'g1'), body('top', null, { kind: 'council' }), body('g1', 'top', { kind: 'selfGovernance' }), body('orphan', 'gone')];
    expect(bodyTree(all).map(({ body: b, depth }) => [b.id, depth])).toEqual([
      ['top', 0],
      ['g1', 1],
      ['w1', 2],
      ['orphan', 0],
    ]);
    const names: Record<string, string> = { bd1: '1号楼', p1: '王秀英' };
    expect(bodyRows([body('w1', null, { scope: { kind: 'buildings', ids: ['bd1'] }, convener: 'p1', members: ['p2', 'p3'] })], (id) => names[id] || id)[0]).toEqual({
      id: 'w1',
      name: 'w1',
      depth: 0,
      kind: '工作委员会',
      scope: '楼组：1号楼',
      people: '召集人：王秀英 · 成员 2 人',
    });
    expect(scopeText({ kind: 'grids', ids: ['a', 'b', 'c', 'd'] })).toBe('网格：a、b、c 等 4 个');
  });

  test('a body is named, scoped and never its own parent', () => {
    expect(checkBody('c1', { ...emptyDraft(), name: '甲' })).toEqual({ ok: false, message: '名称应为 2–30 个字' });
    expect(checkBody('c1', { ...emptyDraft(), name: '停车小组', scopeKind: 'grids' })).toEqual({ ok: false, message: '请选择至少一个网格' });
    const own = draftOf(body('w1', null));
    expect(checkBody('c1', { ...own, parentId: 'w1' })).toEqual({ ok: false, message: '上级不能是它自己' });
    expect(checkBody('c1', { ...emptyDraft(), name: '停车小组', scopeKind: 'buildings', scopeIds: ['bd2'], convener: 'p1', members: ['p2'] })).toEqual({
      ok: true,
      input: { communityId: 'c1', parentId: null, kind: 'workingCommittee', name: '停车小组', scope: { kind: 'buildings', ids: ['bd2'] }, convener: 'p1', members: ['p2'] },
    });
    expect(checkBody('c1', own)).toMatchObject({ ok: true, input: { bodyId: 'w1' } });
  });
});
