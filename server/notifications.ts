/**
 * Subscription messages about activities. The use-cases say what happened to whom; this module
 * decides whether a consent allows a send, fits the values to WeChat's field rules, sends, and
 * records the outcome. (Being filled in with the notifications work: templates from config,
 * consents counted down, 43101 recorded and not retried.)
 */
export type ActivityNoticeKind = 'signupApproved' | 'signupRejected' | 'promoted' | 'activityCancelled' | 'activityReminder';

export interface ActivityNotice {
  kind: ActivityNoticeKind;
  openid: string;
  activity: { id: string; title: string; startAt: Date; placeText: string };
  /** Why: a rejection's or a cancellation's reason. */
  reason?: string;
}

export async function notifyActivity(notices: ActivityNotice[], now: Date): Promise<void> {
  void notices;
  void now;
}
