import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { ActivityNotice, notifyActivity } from '../../../../server/notifications';
import { getActivities } from '../../../../server/repositories/activities';
import { SignupDoc } from '../../../../server/repositories/signups';
import { DueNotice, claimNotice, noticesDone, noticesDue } from '../../../../server/repositories/signup-decisions';

const BATCH = 200;

/**
 * Timer job: the 候补成功 message of each signup a cancellation handed a seat (the confirmation wrote
 * it due, so the cancelling call spends no request on it and it cannot be lost).
 */
export async function tellPromoted(now: Date, budget: Budget = UNBOUNDED): Promise<{ told: number }> {
  return tellDue('promotionNoticeDueAt', now, budget, (s) => (s.status === 'confirmed' ? { kind: 'promoted' } : null));
}

/**
 * Timer job: the 报名结果 message of each signup the committee approved or rejected (with its
 * reason), written due with the decision, so a review costs the same for one signup or a hundred.
 */
export async function tellReviewed(now: Date, budget: Budget = UNBOUNDED): Promise<{ told: number }> {
  return tellDue('decisionNoticeDueAt', now, budget, (s) =>
    s.status === 'confirmed' ? { kind: 'signupApproved' } : s.status === 'rejected' ? { kind: 'signupRejected', reason: s.reason ?? undefined } : null,
  );
}

/**
 * Each due message is claimed for a few minutes before it is sent, and stops being due only once
 * sent, so it goes out once however often, or however concurrently, the timer fires, and a run that
 * dies between the two leaves it for a later run. A signup no longer as it was (cancelled since) is
 * not claimed, and neither it nor one of an activity cancelled or over gets a message.
 */
async function tellDue(field: DueNotice, now: Date, budget: Budget, say: (s: SignupDoc) => Pick<ActivityNotice, 'kind' | 'reason'> | null): Promise<{ told: number }> {
  const due = await noticesDue(field, now, BATCH);
  const claimed: SignupDoc[] = [];
  // Read as nothing to tell (cancelled): no longer due, in the same write as the claimed.
  const done = due.filter((s) => !say(s)).map((s) => s._id);
  // Out of time: the unclaimed rest are told by the next run.
  for (const signup of due) if (!budget.spent() && say(signup) && (await claimNotice(signup._id, field, signup.status, now))) claimed.push(signup);
  const activities = new Map(claimed.length > 0 ? (await getActivities(claimed.map((s) => s.activityId))).map((a) => [a._id, a]) : []);
  const notices: ActivityNotice[] = [];
  for (const signup of claimed) {
    const a = activities.get(signup.activityId);
    const what = say(signup);
    if (a && what && a.status === 'published' && now < a.endAt) notices.push({ ...what, openid: signup.openid, activity: { id: a._id, title: a.title, startAt: a.startAt, placeText: a.place.text } });
  }
  await notifyActivity(notices, now);
  await noticesDone([...done, ...claimed.map((s) => s._id)], field, now);
  return { told: notices.length };
}
