import { z } from 'zod/mini';
import { noticeKindSchema } from '../../domain/notifications';
import { database } from '../kit/cloud';
import { removeWhere, personalRead } from './docs';

/**
 * The only module that touches `notifications`: the outcome of every subscription message we
 * decided to send (append-only), for the committee's questions ("was I told?") and for operators.
 */
export const NOTIFICATIONS = 'notifications';

export const notificationDocSchema = z.object({
  _id: z.string(),
  kind: noticeKindSchema,
  openid: z.string(),
  /** What the message is about: an activity's signup, a service booking, or a demand. */
  activityId: z.optional(z.string()),
  bookingId: z.optional(z.string()),
  demandId: z.optional(z.string()),
  templateId: z.string(),
  /** sent; no-consent (nothing sent); refused: WeChat's 43101; failed: any other error. */
  status: z.enum(['sent', 'no-consent', 'refused', 'failed']),
  /** WeChat's errcode for refused and failed sends (null when none came back). */
  errcode: z.nullable(z.number()),
  at: z.date(),
});
export type NotificationDoc = z.infer<typeof notificationDocSchema>;

const BATCH = 100;

/** Appends outcomes, up to 100 a request. */
export async function recordNotifications(docs: NotificationDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH)
    await database()
      .collection(NOTIFICATIONS)
      .add({ data: docs.slice(i, i + BATCH) });
}

/** An account's end: the record of their messages goes with it. */
export async function removeNotificationsOf(openid: string): Promise<number> {
  return removeWhere(NOTIFICATIONS, { openid });
}

/** A person's message records, newest first, at most `limit`: for their export (PersonalRead). */
export const notificationsOfRead = (openid: string, limit: number) => personalRead(NOTIFICATIONS, notificationDocSchema, { openid }, limit, 'at');
