/** What the service item page shows: the item in plain words and its slots by Shanghai day (pure). */
import { ELDERLY_AGE, shanghaiClock } from '../../generated/domain';
import { Booking, ServiceItem, Slot } from '../../services/service/service';
import { shanghaiDateTime } from '../../utils/time';
import { durationText, ratingText } from '../service/view';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export interface ItemView {
  title: string;
  series: string;
  description: string;
  provider: string;
  providerRating: string;
  rating: string;
  eligibility: string;
  cutoff: string;
  place: string;
  address: string;
  duration: string;
}

export interface SlotRow {
  id: string;
  /** "11月24日 周二", shown above the first slot of each day. */
  day: string;
  showDay: boolean;
  time: string;
  left: string;
  full: boolean;
}

export interface BookedView {
  id: string;
  status: string;
  time: string;
  place: string;
  code: string;
  cancelUntil: string;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const shanghai = (iso: string) => shanghaiClock(Date.parse(iso));

/** "11月24日 周二" in Shanghai. */
export function dayLabel(iso: string): string {
  const t = shanghai(iso);
  return `${t.month}月${t.day}日 ${WEEKDAYS[t.weekday]}`;
}

/** "09:00" in Shanghai. */
export function clock(iso: string): string {
  const t = shanghai(iso);
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** Who may book, as a resident reads it. */
export function eligibilityText(e: ServiceItem['eligibility']): string {
  switch (e.kind) {
    case 'everyone':
      return '所有居民都可以预约';
    case 'elderly':
      return `${ELDERLY_AGE} 岁以上的居民可以预约（按“我的”中填写的出生年份）`;
    default:
      return '只面向部分网格的居民';
  }
}

export function cutoffText(hours: number): string {
  return hours > 0 ? `服务开始前 ${hours} 小时以前可以取消预约` : '服务开始前都可以取消预约';
}

export function itemView(item: ServiceItem): ItemView {
  return {
    title: item.name,
    series: item.seriesName,
    description: item.description,
    provider: item.provider.name,
    providerRating: ratingText(item.provider.rating),
    rating: ratingText(item.rating),
    eligibility: eligibilityText(item.eligibility),
    cutoff: cutoffText(item.cancelCutoffHours),
    place: item.servicePoint ? item.servicePoint.name : '服务点待定',
    address: item.servicePoint ? item.servicePoint.address : '',
    duration: durationText(item.durationMinutes),
  };
}

export function slotRow(slot: Slot, previousDay: string): SlotRow {
  const day = dayLabel(slot.startAt);
  const full = slot.status !== 'open' || slot.seatsLeft <= 0;
  return {
    id: slot.id,
    day,
    showDay: day !== previousDay,
    time: `${clock(slot.startAt)}–${clock(slot.endAt)}`,
    left: slot.status !== 'open' ? '已取消' : full ? '已约满' : `剩 ${slot.seatsLeft} 个名额`,
    full,
  };
}

/** Slots in order, each marked whether it starts a new day after `previousDay`. */
export function slotRows(slots: Slot[], previousDay = ''): SlotRow[] {
  const rows: SlotRow[] = [];
  let day = previousDay;
  for (const s of slots) {
    const row = slotRow(s, day);
    rows.push(row);
    day = row.day;
  }
  return rows;
}

export function bookedView(b: Booking): BookedView {
  return {
    id: b.id,
    status: b.status === 'booked' ? '已预约' : b.status === 'completed' ? '已完成' : '已取消',
    time: `${shanghaiDateTime(b.startAt)}–${clock(b.endAt)}`,
    place: b.placeText,
    code: b.code || '',
    cancelUntil: shanghaiDateTime(b.cancelUntil),
  };
}
