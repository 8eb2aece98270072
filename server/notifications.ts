import { z } from 'zod/mini';
import { ActivityNotice, BookingNotice, DemandNotice, Notice, NoticeKind, noticeSubject, templateData } from '../domain/notifications';
import { sdk } from './kit/cloud';
import { newId } from './kit/ids';
import { logFailure } from './kit/log';
import { NotificationDoc, recordNotifications } from './repositories/notifications';
import { returnConsent, takeConsent } from './repositories/subscriptions';
import { TEMPLATES } from './subscription-templates';

/**
 * Subscription messages about activities and service bookings. The use-cases say what happened to whom; this module
 * takes a consent if one remains, fits the values to the template's field rules, sends, and records
 * the outcome. It never throws: the change the notice reports has already happened.
 */
export type { ActivityNotice, BookingNotice, DemandNotice } from '../domain/notifications';
export type ActivityNoticeKind = NoticeKind;

/** Where a message opens the mini-program: the activity it is about. */
export const ACTIVITY_PAGE = 'pages/activity/activity';
/** Where a booking's message opens it: 我的预约, with that booking marked. */
export const BOOKING_PAGE = 'pages/my-bookings/my-bookings';
/** Where a demand's message opens it: its detail with the timeline (the pages' DEMAND_PAGE). */
export const DEMAND_PAGE = 'packageDemand/pages/demand/demand';
/** WeChat's "user refused / no consent left": the consent is gone, so asking again cannot help. */
export const NO_CONSENT_ERRCODE = 43101;
/** Sends in flight at once: enough for a cancelled activity's whole list within the timeout. */
const PARALLEL = 8;

/** Which version of the mini-program a message opens (env YOULIN_MINIPROGRAM_STATE); WeChat's default is the released one. */
const miniprogramStateSchema = z.catch(z.enum(['developer', 'trial', 'formal']), 'formal');

export async function notifyActivity(notices: ActivityNotice[], now: Date): Promise<void> {
  await notify(notices, now);
}

/** Demand notices (accepted, resolved, escalated, overdue warning, closed), under the same rules. */
export async function notifyDemands(notices: DemandNotice[], now: Date): Promise<void> {
  await notify(notices, now);
}

/** Booking notices, under the same consent, fitting and recording rules as the activities'. */
export async function notifyBookings(notices: BookingNotice[], now: Date): Promise<void> {
  await notify(notices, now);
}

async function notify(notices: Notice[], now: Date): Promise<void> {
  if (notices.length === 0) return;
  const outcomes = await inParallel(notices, PARALLEL, (notice) => deliver(notice, now));
  try {
    await recordNotifications(outcomes);
  } catch (error) {
    logFailure('notifications', 'record', error);
  }
}

async function deliver(notice: Notice, now: Date): Promise<NotificationDoc> {
  const template = TEMPLATES[notice.kind];
  const subject = noticeSubject(notice);
  const about = 'demand' in notice ? { demandId: subject.id } : 'activity' in notice ? { activityId: subject.id } : { bookingId: subject.id };
  const page =
    'demand' in notice
      ? `${DEMAND_PAGE}?id=${encodeURIComponent(subject.id)}`
      : 'activity' in notice
        ? `${ACTIVITY_PAGE}?id=${encodeURIComponent(subject.id)}`
        : `${BOOKING_PAGE}?booking=${encodeURIComponent(subject.id)}`;
  const outcome = (status: NotificationDoc['status'], errcode: number | null): NotificationDoc => ({
    _id: newId(now),
    kind: notice.kind,
    openid: notice.openid,
    ...about,
    templateId: template.id,
    status,
    errcode,
    at: now,
  });
  let data: Record<string, { value: string }>;
  // The consent is taken before sending, so two notices at once never both use the last one.
  try {
    data = templateData(template, notice);
    if (!(await takeConsent(notice.openid, notice.kind, template.id, now))) return outcome('no-consent', null);
  } catch (error) {
    logFailure('notifications', notice.kind, error);
    return outcome('failed', null);
  }
  try {
    await sdk().openapi.subscribeMessage.send({
      touser: notice.openid,
      templateId: template.id,
      page,
      data,
      miniprogramState: miniprogramStateSchema.parse(process.env.YOULIN_MINIPROGRAM_STATE),
      lang: 'zh_CN',
    });
    return outcome('sent', null);
  } catch (error) {
    const errcode = wechatErrcode(error);
    // 43101: WeChat holds no consent for this user; ours was stale. Spent, recorded, never retried.
    if (errcode === NO_CONSENT_ERRCODE) return outcome('refused', errcode);
    logFailure('notifications', notice.kind, error);
    // Any other answer from WeChat refused the request before it used the user's consent; without
    // an answer (a timeout) the message may have gone, so the consent stays spent.
    if (errcode !== null) await returnConsent(notice.openid, notice.kind, template.id, now).catch((e: unknown) => logFailure('notifications', 'returnConsent', e));
    return outcome('failed', errcode);
  }
}

/** WeChat's errcode from the SDK's error (positive); null for the SDK's own failures. */
function wechatErrcode(error: unknown): number | null {
  const code = typeof error === 'object' && error !== null && 'errCode' in error ? error.errCode : null;
  return typeof code === 'number' && code > 0 ? code : null;
}

/** Runs `work` on every item, at most `limit` at a time, keeping the order. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
