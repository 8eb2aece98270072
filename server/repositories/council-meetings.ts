import { z } from 'zod/mini';
import { meetingKindSchema } from '../../domain/council-deliberation';
import { database } from '../kit/cloud';
import { TimePosition, dataOf, docById, parseDocs, setWhole, updatedOne, updateWhere } from './docs';

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

export const getMeeting = (id: string) => docById(COUNCIL_MEETINGS, meetingDocSchema, id);

export async function insertMeeting(doc: MeetingDoc): Promise<void> {
  await meetings().add({ data: doc });
}

/** A topic's meetings, soonest first, from `after` on. */
export async function meetingsOfTopic(topicId: string, after: TimePosition | null, limit: number): Promise<MeetingDoc[]> {
  const _ = database().command;
  const where = after ? _.and([{ topicId }, _.or([{ startAt: _.gt(after.time) }, { startAt: after.time, _id: _.gt(after.id) }])]) : { topicId };
  const res = await meetings().where(where).orderBy('startAt', 'asc').orderBy('_id', 'asc').limit(limit).get();
  return parseDocs(meetingDocSchema, COUNCIL_MEETINGS, dataOf(res));
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
