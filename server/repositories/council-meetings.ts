import { z } from 'zod/mini';
import { meetingKindSchema } from '../../domain/council-deliberation';
import { database } from '../kit/cloud';
import { activityStatusLookup, activityStatusOf } from './activities';
import { TimePosition, docWith, parseDocs, rowsOf, setWhole, updatedOne, updateWhere } from './docs';

/**
 * The only module that touches `council_meetings`: the meetings held on a topic (听证会, 协调会,
 * 评议会), each tied to the activity residents sign up and sign in to, and its published minutes.
 */
export const COUNCIL_MEETINGS = 'council_meetings';

const minutesDocSchema = z.object({ text: z.string(), photos: z.array(z.string()), attendees: z.number(), publishedAt: z.date(), publishedBy: z.string() });

const meetingDocSchema = z.object({
  _id: z.string(),
  topicId: z.string(),
  communityId: z.string(),
  kind: meetingKindSchema,
  activityId: z.string(),
  title: z.string(),
  placeText: z.string(),
  startAt: z.date(),
  endAt: z.date(),
  /** `scheduled` until the minutes are published, then `minuted`: the minutes are published once. */
  status: z.enum(['scheduled', 'minuted']),
  minutes: z.nullable(minutesDocSchema),
  createdBy: z.string(),
  createdAt: z.date(),
});
export type MeetingDoc = z.infer<typeof meetingDocSchema>;
export type MinutesDoc = z.infer<typeof minutesDocSchema>;

const meetings = () => database().collection(COUNCIL_MEETINGS);

/** The meeting and, in the same aggregation, what other repositories' lookups join to it (under each lookup's name). Null when there is none. */
export async function meetingWith(id: string, lookups: Record<string, Record<string, unknown>>): Promise<{ meeting: MeetingDoc; joined: Record<string, unknown[]> } | null> {
  const read = await docWith(COUNCIL_MEETINGS, meetingDocSchema, id, lookups);
  return read && { meeting: read.doc, joined: read.joined };
}

export async function insertMeeting(doc: MeetingDoc): Promise<void> {
  await meetings().add({ data: doc });
}

/** For another repository's aggregation (a lookup): the meeting of this id, if there is one, read with `parseMeetingDocs`. */
export function meetingByIdLookup(id: string, as: string): Record<string, unknown> {
  return { from: COUNCIL_MEETINGS, pipeline: [{ $match: { _id: id } }], as };
}

export const parseMeetingDocs = (raw: unknown[]): MeetingDoc[] => parseDocs(meetingDocSchema, COUNCIL_MEETINGS, raw);

/**
 * For another repository's aggregation (a lookup): a page of a topic's meetings, soonest first from
 * `after` on, each with its activity's status under `activity`; read with `parseMeetingRows`.
 */
export function meetingsLookup(topicId: string, after: TimePosition | null, limit: number, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  const match: Record<string, unknown> = { topicId };
  if (after) match.$or = [{ startAt: { $gt: after.time } }, { startAt: after.time, _id: { $gt: after.id } }];
  return { from: COUNCIL_MEETINGS, pipeline: [{ $match: match }, { $sort: { startAt: 1, _id: 1 } }, { $limit: limit }, { $lookup: activityStatusLookup('activityId', 'activity') }], as };
}

/** Meetings a `meetingsLookup` read, each with whether the committee cancelled its activity. */
export function parseMeetingRows(rows: unknown[]): { meeting: MeetingDoc; cancelled: boolean }[] {
  return rows.map((row) => {
    const { activity, ...doc } = row as Record<string, unknown>;
    return { meeting: parseDocs(meetingDocSchema, COUNCIL_MEETINGS, [doc])[0], cancelled: activityStatusOf(activity) === 'cancelled' };
  });
}

/**
 * Review meetings (评议会) whose minutes were published since `since`, the latest first, at most
 * `limit`, each with what the lookups (other repositories', on the meeting) find: for the timer that
 * finishes a review's close a dying call left undone.
 */
export async function reviewsMinutedSince(since: Date, limit: number, lookups: Record<string, unknown>[]): Promise<{ meeting: MeetingDoc; row: Record<string, unknown> }[]> {
  let query = meetings()
    .aggregate()
    .match({ kind: 'review', status: 'minuted', 'minutes.publishedAt': database().command.gte(since) })
    .sort({ 'minutes.publishedAt': -1 })
    .limit(limit);
  for (const lookup of lookups) query = query.lookup(lookup);
  return rowsOf(await query.end()).map((row) => {
    const doc: Record<string, unknown> = { ...row };
    for (const lookup of lookups) delete doc[String(lookup.as)];
    return { meeting: parseDocs(meetingDocSchema, COUNCIL_MEETINGS, [doc])[0], row };
  });
}

/** Publishes the minutes once: of two committee members publishing at once, one finds it still scheduled. */
export async function publishMinutesIf(id: string, minutes: MinutesDoc): Promise<boolean> {
  return updatedOne(
    await meetings()
      .where({ _id: id, status: 'scheduled' })
      .update({ data: setWhole({ status: 'minuted', minutes }) }),
  );
}

/** An account's end: meetings a committee member called and minutes they published stay, under the pseudonym. */
export async function pseudonymiseOrganiserOf(openid: string, pseudonym: string): Promise<number> {
  return (
    (await updateWhere(COUNCIL_MEETINGS, { createdBy: openid }, { createdBy: pseudonym })) +
    (await updateWhere(COUNCIL_MEETINGS, { 'minutes.publishedBy': openid }, { 'minutes.publishedBy': pseudonym }))
  );
}
