/** Turns the activity list and my signups into the rows and filters the 活动 tab shows (pure). */
import { SERIES, SERIES_NAMES, Series } from '../../generated/domain';
import { ActivitySummary, MySignupPage } from '../../services/activity/types';
import { isLive, statusText, timeRange } from '../activity-detail/view';

export interface Row {
  id: string;
  title: string;
  /** Series and time. */
  description: string;
  /** Seats left (or 已满 / 已取消). */
  note: string;
  /** My live signup's state (待审核 / 已报名 / 候补第 N 位), or ''. */
  mine: string;
  /** 需审核 / 即将截止 / 已满, as marks on the row. */
  marks: string[];
}

/** Signups closing within this long are 即将截止. */
export const CLOSING_SOON_MS = 2 * 24 * 3600_000;

/** What a resident should know before opening it: it needs approval, signups close soon, it is full. */
export function marksOf(a: Pick<ActivitySummary, 'status' | 'seatsLeft' | 'approval' | 'signupClosesAt'>, now: number): string[] {
  if (a.status === 'cancelled') return [];
  const marks: string[] = [];
  if (a.approval === 'committee') marks.push('需审核');
  const closes = Date.parse(a.signupClosesAt) - now;
  if (a.seatsLeft <= 0) marks.push('已满');
  else if (closes > 0 && closes <= CLOSING_SOON_MS) marks.push('即将截止');
  return marks;
}

export interface Filter {
  /** '' for 全部, else the series. */
  key: '' | Series;
  name: string;
}

/** 全部, then the five 友邻 series. */
export const FILTERS: Filter[] = [{ key: '', name: '全部' }, ...SERIES.map((key) => ({ key, name: SERIES_NAMES[key] }))];

/** The series a filter chip stands for; undefined for 全部 or anything else. */
export function seriesOf(key: unknown): Series | undefined {
  return SERIES.find((s) => s === key);
}

export function seatsNote(a: Pick<ActivitySummary, 'status' | 'seatsLeft'>): string {
  if (a.status === 'cancelled') return '已取消';
  return a.seatsLeft > 0 ? `剩余 ${a.seatsLeft} 个名额` : '名额已满';
}

export function row(a: ActivitySummary, marks: Record<string, string>, now = Date.now()): Row {
  return {
    id: a.id,
    title: a.title,
    description: `${SERIES_NAMES[a.series]} · ${timeRange(a.startAt, a.endAt)}`,
    note: seatsNote(a),
    mine: marks[a.id] || '',
    marks: marksOf(a, now),
  };
}

/** Activity id → what my live signup to it reads as, from my latest signups. */
export function myMarks(page: MySignupPage): Record<string, string> {
  const marks: Record<string, string> = {};
  for (const { signup, activity } of page.items) {
    if (isLive(signup) && !marks[activity.id]) marks[activity.id] = statusText(signup, activity.approval);
  }
  return marks;
}
