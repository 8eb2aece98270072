/**
 * The pure side of a topic's later sections and of 群众评优 / 三评, as residents and the committee
 * read them: a hidden comment says why to its author, a meeting's time in Shanghai and whether its
 * minutes are due, a project's bar and "已完成", a campaign's ballot and its counts most votes first,
 * the three ratings side by side, and the committee's forms checked before anything is sent.
 */
import type { Campaign, CouncilComment, Meeting, Project, ThreeRatings } from '../../miniprogram/services/council/types';
import { commentRow, meetingRow, projectView } from '../../miniprogram/services/council/present-deliberation';
import { campaignToShow, campaignView, checkCampaign, ratingsView } from '../../miniprogram/services/council/present-campaigns';
import { checkMinutes } from '../../miniprogram/packageCouncil/pages/minutes/view';
import { checkProgress, shanghaiToday } from '../../miniprogram/packageCouncil/pages/progress/view';

const HOUR = 3600_000;
// Thursday 5 November 2026, 10:00 in Shanghai.
const NOW = Date.parse('2026-11-05T02:00:00Z');

const comment = (over: Partial<CouncilComment> = {}): CouncilComment => ({
  id: 'k1',
  topicId: 't1',
  content: '支持统一清理',
  author: { displayName: '王阿姨', building: '1号楼', openid: null, anonymous: false },
  status: 'published',
  hideReason: null,
  checkWhy: null,
  mine: false,
  createdAt: '2026-11-05T01:00:00.000Z',
  ...over,
});

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: 'm1',
  topicId: 't1',
  kind: 'coordination',
  kindName: '协调会',
  activityId: 'a1',
  title: '协调会：加装电梯',
  placeText: '居委会二楼会议室',
  startAt: '2026-11-05T06:00:00.000Z',
  endAt: '2026-11-05T07:30:00.000Z',
  cancelled: false,
  minutes: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 'c1',
  communityId: 'demo-community',
  year: 2026,
  title: '最美楼组',
  nominees: [
    { name: '1号楼', note: '楼道整洁' },
    { name: '2号楼', note: null },
    { name: '3号楼', note: null },
  ],
  maxChoices: 1,
  opensAt: '2026-11-01T02:00:00.000Z',
  closesAt: '2026-11-08T02:00:00.000Z',
  status: 'open',
  statusName: '投票中',
  eligibleHouseholds: 40,
  voted: 10,
  result: null,
  objectionsUntil: null,
  objections: 0,
  objectionAnswer: null,
  ...over,
});

test('a comment hidden by the committee tells its author why; the committee may hide published and waiting ones', () => {
  expect(commentRow(comment(), false)).toMatchObject({ who: '王阿姨（1号楼）', when: '2026年11月5日 09:00', state: '', hideable: false });
  expect(commentRow(comment(), true).hideable).toBe(true);
  expect(commentRow(comment({ status: 'hidden', hideReason: '言辞不文明' }), true)).toMatchObject({ state: '已被居委会隐藏：言辞不文明', hideable: false });
  expect(commentRow(comment({ status: 'review' }), true)).toMatchObject({ state: '审核中，仅您和居委会可见', hideable: true });
  expect(commentRow(comment({ author: { displayName: '居委会', building: null, openid: null, anonymous: false } }), false).who).toBe('居委会');
});

test('a meeting reads in Shanghai time; minutes are due once it has begun, never when cancelled or already published', () => {
  const before = meetingRow(meeting(), NOW, true);
  expect(before).toMatchObject({ time: '2026年11月5日 14:00 – 15:30', status: '未开始', signup: true, minutesDue: false, minutes: null });
  expect(meetingRow(meeting(), NOW + 4.5 * HOUR, true)).toMatchObject({ status: '进行中', signup: false, minutesDue: true });
  expect(meetingRow(meeting(), NOW + 6 * HOUR, false)).toMatchObject({ status: '已结束', minutesDue: false });
  expect(meetingRow(meeting({ cancelled: true }), NOW + 6 * HOUR, true)).toMatchObject({ status: '已取消', signup: false, minutesDue: false });
  const minuted = meetingRow(meeting({ minutes: { text: '同意先做评估', photos: [], attendees: 3, publishedAt: '2026-11-05T08:00:00.000Z' } }), NOW + 7 * HOUR, true);
  expect(minuted).toMatchObject({ minutesDue: false, minutes: { attendees: '签到 3 人', published: '2026年11月5日 16:00 公布' } });
});

test('a project reads as a bar to 100% with its updates, and "已完成" when done', () => {
  const p: Project = {
    id: 'p1',
    topicId: 't1',
    title: '中心花园改造',
    status: 'in_progress',
    statusName: '落实中',
    percent: 60,
    startedOn: '2026-10-15',
    lastUpdateOn: '2026-11-02',
    doneOn: null,
    updates: 2,
  };
  const updates = [{ id: 'u2', percent: 60, text: '新铺地面完成', photos: [], day: '2026-11-02', createdAt: '2026-11-02T02:00:00.000Z' }];
  expect(projectView(p, updates)).toEqual({
    title: '中心花园改造',
    percent: 60,
    statusText: '落实中 60%',
    done: false,
    started: '2026-10-15 启动 · 2 次进展',
    updates: [{ id: 'u2', day: '2026-11-02', percent: '60%', text: '新铺地面完成' }],
  });
  expect(projectView({ ...p, status: 'done', percent: 100, doneOn: '2026-11-05' }, [])).toMatchObject({ percent: 100, done: true, statusText: '已完成（2026-11-05）' });
});

test('the committee’s minutes and progress are checked in the function’s words before a call', () => {
  expect(checkMinutes('太短了')).toEqual({ ok: false, message: '会议纪要至少 10 个字' });
  expect(checkMinutes('  与会居民同意先做结构评估再分摊费用  ')).toEqual({ ok: true, input: { text: '与会居民同意先做结构评估再分摊费用' } });
  // 00:30 on 6 November in Shanghai is still the 5th in UTC.
  expect(shanghaiToday(Date.parse('2026-11-05T16:30:00Z'))).toBe('2026-11-06');
  const last = { percent: 60, startedOn: '2026-10-15' };
  const ok = { percent: '80', text: '座椅安装完成', day: '2026-11-05' };
  expect(checkProgress('t1', ok, last, '2026-11-05')).toEqual({ ok: true, input: { topicId: 't1', percent: 80, text: '座椅安装完成', day: '2026-11-05' } });
  expect(checkProgress('t1', { ...ok, percent: '50' }, last, '2026-11-05')).toEqual({ ok: false, message: '进度不能低于上次的 60%' });
  expect(checkProgress('t1', { ...ok, percent: '101' }, last, '2026-11-05')).toEqual({ ok: false, message: '进度请填 0 到 100 的整数' });
  expect(checkProgress('t1', { ...ok, percent: '7.5' }, last, '2026-11-05')).toEqual({ ok: false, message: '进度请填 0 到 100 的整数' });
  expect(checkProgress('t1', { ...ok, text: '好' }, last, '2026-11-05')).toEqual({ ok: false, message: '进展说明至少 2 个字' });
  expect(checkProgress('t1', { ...ok, day: '2026-11-06' }, last, '2026-11-05')).toEqual({ ok: false, message: '进展日期不能晚于今天' });
  expect(checkProgress('t1', { ...ok, day: '2026-10-01' }, last, '2026-11-05')).toEqual({ ok: false, message: '进展日期不能早于项目开始的日子' });
});

test('a campaign: the ballot while open, waiting for the count after its window, the counts most votes first once closed', () => {
  expect(campaignView(campaign(), NOW)).toMatchObject({
    title: '2026 年 最美楼组',
    open: true,
    awaitingCount: false,
    choiceHint: '每户选 1 个',
    closes: '2026年11月8日 10:00 截止',
    turnout: '已有 10/40 户投票（25%）',
    result: null,
  });
  expect(campaignView(campaign({ maxChoices: 2 }), NOW).choiceHint).toBe('每户最多选 2 个');
  expect(campaignView(campaign(), Date.parse('2026-11-08T02:00:00Z'))).toMatchObject({ open: false, awaitingCount: true });
  const posted = campaignView(
    campaign({ status: 'posted', statusName: '公示中', result: { tally: [3, 9, 0], ballots: 12, householdsVoted: 12 }, objectionsUntil: '2026-11-13T02:00:00.000Z' }),
    Date.parse('2026-11-09T02:00:00Z'),
  );
  expect(posted.result).toEqual({
    ranking: [
      { name: '2号楼', votes: 9, first: true },
      { name: '1号楼', votes: 3, first: false },
      { name: '3号楼', votes: 0, first: false },
    ],
    turnout: '投票 12/40 户（30%），有效票 12 张',
    posted: '公示至 2026年11月13日 10:00，有异议可在公示期内提出',
    answer: '',
  });
  const answered = campaignView(
    campaign({ status: 'final', statusName: '已揭晓', result: { tally: [1, 1, 0], ballots: 2, householdsVoted: 2 }, objections: 1, objectionAnswer: '经核实计票无误' }),
    NOW,
  );
  expect(answered.result).toMatchObject({ posted: '公示期满，结果有效', answer: '居委会答复：经核实计票无误' });
  expect(answered.result?.ranking.filter((r) => r.first).map((r) => r.name)).toEqual(['1号楼', '2号楼']);
  expect(campaignToShow([campaign({ id: 'new', status: 'final' }), campaign({ id: 'open' })])?.id).toBe('open');
  expect(campaignToShow([])).toBeNull();
});

test('a new campaign is checked before it is sent: nominees one a line, with an optional note after “：”', () => {
  const draft = { title: '优秀志愿者', nominees: '张阿姨：楼道微更新带头人\n\n李师傅:义务修车\n王老师', maxChoices: 2, days: 7 };
  expect(checkCampaign('c', draft)).toEqual({
    ok: true,
    input: {
      communityId: 'c',
      title: '优秀志愿者',
      nominees: [{ name: '张阿姨', note: '楼道微更新带头人' }, { name: '李师傅', note: '义务修车' }, { name: '王老师' }],
      maxChoices: 2,
      days: 7,
    },
  });
  expect(checkCampaign('c', { ...draft, title: '优' })).toEqual({ ok: false, message: '评优名称 2–30 个字' });
  expect(checkCampaign('c', { ...draft, nominees: '张阿姨' })).toEqual({ ok: false, message: '至少两个候选，每行一个' });
  expect(checkCampaign('c', { ...draft, nominees: '张阿姨\n张阿姨' })).toEqual({ ok: false, message: '候选名称不能重复' });
  expect(checkCampaign('c', { ...draft, maxChoices: 4 })).toEqual({ ok: false, message: '每户可投的数量不能超过候选数' });
});

test('三评: providers with their average, members by stars (names only for the committee), campaigns with their counts', () => {
  const r: ThreeRatings = {
    communityId: 'c',
    year: 2026,
    providers: [
      { id: 'p1', name: '友邻社区卫生服务中心', average: 4.75, count: 8 },
      { id: 'p2', name: '便民修车铺', average: null, count: 0 },
    ],
    members: { counts: [0, 1, 2, 0, 3], named: null },
    campaigns: [{ id: 'c1', title: '最美楼组', status: 'posted', ballots: 12, ranking: [{ name: '2号楼', votes: 9 }] }],
  };
  const v = ratingsView(r);
  expect(v.providers.map((p) => p.score)).toEqual(['4.8 分 · 8 条评价', '暂无评价']);
  expect(v.stars).toEqual([
    { stars: '★', count: 0 },
    { stars: '★★', count: 1 },
    { stars: '★★★', count: 2 },
    { stars: '★★★★', count: 0 },
    { stars: '★★★★★', count: 3 },
  ]);
  expect(v.named).toBeNull();
  expect(v.campaigns[0]).toEqual({ id: 'c1', title: '最美楼组', status: '公示中', ballots: '有效票 12 张', ranking: [{ name: '2号楼', votes: 9 }] });
  const committee = ratingsView({ ...r, members: { counts: r.members.counts, named: [{ displayName: '李党员', stars: 5, final: false }] } });
  expect(committee.named).toEqual([{ name: '李党员', stars: '★★★★★', note: '公示中' }]);
});
