import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { TimePosition, dataOf, parseDocs, changedCount, updateWhere, personalRead } from './docs';

/**
 * The only module that touches `reports`: a resident's report of a post or comment, one per person
 * and target (the id comes from both). Open reports make the committee's report queue; hiding or
 * restoring the target closes them.
 */
export const REPORTS = 'reports';

export const reportDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  target: z.enum(['post', 'comment']),
  targetId: z.string(),
  postId: z.string(),
  reporter: z.string(),
  reason: z.string(),
  status: z.enum(['open', 'closed']),
  outcome: z.nullable(z.enum(['hidden', 'kept'])),
  closedBy: z.nullable(z.string()),
  closedAt: z.nullable(z.date()),
  createdAt: z.date(),
});
export type ReportDoc = z.infer<typeof reportDocSchema>;

const reports = () => database().collection(REPORTS);

export function reportId(target: string, targetId: string, reporter: string): string {
  return crypto.createHash('sha256').update(`${target}|${targetId}|${reporter}`).digest('hex').slice(0, 40);
}

/** True when this is the person's first report of the target. */
export async function insertReport(doc: ReportDoc): Promise<boolean> {
  try {
    await reports().add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** Whether the report with this id is there: after a report's insert threw, whether it happened all the same. */
export async function reportExists(id: string): Promise<boolean> {
  const rows = dataOf(await reports().where({ _id: id }).field({ _id: true }).limit(1).get());
  return Array.isArray(rows) && rows.length > 0;
}

/** For an aggregation of posts (a lookup): how many reports of each row's post there are, open or closed (what `reportCount` counts). */
export function reportsOfEachPostLookup(as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: REPORTS, let: { post: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$targetId', '$$post'] }, target: 'post' } }, { $count: 'n' }], as };
}

/** Open reports of a community, oldest first. */
export async function openReports(communityId: string, after: TimePosition | null, limit: number): Promise<ReportDoc[]> {
  const _ = database().command;
  const base = { status: 'open', communityId };
  const where = after ? _.and([base, _.or([{ createdAt: _.gt(after.time) }, { createdAt: after.time, _id: _.gt(after.id) }])]) : base;
  return parseDocs(reportDocSchema, REPORTS, dataOf(await reports().where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get()));
}

/** Closes every open report of a target; how many it closed. */
export async function closeReports(targetId: string, outcome: 'hidden' | 'kept', by: string, at: Date): Promise<number> {
  const res: unknown = await reports()
    .where({ targetId, status: 'open' })
    .update({ data: { status: 'closed', outcome, closedBy: by, closedAt: at } });
  return changedCount(res, 'updated');
}

/** An account's end: their reports stay in the committee's queue under their pseudonym. */
export async function pseudonymiseReportsOf(openid: string, pseudonym: string): Promise<number> {
  await updateWhere(REPORTS, { closedBy: openid }, { closedBy: pseudonym });
  return updateWhere(REPORTS, { reporter: openid }, { reporter: pseudonym });
}

/** A person's reports, newest first, at most `limit`: for their export (PersonalRead). */
export const reportsByRead = (openid: string, limit: number) => personalRead(REPORTS, reportDocSchema, { reporter: openid }, limit, 'createdAt');
