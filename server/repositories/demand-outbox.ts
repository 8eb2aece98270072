import { z } from 'zod/mini';
import { levelSchema } from '../../domain/demands/model';
import { DEMAND_NOTICE_KINDS } from '../../domain/notifications';
import { database } from '../kit/cloud';
import { DEMANDS, demands } from './demands';
import { dataOf, parseDocs, setWhole, updatedOne } from './docs';

/**
 * The `demands` repository's messages waiting to go: a move that tells someone (accepted, resolved,
 * escalated, closed…) pushes its message onto the demand's `outbox` in the same conditional update
 * that makes the move, so the move costs no request more and its message cannot be lost between
 * two writes; the timer's first job (every minute) sends them. `outboxAt` (when a message last joined,
 * null or absent when none waits) is what the job reads by.
 */

export const pendingNoticeSchema = z.object({
  kind: z.enum(DEMAND_NOTICE_KINDS),
  /** The people told by name… */
  to: z.array(z.string()),
  /** …and the people of this level of the demand (its grid's workers, its committee, the street's admins), found when it is sent. */
  level: z.nullable(levelSchema),
  demand: z.object({ id: z.string(), title: z.string(), at: z.date(), placeText: z.string(), result: z.string() }),
  reason: z.nullable(z.string()),
});
export type PendingNotice = z.infer<typeof pendingNoticeSchema>;

const outboxDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  gridId: z.string(),
  version: z.number(),
  outbox: z.array(pendingNoticeSchema),
});
export type OutboxDoc = z.infer<typeof outboxDocSchema>;

/** One page of demands with messages waiting since `now` or before, oldest first. */
export async function demandsWithMessages(now: Date, limit: number): Promise<OutboxDoc[]> {
  const _ = database().command;
  const res = await demands()
    .where({ outboxAt: _.lte(now) })
    .field({ _id: true, communityId: true, gridId: true, version: true, outbox: true })
    .orderBy('outboxAt', 'asc')
    .limit(limit)
    .get();
  return parseDocs(outboxDocSchema, DEMANDS, dataOf(res));
}

/**
 * Empties an outbox as it was read: only if no move came since (the version is the one read), so a
 * message pushed meanwhile waits for the next run, and two runs at once send each message once.
 * The version is not bumped: a handler's move read before still lands.
 */
export async function takeMessages(doc: OutboxDoc): Promise<boolean> {
  const res: unknown = await demands()
    .where({ _id: doc._id, version: doc.version })
    .update({ data: setWhole({ outbox: [], outboxAt: null }) });
  return updatedOne(res);
}
