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

/** How long a claimed message is its claimer's to send; a run that died after claiming is taken over after it. */
export const NOTICE_LEASE_MS = 5 * 60_000;
const leaseEndOf = (now: Date) => new Date(now.getTime() + NOTICE_LEASE_MS);

/**
 * Claims a due message for the run of `now`: its due time moves to the lease's end, only while it
 * is still due and the signup still `status` (cancelled since: not told). Only the first claimer gets
 * it, so two runs at once send it once; one that dies before `noticesDone` leaves it due again when
 * the lease ends, for the next run to send.
 */
export async function claimNotice(id: string, field: DueNotice, status: SignupDoc['status'], now: Date): Promise<boolean> {
  const _ = database().command;
  const res = await signups()
    .where({ _id: id, [field]: _.lte(now), status })
    .update({ data: { [field]: leaseEndOf(now) } });
  return updatedOne(res);
}

/**
 * The messages of `ids` sent, or not to be sent (the signup or its activity moved on): no longer due,
 * in one write. Only those still due by the lease of the run of `now`: one taken over since stays the new run's.
 */
export async function noticesDone(ids: string[], field: DueNotice, now: Date): Promise<void> {
  if (ids.length === 0) return;
  const _ = database().command;
  await signups()
    .where({ _id: _.in(ids), [field]: _.lte(leaseEndOf(now)) })
    .update({ data: { [field]: _.remove() } });
}
