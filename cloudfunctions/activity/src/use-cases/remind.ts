import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { ActivityNotice, notifyActivity } from '../../../../server/notifications';
import { activitiesStartingBetween } from '../../../../server/repositories/activities';
import { TimePosition } from '../../../../server/repositories/docs';
import { claimOnce, signupsOf } from '../../../../server/repositories/signups';

/** Reminders go out when the activity starts within this time: one hour before, at the timer's grain. */
export const REMINDER_LEAD_MS = 60 * 60_000;
const PAGE = 100;

/**
 * Timer job: reminds every confirmed signup of an activity starting within the hour. Each signup
 * is claimed (`remindedAt`) before its reminder goes out, so a timer fired twice or two runs at
 * once remind each person exactly once; a run that dies after claiming loses that reminder rather
 * than sending it twice.
 */
export async function remindUpcoming(now: Date, budget: Budget = UNBOUNDED): Promise<{ activities: number; reminded: number }> {
  const soon = await activitiesStartingBetween(now, new Date(now.getTime() + REMINDER_LEAD_MS));
  let reminded = 0;
  for (const activity of soon) {
    // Out of time: the next run (5 minutes on, still within the hour's lead) picks up the rest.
    if (budget.spent()) break;
    const about = { id: activity._id, title: activity.title, startAt: activity.startAt, placeText: activity.place.text };
    let after: TimePosition | null = null;
    for (;;) {
      const page = await signupsOf(activity._id, { status: 'confirmed', after, limit: PAGE });
      const notices: ActivityNotice[] = [];
      for (const signup of page) {
        if (signup.remindedAt) continue;
        if (await claimOnce(signup._id, 'remindedAt', now)) notices.push({ kind: 'activityReminder', openid: signup.openid, activity: about });
      }
      await notifyActivity(notices, now);
      reminded += notices.length;
      if (page.length < PAGE || budget.spent()) break;
      const last = page[page.length - 1];
      after = { time: last.createdAt, id: last._id };
    }
  }
  return { activities: soon.length, reminded };
}
