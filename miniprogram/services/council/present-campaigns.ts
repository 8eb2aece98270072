/**
 * How 群众评优 and 三评 read (pure): a campaign as a ballot of nominees (up to K, one per household,
 * secret) with the turnout while open, and once closed the counts, most votes first, with the days
 * of objections; the three ratings of a year side by side. Times in Shanghai whatever the phone's zone.
 */
import { shanghaiDateTime } from '../../utils/time';
import { Campaign, ThreeRatings } from './types';

export interface CampaignView {
  id: string;
  title: string;
  statusName: string;
  nominees: { name: string; note: string }[];
  maxChoices: number;
  choiceHint: string;
  /** Open and within its window: households may vote. */
  open: boolean;
  /** Past its window, not counted yet (the committee or the timer closes it). */
  awaitingCount: boolean;
  closes: string;
  turnout: string;
  result: null | { ranking: { name: string; votes: number; first: boolean }[]; turnout: string; posted: string; answer: string };
}

const pct = (n: number, of: number) => (of > 0 ? Math.round((n * 100) / of) : 0);

export function campaignView(c: Campaign, now: number): CampaignView {
  const closesAt = Date.parse(c.closesAt);
  const view: CampaignView = {
    id: c.id,
    title: `${c.year} 年 ${c.title}`,
    statusName: c.statusName,
    nominees: c.nominees.map((n) => ({ name: n.name, note: n.note || '' })),
    maxChoices: c.maxChoices,
    choiceHint: c.maxChoices > 1 ? `每户最多选 ${c.maxChoices} 个` : '每户选 1 个',
    open: c.status === 'open' && closesAt > now,
    awaitingCount: c.status === 'open' && closesAt <= now,
    closes: `${shanghaiDateTime(c.closesAt)} 截止`,
    turnout: `已有 ${c.voted}/${c.eligibleHouseholds} 户投票（${pct(c.voted, c.eligibleHouseholds)}%）`,
    result: null,
  };
  const r = c.result;
  if (c.status === 'open' || !r) return view;
  const ranked = c.nominees.map((n, i) => ({ name: n.name, votes: r.tally[i] || 0 })).sort((a, b) => b.votes - a.votes);
  const top = ranked.length ? ranked[0].votes : 0;
  const posted =
    c.status === 'posted' && c.objectionsUntil
      ? `公示至 ${shanghaiDateTime(c.objectionsUntil)}，有异议可在公示期内提出`
      : c.status === 'objected'
        ? `公示期内有 ${c.objections} 户提出异议，居委会将统一答复`
        : '公示期满，结果有效';
  view.result = {
    ranking: ranked.map((n) => ({ ...n, first: top > 0 && n.votes === top })),
    turnout: `投票 ${r.householdsVoted}/${c.eligibleHouseholds} 户（${pct(r.householdsVoted, c.eligibleHouseholds)}%），有效票 ${r.ballots} 张`,
    posted,
    answer: c.objectionAnswer ? `居委会答复：${c.objectionAnswer}` : '',
  };
  return view;
}

/** Whether objections are taken now: the result is posted (or already objected to) and its days of objections still run. */
export function objectionsOpen(c: Campaign, now: number): boolean {
  return (c.status === 'posted' || c.status === 'objected') && Boolean(c.objectionsUntil) && Date.parse(c.objectionsUntil as string) > now;
}

/** The campaign to show first: an open one, else the latest (the list comes newest first). */
export function campaignToShow(items: readonly Campaign[]): Campaign | null {
  return items.find((c) => c.status === 'open') || items[0] || null;
}

export interface CampaignDraft {
  title: string;
  /** One nominee a line; "名称：简介" adds a note. */
  nominees: string;
  maxChoices: number;
  days: number;
}

export type CheckedCampaign =
  { ok: true; input: { communityId: string; title: string; nominees: { name: string; note?: string }[]; maxChoices: number; days: number } } | { ok: false; message: string };

/** The committee's new campaign, checked in the function's words before a call. */
export function checkCampaign(communityId: string, d: CampaignDraft): CheckedCampaign {
  const title = d.title.trim();
  if (title.length < 2 || title.length > 30) return { ok: false, message: '评优名称 2–30 个字' };
  const nominees = d.nominees
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, ...note] = line.split(/[:：]/);
      const n = note.join('：').trim();
      return n ? { name: name.trim(), note: n } : { name: name.trim() };
    });
  if (nominees.length < 2) return { ok: false, message: '至少两个候选，每行一个' };
  if (nominees.length > 30) return { ok: false, message: '候选最多 30 个' };
  if (nominees.some((n) => !n.name || n.name.length > 30)) return { ok: false, message: '候选名称 1–30 个字' };
  if (new Set(nominees.map((n) => n.name)).size !== nominees.length) return { ok: false, message: '候选名称不能重复' };
  if (d.maxChoices > nominees.length) return { ok: false, message: '每户可投的数量不能超过候选数' };
  return { ok: true, input: { communityId, title, nominees, maxChoices: d.maxChoices, days: d.days } };
}

export interface RatingsView {
  year: number;
  providers: { id: string; name: string; score: string }[];
  /** ★1 … ★5 with how many members stand there. */
  stars: { stars: string; count: number }[];
  /** Only the committee reads the names. */
  named: { name: string; stars: string; note: string }[] | null;
  campaigns: { id: string; title: string; status: string; ballots: string; ranking: { name: string; votes: number }[] }[];
}

const starText = (n: number) => '★'.repeat(Math.max(0, Math.min(5, n)));

export function ratingsView(r: ThreeRatings): RatingsView {
  return {
    year: r.year,
    providers: r.providers.map((p) => ({ id: p.id, name: p.name, score: p.average === null ? '暂无评价' : `${p.average.toFixed(1)} 分 · ${p.count} 条评价` })),
    stars: r.members.counts.map((count, i) => ({ stars: starText(i + 1), count })),
    named: r.members.named ? r.members.named.map((m) => ({ name: m.displayName, stars: starText(m.stars), note: m.final ? '' : '公示中' })) : null,
    campaigns: r.campaigns.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status === 'final' ? '已揭晓' : c.status === 'objected' ? '异议处理中' : '公示中',
      ballots: `有效票 ${c.ballots} 张`,
      ranking: c.ranking,
    })),
  };
}
