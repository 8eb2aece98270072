/** Turns roster entries and review answers into what the review page shows (pure). */
import { SIGNUP_STATUS_NAMES } from '../../../generated/domain';
import type { ReviewOutcome, RosterItem } from '../../services/committee';

export interface PendingRow {
  id: string;
  name: string;
  building: string;
  answers: string;
}

export interface OutcomeRow {
  id: string;
  name: string;
  text: string;
  /** Still waiting (e.g. 名额已满): the row stays in the queue. */
  pending: boolean;
}

export function pendingRow(item: RosterItem): PendingRow {
  const parts: string[] = [];
  if (item.answers.companions > 0) parts.push(`同行 ${item.answers.companions} 人`);
  if (item.answers.note) parts.push(`备注：${item.answers.note}`);
  if (item.phone) parts.push(`电话 ${item.phone}`);
  return { id: item.signup.id, name: item.displayName, building: item.building || '未绑定楼栋', answers: parts.join('；') };
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
