/**
 * How a topic and its vote read (pure, so tests can read them without a phone): the stage, the
 * supports against the threshold with the days left, the screening's answer, the turnout while a
 * vote is open and, once closed, the tally, whether the quorum was met and what was decided.
 * Times are shown in Shanghai time whatever the phone's zone.
 */
import { shanghaiDateTime } from '../../utils/time';
import { Body, Topic, TopicDetail, TopicStage, Vote } from './types';

const DAY_MS = 24 * 3600_000;

/** The 议事厅's tabs: the stages a resident follows (server-side filter), and 全部. */
export interface StageTab {
  value: '' | TopicStage;
  name: string;
}
export const STAGE_TABS: StageTab[] = [
  { value: '', name: '全部' },
  { value: 'proposed', name: '征集附议中' },
  { value: 'screening', name: '待审查' },
  { value: 'accepted', name: '已受理' },
  { value: 'declined', name: '未受理' },
  { value: 'voting', name: '表决中' },
  { value: 'decided', name: '已决定' },
];
const TAB_NAMES = new Map(STAGE_TABS.filter((t) => t.value).map((t) => [t.value, t.name]));

export const stageOf = (value: unknown): '' | TopicStage => (STAGE_TABS.some((t) => t.value === value) ? (value as '' | TopicStage) : '');

/** "3 天" / "不到 1 天": what is left of a window; '' once it has passed. */
export function daysLeft(untilIso: string, now: number): string {
  const left = Date.parse(untilIso) - now;
  if (!(left > 0)) return '';
  return left < DAY_MS ? '不到 1 天' : `${Math.ceil(left / DAY_MS)} 天`;
}

export interface SupportView {
  supports: number;
  threshold: number;
  /** 0–100, the bar's width. */
  percent: number;
  text: string;
  /** "还剩 12 天" while supports are collected; '' after. */
  left: string;
}

export function supportView(t: Topic, now: number): SupportView {
  const percent = t.threshold > 0 ? Math.min(100, Math.floor((t.supports * 100) / t.threshold)) : 100;
  const left = t.stage === 'proposed' ? daysLeft(t.supportUntil, now) : '';
  return { supports: t.supports, threshold: t.threshold, percent, text: `${t.supports}/${t.threshold} 户附议`, left: left ? `还剩 ${left}` : '' };
}

/** The stage as the 议事厅 names it (its tab's name where it has one). */
export const stageText = (t: Topic): string => TAB_NAMES.get(t.stage) || t.stageName;

/** The party organisation's answer, or when it is due; '' before the topic reaches screening. */
export function screeningText(t: Topic): string {
  if (t.stage === 'screening') {
    const by = t.screenBy ? `，${shanghaiDateTime(t.screenBy)} 前答复` : '';
    return t.screeningOverdue ? `附议已达标，待党组织审查（已超过 7 天审查期）` : `附议已达标，待党组织审查${by}`;
  }
  if (t.stage === 'declined') return `未受理：${t.declineReason || '未说明理由'}`;
  if (t.stage === 'expired') return '30 天内附议未达标，议题已过期';
  if (t.stage === 'proposed') return '';
  return '党组织审查：已受理';
}

export interface TopicRow {
  id: string;
  title: string;
  body: string;
  bodyId: string;
  stage: TopicStage;
  stageText: string;
  support: SupportView | null;
  note: string;
  created: string;
}

/** A topic as a line of the 议事厅: the bar towards the threshold while supports are collected. */
export function topicRow(t: Topic, now: number): TopicRow {
  return {
    id: t.id,
    title: t.title,
    body: t.bodyName,
    bodyId: t.bodyId,
    stage: t.stage,
    stageText: stageText(t),
    support: t.stage === 'proposed' ? supportView(t, now) : null,
    note: t.stage === 'declined' || t.stage === 'screening' ? screeningText(t) : '',
    created: `${t.proposerName} · ${shanghaiDateTime(t.createdAt)}`,
  };
}

export interface OptionResult {
  name: string;
  count: number;
  percent: number;
  winner: boolean;
}

export interface VoteView {
  id: string;
  question: string;
  options: string[];
  maxChoices: number;
  choiceHint: string;
  /** "每户一票" / "每人一票". */
  unitText: string;
  open: boolean;
  closes: string;
  /** Past its window but not counted yet (the committee or the timer closes it). */
  awaitingCount: boolean;
  turnout: string;
  result: null | { options: OptionResult[]; turnout: string; quorum: string; quorumMet: boolean; decision: string };
}

const pct = (n: number, of: number) => (of > 0 ? Math.round((n * 100) / of) : 0);

export function voteView(v: Vote, now: number): VoteView {
  const per = v.unit === 'household' ? '户' : '人';
  const eligible = v.unit === 'household' ? v.eligibleHouseholds : v.eligible;
  const view: VoteView = {
    id: v.id,
    question: v.question,
    options: v.options,
    maxChoices: v.maxChoices,
    choiceHint: v.maxChoices > 1 ? `最多选 ${v.maxChoices} 项` : '单选',
    unitText: v.unit === 'household' ? '每户一票' : '每人一票',
    open: v.status === 'open' && Date.parse(v.closesAt) > now,
    closes: `${shanghaiDateTime(v.closesAt)} 截止`,
    awaitingCount: v.status === 'open' && Date.parse(v.closesAt) <= now,
    turnout: `已有 ${v.voted}/${eligible} ${per}投票（${pct(v.voted, eligible)}%）`,
    result: null,
  };
  const r = v.result;
  if (v.status !== 'closed' || !r) return view;
  const decision = r.winner !== null ? `表决通过：${v.options[r.winner]}` : r.quorum ? '没有选项超过投票数的一半，未形成决定' : '未达法定人数，表决无效';
  view.result = {
    options: v.options.map((name, i) => ({ name, count: r.tally[i] || 0, percent: pct(r.tally[i] || 0, r.ballots), winner: r.winner === i })),
    turnout: `投票 ${r.householdsVoted}/${v.eligibleHouseholds} 户（${pct(r.householdsVoted, v.eligibleHouseholds)}%），有效票 ${r.ballots} 张`,
    quorum: r.quorum ? '已过半数户参加，表决有效' : '参加户数未过半，未达法定人数',
    quorumMet: r.quorum,
    decision,
  };
  return view;
}

/** Toggles option `i` in a ballot: single choice replaces, multi choice adds up to `max`. */
export function toggleChoice(chosen: readonly number[], i: number, max: number): number[] {
  if (chosen.includes(i)) return chosen.filter((c) => c !== i);
  if (max <= 1) return [i];
  return chosen.length >= max ? [...chosen] : [...chosen, i].sort((a, b) => a - b);
}

/** What a household sees of its own part: supported, voted (never how). */
export function mineText(d: TopicDetail): { supported: string; voted: string } {
  return {
    supported: d.supportedByMyHousehold ? '您家已附议，每户只能附议一次' : '',
    voted: d.myHouseholdVoted ? '您的票已计入。无记名投票，这里不显示您投了什么' : '',
  };
}

/** Bodies as an indented tree: council → councils → working committees, in the order given within a level. */
export function bodyTree(all: readonly Body[]): { body: Body; depth: number }[] {
  const children = new Map<string | null, Body[]>();
  const ids = new Set(all.map((b) => b.id));
  for (const b of all) {
    const parent = b.parentId && ids.has(b.parentId) ? b.parentId : null;
    children.set(parent, [...(children.get(parent) || []), b]);
  }
  const out: { body: Body; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const b of children.get(parent) || []) {
      out.push({ body: b, depth });
      if (depth < 10) walk(b.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export const BODY_KIND_NAMES: Record<Body['kind'], string> = { council: '议事会', selfGovernance: '自治议事会', workingCommittee: '工作委员会' };

/** "全居民区" / "2 个网格" / "1 栋楼". */
export function scopeText(scope: Body['scope'], names: (id: string) => string = (id) => id): string {
  if (scope.kind === 'community') return '全居民区';
  const listed = scope.ids.slice(0, 3).map(names).join('、');
  const more = scope.ids.length > 3 ? ` 等 ${scope.ids.length} 个` : '';
  return `${scope.kind === 'grids' ? '网格' : '楼组'}：${listed}${more}`;
}
