/** Turns what the service API answers into what the service pages show (pure, so the pages stay thin). */
import { ELDERLY_AGE, SERIES, SERIES_NAMES, shanghaiClock, shanghaiInstant } from '../../generated/domain';
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
  /** The next session by the weekly schedule, e.g. 下一场 12月8日 周二 09:00; '' with no schedule. */
  next: string;
  /** Who may book, short: 仅限60岁以上, 所有居民. */
  who: string;
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

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Who may book, as short as a row allows (the item's page says it in full). */
export function whoMayBook(e: ServiceItem['eligibility']): string {
  if (e.kind === 'everyone') return '所有居民可约';
  if (e.kind === 'elderly') return `仅限${ELDERLY_AGE}岁以上`;
  return '仅限部分网格居民';
}

/**
 * The next session after `now` by the item's weekly schedule (weekday 1 Monday … 7 Sunday, Shanghai),
 * read from the menu's own answer: the menu reads no slots, so the seats are counted on the item's page.
 */
export function nextSession(schedule: ServiceItem['schedule'], now: number): string {
  const today = shanghaiClock(now);
  let best: number | null = null;
  for (let d = 0; d <= 7; d++) {
    const weekday = ((today.weekday + d + 6) % 7) + 1;
    for (const t of schedule) {
      if (t.weekday !== weekday) continue;
      const [h, m] = t.startTime.split(':').map(Number);
      const at = shanghaiInstant(today.year, today.month, today.day, h, m).getTime() + d * 86_400_000;
      if (at > now && (best === null || at < best)) best = at;
    }
  }
  if (best === null) return '';
  const c = shanghaiClock(best);
  return `下一场 ${c.month}月${c.day}日 ${WEEKDAYS[c.weekday]} ${c.hour < 10 ? '0' : ''}${c.hour}:${c.minute < 10 ? '0' : ''}${c.minute}`;
}

/** Where the service is given: the point's name, or its address when the provider gives it at its own door (one name twice says nothing). */
export function placeText(item: Pick<ServiceItem, 'provider' | 'servicePoint'>): string {
  if (!item.servicePoint) return '服务点待定';
  return item.servicePoint.name === item.provider.name ? item.servicePoint.address : item.servicePoint.name;
}

/** Used as `items.map(itemRow)`: takes no second argument (map would pass the index). */
export function itemRow(item: ServiceItem): ItemRow {
  return {
    id: item.id,
    title: item.name,
    series: item.seriesName,
    provider: item.provider.name,
    rating: ratingText(item.rating),
    place: placeText(item),
    duration: durationText(item.durationMinutes),
    next: nextSession(item.schedule, Date.now()),
    who: whoMayBook(item.eligibility),
  };
}
