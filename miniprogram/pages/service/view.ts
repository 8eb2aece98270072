/** Turns what the service API answers into what the service pages show (pure, so the pages stay thin). */
import { SERIES, SERIES_NAMES } from '../../generated/domain';
import { Series, ServiceItem } from '../../services/service/service';

export interface SeriesTab {
  /** '' is 全部. */
  key: Series | '';
  name: string;
}

export interface ItemRow {
  id: string;
  title: string;
  series: string;
  provider: string;
  rating: string;
  place: string;
  duration: string;
}

/** 全部 and the five 友邻 series, in the order the domain lists them. */
export const SERIES_TABS: SeriesTab[] = [{ key: '', name: '全部' }, ...SERIES.map((key) => ({ key, name: SERIES_NAMES[key] }))];

/** The series a tab's key names, or undefined for 全部 (and anything unknown). */
export function seriesOf(key: string): Series | undefined {
  return SERIES.find((s) => s === key);
}

/** "★ 4.5（3 条评价）", or "暂无评价" before the first. */
export function ratingText(rating: ServiceItem['rating']): string {
  return rating.average === null || rating.count === 0 ? '暂无评价' : `★ ${rating.average.toFixed(1)}（${rating.count} 条评价）`;
}

/** "约 30 分钟", "约 1 小时 30 分钟". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `约 ${m} 分钟`;
  return m === 0 ? `约 ${h} 小时` : `约 ${h} 小时 ${m} 分钟`;
}

export function itemRow(item: ServiceItem): ItemRow {
  return {
    id: item.id,
    title: item.name,
    series: item.seriesName,
    provider: item.provider.name,
    rating: ratingText(item.rating),
    place: item.servicePoint ? item.servicePoint.name : '服务点待定',
    duration: durationText(item.durationMinutes),
  };
}
