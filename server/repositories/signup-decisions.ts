import { database } from '../kit/cloud';
import { changedCount, dataOf, deadKeyOf, eachInBatches, parseDocs, updatedOne } from './docs';
import { SIGNUPS, SignupDoc, signupDocSchema } from './signups';

/**
 * With signups.ts: the committee's decisions on signups, each write conditional on the signup still
 * waiting for one, and the messages about signups that calls write due instead of sending them, for
 * the activity timer to send (`tellPromoted`, `tellReviewed`).
 */

/** Where a signup's due message waits: 候补成功 after a cancellation handed it seats, or the committee's decision. */
export type DueNotice = 'promotionNoticeDueAt' | 'decisionNoticeDueAt';

const signups = () => database().collection(SIGNUPS);
/** A signup the committee may still decide on. */
const UNDECIDED: SignupDoc['status'][] = ['pending', 'waitlisted'];

/**
 * The committee's approvals in ONE write, however many: each of `ids` still waiting for a decision is
 * confirmed (its seats are already held for it) and its 报名结果 message made due. How many were: a
 * signup cancelled or decided since the read is left as it is.
 */
export async function confirmApproved(ids: string[], now: Date): Promise<number> {
  const _ = database().command;
  const res = await signups()
    .where({ _id: _.in(ids), status: _.in(UNDECIDED) })
    .update({ data: { status: 'confirmed', decidedAt: now, decisionNoticeDueAt: now } });
  return changedCount(res, 'updated');
}

/**
 * Rejects signups with the committee's reason, each only if it still waits for a decision, and makes
 * their messages due; the ids rejected. One write a signup (several at once): each ended signup's key
 * dies as its own (`dead|<_id>`, unique), which one write for all cannot set.
 */
export async function rejectUndecided(ids: string[], reason: string | null, now: Date): Promise<Set<string>> {
  const _ = database().command;
  const rejected = new Set<string>();
  await eachInBatches(ids, async (id) => {
    const res = await signups()
      .where({ _id: id, status: _.in(UNDECIDED) })
      .update({ data: { status: 'rejected', reason, decidedAt: now, liveKey: deadKeyOf(id), decisionNoticeDueAt: now } });
    if (updatedOne(res)) rejected.add(id);
  });
  return rejected;
}

/** Signups whose message of this kind is due, oldest first. */
export async function noticesDue(field: DueNotice, now: Date, limit: number): Promise<SignupDoc[]> {
  const res = await signups()
    .where({ [field]: database().command.lte(now) })
    .orderBy(field, 'asc')
    .limit(limit)
    .get();
  return parseDocs(signupDocSchema, SIGNUPS, dataOf(res));
}

/** Claims a due message: true only for the first claimer, so it goes out once. */
export async function claimNotice(id: string, field: DueNotice, now: Date): Promise<boolean> {
  const _ = database().command;
  return updatedOne(
    await signups()
      .where({ _id: id, [field]: _.lte(now) })
      .update({ data: { [field]: _.remove() } }),
  );
}
