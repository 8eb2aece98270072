import { POST_NAMES, YearLine } from '../../../domain/members/model';

const HEADER = ['序号', '姓名', '工作单位', '所在党支部', '服务队', '岗位', '服务时长（小时）', '积分', '完成任务', '实现心愿', '居民评价', '评价数', '岗位评星'];

/** A work unit's year as a CSV Excel opens right: UTF-8 with a byte-order mark, CRLF line ends. */
export function yearCsv(year: number, lines: YearLine[]): Buffer {
  const rows = lines.map((l, i) => [
    i + 1,
    l.displayName,
    l.workUnit,
    l.branch,
    l.teamName ?? '',
    l.post ? POST_NAMES[l.post] : '',
    l.hours,
    l.points,
    l.tasks,
    l.wishes,
    l.rating ?? '',
    l.ratings,
    l.stars ? '★'.repeat(l.stars) : '',
  ]);
  const lines2 = [[`${year} 年度在职党员社区服务报告`], HEADER, ...rows].map((row) => row.map(cell).join(','));
  return Buffer.from(`\uFEFF${lines2.join('\r\n')}\r\n`, 'utf8');
}

function cell(value: string | number): string {
  let text = String(value);
  // A cell starting like a formula would run as one when opened (CSV injection): keep it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
