import { z } from 'zod/mini';
import { noticeKindSchema, NoticeKind } from '../../domain/notifications';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { removeWhere, updatedOne, personalRead } from './docs';

/**
 * The only module that touches `subscriptions`: one-time consents to subscription messages, one
 * document per person and notice kind (`_id` = openid|kind), counting the sends each allows. The
 * template id is kept so a consent given to a template the configuration has since replaced never
 * counts for the new one (WeChat counts consents per template id).
 */
export const SUBSCRIPTIONS = 'subscriptions';

export const subscriptionDocSchema = z.object({
  _id: z.string(),
  openid: z.string(),
  kind: noticeKindSchema,
  templateId: z.string(),
  /** Sends still allowed: each accepted one-time consent adds one, each send attempt takes one. */
  remaining: z.number(),
  updatedAt: z.date(),
});
export type SubscriptionDoc = z.infer<typeof subscriptionDocSchema>;

const subscriptions = () => database().collection(SUBSCRIPTIONS);
const idOf = (openid: string, kind: NoticeKind) => `${openid}|${kind}`;

/** Adds one accepted consent. Usually one request; the first consent of a kind inserts its document. */
export async function addConsent(openid: string, kind: NoticeKind, templateId: string, now: Date): Promise<void> {
  const _ = database().command;
  const _id = idOf(openid, kind);
  const increment = async () =>
    updatedOne(
      await subscriptions()
        .where({ _id, templateId })
        .update({ data: { remaining: _.inc(1), updatedAt: now } }),
    );
  if (await increment()) return;
  const doc: SubscriptionDoc = { _id, openid, kind, templateId, remaining: 1, updatedAt: now };
  try {
    await subscriptions().add({ data: doc });
    return;
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
  // Someone else's first consent landed in between (count on it), or the document holds an old template.
  if (await increment()) return;
  await subscriptions()
    .where({ _id, templateId: _.neq(templateId) })
    .update({ data: { templateId, remaining: 1, updatedAt: now } });
}

/**
 * Takes one consent if one remains, in one conditional update, so two sends at once never spend
 * the same consent: true when this caller got it.
 */
export async function takeConsent(openid: string, kind: NoticeKind, templateId: string, now: Date): Promise<boolean> {
  const _ = database().command;
  const res: unknown = await subscriptions()
    .where({ _id: idOf(openid, kind), templateId, remaining: _.gt(0) })
    .update({ data: { remaining: _.inc(-1), updatedAt: now } });
  return updatedOne(res);
}

/** Gives a consent back when WeChat refused the request itself, so the user's consent was not used. */
export async function returnConsent(openid: string, kind: NoticeKind, templateId: string, now: Date): Promise<void> {
  const _ = database().command;
  await subscriptions()
    .where({ _id: idOf(openid, kind), templateId })
    .update({ data: { remaining: _.inc(1), updatedAt: now } });
}

/** An account's end: the consents go with it. */
export async function removeConsentsOf(openid: string): Promise<number> {
  return removeWhere(SUBSCRIPTIONS, { openid });
}

/** A person's subscription consents, newest first, at most `limit`: for their export (PersonalRead). */
export const consentsOfRead = (openid: string, limit: number) => personalRead(SUBSCRIPTIONS, subscriptionDocSchema, { openid }, limit, 'updatedAt');
