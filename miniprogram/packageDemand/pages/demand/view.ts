/**
 * One demand as 诉求详情 shows it (pure): what, where, the state and the running deadline, the
 * timeline (who, when, at which level, the note and photos), and exactly the buttons the function
 * says this viewer may press (`can`). Photos come as fileIDs; the page passes how to show them.
 */
import { DEMAND_KIND_NAMES, DEMAND_STATE_NAMES, DemandMove, LEVEL_NAMES, TimelineAction } from '../../../generated/domain';
import type { Demand } from '../../../services/demand/types';
import { Due, dueOf, placeText, ratingText } from '../../../services/demand/present';
import { shanghaiDateTime } from '../../../utils/time';

export type UrlOf = (fileId: string) => string;

export const ACTION_NAMES: Record<TimelineAction, string> = {
  report: '反映',
  accept: '立案受理',
  reject: '不予受理',
  merge: '合并为重复诉求',
  assign: '交办',
  update: '办理进展',
  resolve: '办结',
  confirm: '确认评价',
  reopen: '重新办理',
  escalate: '上报',
  transfer: '转办',
  extend: '延期',
  park: '挂账',
  unpark: '恢复办理',
  warn: '临期提醒',
  autoClose: '3 天未确认，自动办结',
  topic: '转为议事协商议题',
  meToo: '我也遇到',
};

const DEADLINE_NAMES = { accept: '受理期限', resolve: '办结期限' } as const;

export interface TimelineRow {
  key: string;
  at: string;
  what: string;
  who: string;
  level: string;
  note: string;
  photos: string[];
}

function who(actor: Demand['timeline'][number]['actor']): string {
  if (actor.kind === 'system') return '系统';
  if (actor.displayName) return actor.displayName;
  return actor.kind === 'reporter' ? '反映人' : '工作人员';
}

export function timelineRows(d: Demand, urlOf: UrlOf): TimelineRow[] {
  return d.timeline.map((e, i) => ({
    key: `${i}`,
    at: shanghaiDateTime(e.at),
    what: e.missed ? `${ACTION_NAMES[e.action]}（${LEVEL_NAMES[e.level]}超过${DEADLINE_NAMES[e.missed]}）` : ACTION_NAMES[e.action],
    who: who(e.actor),
    level: e.toLevel && e.toLevel !== e.level ? `${LEVEL_NAMES[e.level]} → ${LEVEL_NAMES[e.toLevel]}` : LEVEL_NAMES[e.level],
    note: e.note || '',
    photos: e.photos.map(urlOf),
  }));
}

/** How a move is made on the page: at once, with a reason asked in a dialog, or in a panel. */
export type MoveWay = 'now' | 'reason' | 'note' | 'rate' | 'merge' | 'transfer';

export interface MoveButton {
  move: DemandMove;
  text: string;
  way: MoveWay;
  primary: boolean;
}

const MOVES: Record<DemandMove, { text: string; way: MoveWay; primary?: boolean }> = {
  accept: { text: '立案受理', way: 'now', primary: true },
  reject: { text: '不予受理', way: 'reason' },
  merge: { text: '合并重复', way: 'merge' },
  assign: { text: '我来办理', way: 'now', primary: true },
  update: { text: '更新进展', way: 'note' },
  resolve: { text: '办结', way: 'note', primary: true },
  confirm: { text: '确认办理结果', way: 'rate', primary: true },
  reopen: { text: '没有解决，重新办理', way: 'reason' },
  escalate: { text: '上报上级', way: 'reason' },
  transfer: { text: '转给其他网格', way: 'transfer' },
  extend: { text: '批准延期', way: 'reason' },
  park: { text: '挂账', way: 'note' },
  unpark: { text: '恢复办理', way: 'note', primary: true },
  meToo: { text: '我也遇到', way: 'now' },
};

export const moveButtons = (can: readonly DemandMove[]): MoveButton[] => can.map((move) => ({ move, text: MOVES[move].text, way: MOVES[move].way, primary: MOVES[move].primary === true }));

export const moveOf = (value: unknown): DemandMove | undefined => (Object.keys(MOVES) as DemandMove[]).find((m) => m === value);
export const wayOf = (move: DemandMove): MoveWay => MOVES[move].way;

/** The dialog for a move that takes a reason. */
export const REASON_PROMPTS: Partial<Record<DemandMove, { title: string; placeholder: string; confirmText: string }>> = {
  reject: { title: '不予受理', placeholder: '告诉反映人为什么（对方会看到）', confirmText: '不予受理' },
  reopen: { title: '重新办理', placeholder: '还有什么没解决', confirmText: '重新办理' },
  escalate: { title: '上报上级', placeholder: '为什么需要上级处理', confirmText: '上报' },
  extend: { title: '批准延期', placeholder: '延期的理由（再给 15 个工作日）', confirmText: '批准' },
  transfer: { title: '转办理由', placeholder: '为什么归这个网格', confirmText: '转办' },
};

export interface DetailView {
  id: string;
  title: string;
  kind: string;
  state: Demand['state'];
  stateText: string;
  level: string;
  place: string;
  text: string;
  photos: string[];
  urgent: boolean;
  reported: string;
  reporter: string;
  handler: string;
  due: Due;
  misses: string[];
  parked: string;
  rejected: string;
  duplicateOf: string;
  rating: string;
  closed: string;
  meToo: string;
}

export function detailView(d: Demand, now: number, urlOf: UrlOf): DetailView {
  const reporter = d.reporter ? [d.reporter.displayName, d.reporter.phone].filter(Boolean).join(' ') : '';
  return {
    id: d.id,
    title: d.category.name,
    kind: DEMAND_KIND_NAMES[d.kind],
    state: d.state,
    stateText: DEMAND_STATE_NAMES[d.state],
    level: LEVEL_NAMES[d.level],
    place: placeText(d),
    text: d.text ?? '（矛盾纠纷的内容只有反映人和办理人能看到）',
    photos: d.photos.map(urlOf),
    urgent: d.urgent,
    reported: `${shanghaiDateTime(d.createdAt)} 反映${d.anonymous ? '（对邻居匿名）' : ''}`,
    reporter: reporter ? `反映人：${reporter}${d.enteredBy ? `（${d.enteredBy.displayName} 代为登记）` : ''}` : '',
    handler: d.handler ? `办理人：${d.handler.displayName}` : '',
    due: dueOf(d, now),
    misses: d.misses.map((m) => `${LEVEL_NAMES[m.level]}超过${DEADLINE_NAMES[m.deadline]}（${shanghaiDateTime(m.dueAt)}）`),
    parked: d.parked ? `挂账：${d.parked.reason}，${d.parked.reviewOn} 复查` : '',
    rejected: d.rejectedReason ? `不予受理：${d.rejectedReason}` : '',
    duplicateOf: d.duplicateOf || '',
    rating: d.rating ? `评价：${ratingText(d.rating)}` : '',
    closed: d.closedHow === 'unrated' ? '3 天内没有确认，已自动办结（不计入满意）' : '',
    meToo: d.meTooCount > 0 ? `${d.meTooCount} 位邻居也遇到${d.meToo ? '（含我）' : ''}` : '',
  };
}

/** Every fileID the page shows, to turn into something `<image>` takes in one go. */
export const fileIdsOf = (d: Demand): string[] => [...d.photos, ...d.timeline.flatMap((e) => e.photos)];
