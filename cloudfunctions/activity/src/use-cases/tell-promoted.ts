import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { ActivityNotice, notifyActivity } from '../../../../server/notifications';
import { getActivities } from '../../../../server/repositories/activities';
import { claimPromotionNotice, promotionNoticesDue } from '../../../../server/repositories/signups';

const BATCH = 200;

/**
 * Timer job: the 候补成功 message of each signup a cancellation handed a seat (the confirmation wrote
 * it due, so the cancelling call spends no request on it and it cannot be lost). Each is claimed
 * before it is sent, so it goes out once however often, or however concurrently, the timer fires; a
 * signup cancelled since, or an activity cancelled or over, gets none.
 */
export async function tellPromoted(now: Date, budget: Budget = UNBOUNDED): Promise<{ told: number }> {
  const due = await promotionNoticesDue(now, BATCH);
  const claimed = [];
  // Out of time: the unclaimed rest are told by the next run.
  for (const signup of due) if (!budget.spent() && (await claimPromotionNotice(signup._id, now)) && signup.status === 'confirmed') claimed.push(signup);
  if (claimed.length === 0) return { told: 0 };
  const activities = new Map((await getActivities(claimed.map((s) => s.activityId))).map((a) => [a._id, a]));
  const notices: ActivityNotice[] = [];
  for (const signup of claimed) {
    const a = activities.get(signup.activityId);
    if (a && a.status === 'published' && now < a.endAt) notices.push({ kind: 'promoted', openid: signup.openid, activity: { id: a._id, title: a.title, startAt: a.startAt, placeText: a.place.text } });
  }
  await notifyActivity(notices, now);
  return { told: notices.length };
}
