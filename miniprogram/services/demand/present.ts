/**
 * How a demand reads to people, shared by the demand pages and the committee's (pure: no calls, so
 * views and their tests use it as it is). Times read in Shanghai; a deadline reads as what is left
 * ("受理期限还剩 1小时20分") or how late it is ("办结已超时 2天3小时").
 */
import { DEMAND_KIND_NAMES, DEMAND_STATE_NAMES, LEVEL_NAMES, SATISFACTION_NAMES } from '../../generated/domain';
import { shanghaiDateTime } from '../../utils/time';
import type { Demand, LedgerLine } from './types';

const MINUTE = 60_000;

/** 3天2小时, 5小时20分, 12分钟 (at least 1分钟). */
export function spanText(ms: number): string {
  const m = Math.max(1, Math.floor(Math.abs(ms) / MINUTE));
  const days = Math.floor(m / (24 * 60));
  const hours = Math.floor((m % (24 * 60)) / 60);
  const minutes = m % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分` : `${hours}小时`;
  return `${minutes}分钟`;
}

export const DUE_KIND_NAMES: Record<NonNullable<Demand['dueKind']>, string> = { accept: '受理', resolve: '办结', confirm: '确认', review: '复查' };

export interface Due {
  /** "受理期限还剩 1小时20分" / "办结已超时 2天3小时" / '' when no deadline runs. */
  text: string;
  overdue: boolean;
  /** "2026年12月7日 18:00 前受理". */
  by: string;
}

export function dueOf(d: Pick<Demand, 'dueAt' | 'dueKind' | 'overdue'>, now: number): Due {
  if (!d.dueAt || !d.dueKind) return { text: '', overdue: false, by: '' };
  const name = DUE_KIND_NAMES[d.dueKind];
  const left = Date.parse(d.dueAt) - now;
  const overdue = d.overdue || left <= 0;
  return {
    text: overdue ? `${name}已超时 ${spanText(left)}` : `${name}期限还剩 ${spanText(left)}`,
    overdue,
    by: `${shanghaiDateTime(d.dueAt)} 前${name}`,
  };
}

/** 需求 · 漏水 · 3号楼. */
export function placeText(d: Pick<Demand, 'building' | 'grid'>): string {
  return d.building ? `${d.building.name} · ${d.grid.name}` : d.grid.name;
}

export interface DemandRow {
  id: string;
  category: string;
  kind: string;
  state: Demand['state'];
  stateText: string;
  level: string;
  place: string;
  /** The first words of the text, for a list (empty when this viewer may not see it). */
  excerpt: string;
  reported: string;
  urgent: boolean;
  due: string;
  overdue: boolean;
  meToo: string;
}

const excerpt = (text: string | null) => (text ? (text.length > 40 ? `${text.slice(0, 40)}…` : text) : '');

/** A demand as one line of 我的诉求 or the 网格工作台 inbox. */
export function demandRow(d: Demand, now: number): DemandRow {
  const due = dueOf(d, now);
  return {
    id: d.id,
    category: d.category.name,
    kind: DEMAND_KIND_NAMES[d.kind],
    state: d.state,
    stateText: DEMAND_STATE_NAMES[d.state],
    level: LEVEL_NAMES[d.level],
    place: placeText(d),
    excerpt: excerpt(d.text),
    reported: shanghaiDateTime(d.createdAt),
    urgent: d.urgent,
    due: due.text,
    overdue: due.overdue,
    meToo: d.meTooCount > 0 ? `${d.meTooCount} 位邻居也遇到` : '',
  };
}

/** Overdue first, then the earliest deadline, then those with none (the inbox's order, kept across pages). */
export function byDue(a: Demand, b: Demand): number {
  const at = (d: Demand) => (d.dueAt ? Date.parse(d.dueAt) : Number.POSITIVE_INFINITY);
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return at(a) - at(b);
}

export interface LedgerRow {
  id: string;
  category: string;
  place: string;
  stateText: string;
  reported: string;
  accepted: string;
  finished: string;
  /** 按期 / 超期 / 办理中. */
  onTime: string;
  onTimeClass: 'ok' | 'late' | 'running';
  parked: string;
  meToo: string;
}

const day = (iso: string | null) => (iso ? shanghaiDateTime(iso).split(' ')[0] : '');

/** One line of the public ledger: dates, state, on time or not, parked with its reason; no text, no names. */
export function ledgerRow(l: LedgerLine): LedgerRow {
  const onTimeClass = l.onTime === false ? 'late' : l.onTime === true || l.closedAt ? 'ok' : 'running';
  return {
    id: l.id,
    category: l.category,
    place: l.building ? `${l.building} · ${l.grid}` : l.grid,
    stateText: DEMAND_STATE_NAMES[l.state],
    reported: day(l.createdAt),
    accepted: day(l.acceptedAt),
    finished: day(l.closedAt || l.resolvedAt),
    onTime: { ok: '按期', late: '超期', running: '办理中' }[onTimeClass],
    onTimeClass,
    parked: l.parked ? `挂账：${l.parked.reason}（${l.parked.reviewOn} 复查）` : '',
    meToo: l.meTooCount > 0 ? `${l.meTooCount} 位邻居也遇到` : '',
  };
}

/** 满意 · 已解决 · “很快就修好了”. */
export function ratingText(rating: Demand['rating']): string {
  if (!rating) return '';
  const parts = [rating.solved ? '已解决' : '未解决', SATISFACTION_NAMES[rating.satisfaction]];
  return rating.comment ? `${parts.join(' · ')} · “${rating.comment}”` : parts.join(' · ');
}

/** 80%（12/15）, or 暂无 when nothing is in the denominator. */
export function rateText(rate: { numerator: number; denominator: number; rate: number | null }): string {
  if (rate.rate === null || rate.denominator === 0) return '暂无';
  return `${Math.round(rate.rate * 1000) / 10}%（${rate.numerator}/${rate.denominator}）`;
}
