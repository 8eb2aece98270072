import { SIGNUP_STATUS_NAMES } from '../../../../domain/activities';
import { shanghaiMinute } from '../../../../domain/attendance';
import { RosterEntry } from '../../../../domain/contract/activity';
import { ActivityDoc } from '../../../../server/repositories/activities';

const HEADER = ['序号', '昵称', '楼组', '手机号', '状态', '岗位', '同行人数', '备注', '报名时间', '签到时间', '签退时间', '志愿时长（小时）'];

/**
 * The roster as a CSV file Excel opens right: UTF-8 with a byte-order mark (without it Excel reads
 * Chinese as GBK), CRLF line ends, times in Shanghai.
 */
export function rosterCsv(activity: ActivityDoc, entries: RosterEntry[]): Buffer {
  const roles = new Map(activity.shifts.map((s) => [s.id, s.role]));
  const time = (iso: string | null) => (iso ? shanghaiMinute(new Date(iso)) : '');
  const rows = entries.map((e, i) => [
    i + 1,
    e.displayName,
    e.building ?? '',
    e.phone ?? '',
    SIGNUP_STATUS_NAMES[e.signup.status],
    e.signup.shiftId ? (roles.get(e.signup.shiftId) ?? '') : '',
    e.answers.companions,
    e.answers.note ?? '',
    time(e.signup.createdAt),
    time(e.signup.checkinAt),
    time(e.signup.checkoutAt),
    e.signup.hours ?? '',
  ]);
  const lines = [HEADER, ...rows].map((row) => row.map(cell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function cell(value: string | number): string {
  let text = String(value);
  // A cell starting like a formula would run as one when opened (CSV injection): keep it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
