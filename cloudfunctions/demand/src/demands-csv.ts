import { DEADLINE_CLASS_NAMES } from '../../../domain/demands/deadlines';
import { DEMAND_KIND_NAMES, DEMAND_STATE_NAMES, LEVEL_NAMES, SATISFACTION_NAMES } from '../../../domain/demands/model';
import { shanghaiMinute } from '../../../domain/notifications';
import { periodPage } from '../../../server/repositories/demands';

const HEADER = ['编号', '类型', '类别', '期限类别', '网格', '楼组', '状态', '当前层级', '反映时间', '立案时间', '办结时间', '关闭时间', '超期层级', '重新打开', '是否解决', '满意度', '我也遇到'];
/** At most this many rows (a street's year of demands); the period can be narrowed for more. */
const MAX_ROWS = 20_000;
const PAGE = 1000;

/**
 * Every demand of a period as a CSV row Excel opens right (UTF-8 with a byte-order mark, CRLF,
 * Shanghai times): no text, no names, like the ledger.
 */
export async function demandsCsv(communityId: string | null, from: Date, to: Date): Promise<Buffer> {
  const rows: (string | number)[][] = [];
  const time = (d: Date | null) => (d ? shanghaiMinute(d) : '');
  for (let after: string | null = null; rows.length < MAX_ROWS;) {
    const page = await periodPage(communityId, from, to, after, PAGE);
    for (const d of page) {
      rows.push([
        d._id,
        DEMAND_KIND_NAMES[d.kind],
        d.categoryName,
        DEADLINE_CLASS_NAMES[d.deadlineClass],
        d.gridName,
        d.buildingName ?? '',
        DEMAND_STATE_NAMES[d.state],
        LEVEL_NAMES[d.level],
        time(d.createdAt),
        time(d.acceptedAt),
        time(d.resolvedAt),
        time(d.closedAt),
        d.misses.map((m) => LEVEL_NAMES[m.level]).join('、'),
        d.reopenedAt.length,
        d.rating ? (d.rating.solved ? '是' : '否') : '',
        d.rating ? SATISFACTION_NAMES[d.rating.satisfaction] : d.closedHow === 'unrated' ? '未评价' : '',
        d.meTooCount,
      ]);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]._id;
  }
  const lines = [HEADER, ...rows].map((row) => row.map(cell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function cell(value: string | number): string {
  let text = String(value);
  // A cell starting like a formula would run as one when opened (CSV injection): keep it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
