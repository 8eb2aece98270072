/**
 * The demands dashboard (pure): the period (this month so far, in Shanghai, by default), the rates
 * with their counts, the misses by level, the overdue list, and the figures by category and by grid.
 */
import { LEVEL_NAMES, shanghaiDay } from '../../../generated/domain';
import type { Dashboard } from '../../../services/demand/types';
import { rateText } from '../../../services/demand/present';

type Figures = Dashboard['totals'];

/** From the 1st of this Shanghai month to today. */
export function defaultPeriod(now: number): { from: string; to: string } {
  const today = shanghaiDay(new Date(now));
  return { from: `${today.slice(0, 8)}01`, to: today };
}

export interface RateCard {
  key: string;
  name: string;
  value: string;
}

export function rateCards(f: Figures): RateCard[] {
  return [
    { key: 'response', name: '响应率', value: rateText(f.response) },
    { key: 'onTime', name: '按期办结率', value: rateText(f.onTime) },
    { key: 'solved', name: '解决率', value: rateText(f.solved) },
    { key: 'satisfied', name: '满意率', value: rateText(f.satisfied) },
    { key: 'reopen', name: '重办率', value: rateText(f.reopen) },
    { key: 'median', name: '办结用时（中位数）', value: f.medianDaysToClose === null ? '暂无' : `${Math.round(f.medianDaysToClose * 10) / 10} 天` },
  ];
}

/** 反映 12 · 在办 3 · 办结 8 · 不予受理 1 · 挂账 0 · 未评价 1. */
export function countsText(f: Figures): string {
  return `反映 ${f.reported} · 在办 ${f.open} · 办结 ${f.closed} · 不予受理 ${f.rejected} · 挂账 ${f.parked} · 未评价 ${f.unrated}`;
}

/** 超期：网格 2 次 · 居委会 1 次 · 街道 0 次. */
export function missesText(f: Figures): string {
  return `超期：${(['grid', 'community', 'street'] as const).map((l) => `${LEVEL_NAMES[l]} ${f.misses[l]} 次`).join(' · ')}`;
}

export interface OverdueRow {
  id: string;
  title: string;
  note: string;
}

export function overdueRows(d: Dashboard): OverdueRow[] {
  return d.overdue.map((o) => ({
    id: o.id,
    title: `${o.category} · ${o.building || o.grid}`,
    note: `现在在${LEVEL_NAMES[o.level]}，超期：${o.missedBy.map((l) => LEVEL_NAMES[l]).join('、')}`,
  }));
}

export interface BreakdownRow {
  key: string;
  name: string;
  counts: string;
  rates: string;
}

const breakdown = (key: string, name: string, f: Figures): BreakdownRow => ({
  key,
  name,
  counts: `反映 ${f.reported} · 办结 ${f.closed} · 超期 ${f.misses.grid + f.misses.community + f.misses.street} 次`,
  rates: `按期办结 ${rateText(f.onTime)} · 满意 ${rateText(f.satisfied)}`,
});

export const byCategoryRows = (d: Dashboard): BreakdownRow[] => d.byCategory.map((c) => breakdown(c.category.id, c.category.name, c.figures));
export const byGridRows = (d: Dashboard): BreakdownRow[] => d.byGrid.map((g) => breakdown(g.grid.id, g.grid.name, g.figures));
