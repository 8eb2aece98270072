/** Turns roster entries and review answers into what the review page shows (pure). */
import { SIGNUP_STATUS_NAMES } from '../../../generated/domain';
import type { ReviewOutcome, RosterItem } from '../../services/committee';

export interface PendingRow {
  id: string;
  name: string;
  /** 3号楼 502室, or 未绑定楼栋. */
  home: string;
  /** What they answered, one labelled row each. */
  answers: { label: string; value: string }[];
}

/** The activity the queue is for: its title and the seats still free. */
export interface ActivityLine {
  title: string;
  seats: string;
}

export function activityLine(a: { title: string; seatsLeft: number; capacity: number }): ActivityLine {
  return { title: a.title, seats: a.seatsLeft > 0 ? `剩余 ${a.seatsLeft} 个名额（共 ${a.capacity} 个）` : `名额已满（共 ${a.capacity} 个）` };
}

export interface OutcomeRow {
  id: string;
  name: string;
  text: string;
  /** Still waiting (e.g. 名额已满): the row stays in the queue. */
  pending: boolean;
}

export function pendingRow(item: RosterItem): PendingRow {
  const answers: PendingRow['answers'] = [];
  if (item.answers.companions > 0) answers.push({ label: '同行', value: `${item.answers.companions} 人` });
  if (item.answers.note) answers.push({ label: '备注', value: item.answers.note });
  if (item.phone) answers.push({ label: '电话', value: item.phone });
  const home = item.building ? `${item.building}${item.room ? ` ${item.room}室` : ''}` : '未绑定楼栋';
  return { id: item.signup.id, name: item.displayName, home, answers };
}

/** One line per signup the committee decided on, named as the queue showed it. */
export function outcomeRows(results: ReviewOutcome['results'], rows: PendingRow[]): OutcomeRow[] {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return results.map((r) => {
    const status = SIGNUP_STATUS_NAMES[r.status];
    return { id: r.signupId, name: names.get(r.signupId) || '报名人', text: r.message ? `${status}：${r.message}` : status, pending: r.status === 'pending' };
  });
}

/** The queue without the signups that are no longer pending. */
export function withoutDecided(rows: PendingRow[], results: ReviewOutcome['results']): PendingRow[] {
  const decided = new Set(results.filter((r) => r.status !== 'pending').map((r) => r.signupId));
  return rows.filter((r) => !decided.has(r.id));
}
