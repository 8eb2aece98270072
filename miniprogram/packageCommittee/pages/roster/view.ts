/** Turns roster entries into what the roster page shows (pure). */
import { SIGNUP_STATUS_NAMES } from '../../../generated/domain';
import type { ManagedActivity, RosterItem } from '../../services/types';
import { shanghaiDateTime } from '../../../utils/time';

export interface RosterRow {
  id: string;
  name: string;
  building: string;
  phone: string;
  status: RosterItem['signup']['status'];
  statusText: string;
  shift: string;
  /** 未签到 / 已签到 10:02 / 已签到 10:02 · 已签退 12:05 · 2 小时 */
  attendance: string;
  extra: string;
}

/** "2026年11月21日 10:02" → "10:02" when it is the day of `day`; the whole date otherwise. */
function timeOf(iso: string, day: string): string {
  const text = shanghaiDateTime(iso);
  const [date, time] = text.split(' ');
  return date === day ? time : text;
}

export function rosterRow(item: RosterItem, activity: Pick<ManagedActivity, 'shifts' | 'startAt'> | null): RosterRow {
  const s = item.signup;
  const day = activity ? shanghaiDateTime(activity.startAt).split(' ')[0] : '';
  const shift = s.shiftId && activity ? activity.shifts.find((x) => x.id === s.shiftId) : undefined;
  const parts: string[] = [];
  if (s.checkinAt) parts.push(`已签到 ${timeOf(s.checkinAt, day)}`);
  if (s.checkoutAt) parts.push(`已签退 ${timeOf(s.checkoutAt, day)}`);
  if (s.hours !== null) parts.push(`${s.hours} 小时`);
  const extra: string[] = [];
  if (item.answers.companions > 0) extra.push(`同行 ${item.answers.companions} 人`);
  if (item.answers.note) extra.push(`备注：${item.answers.note}`);
  if (s.status === 'waitlisted' && s.waitlistPosition) extra.push(`候补第 ${s.waitlistPosition} 位`);
  if ((s.status === 'rejected' || s.status === 'cancelled') && s.reason) extra.push(s.reason);
  return {
    id: s.id,
    name: item.displayName,
    building: item.building || '未绑定楼栋',
    phone: item.phone || '未留电话',
    status: s.status,
    statusText: SIGNUP_STATUS_NAMES[s.status],
    shift: shift ? shift.role : '',
    attendance: parts.length > 0 ? parts.join(' · ') : s.status === 'confirmed' ? '未签到' : '',
    extra: extra.join('；'),
  };
}

/** Data rows in a CSV text: records outside quotes, without the header and blank lines (a note may hold a line break). */
export function csvRowCount(text: string): number {
  let records = 0;
  let inQuotes = false;
  let hasContent = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') inQuotes = !inQuotes;
    if (!inQuotes && c === '\n') {
      if (hasContent) records += 1;
      hasContent = false;
    } else if (c !== '\r') hasContent = true;
  }
  if (hasContent) records += 1;
  return Math.max(0, records - 1);
}
