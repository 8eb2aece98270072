import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { Audience } from '../../../../../domain/activities';
import { MAX_PAGE } from '../../../../../domain/common';
import { councilContract } from '../../../../../domain/contract/council';
import { Scope } from '../../../../../domain/council';
import { MEETING_KIND_NAMES, Meeting, meetingStageProblem } from '../../../../../domain/council-deliberation';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { publishActivity } from '../../../../../server/activity-publish';
import { newId } from '../../../../../server/kit/ids';
import { RequestContext } from '../../../../../server/kit/router';
import { ActivityDoc, activitiesFound, activityByIdLookup, getActivity } from '../../../../../server/repositories/activities';
import { isDuplicateWrite } from '../../../../../server/kit/errors';
import { MeetingDoc, insertMeeting, meetingByIdLookup, meetingsLookup, parseMeetingDocs, parseMeetingRows } from '../../../../../server/repositories/council-meetings';
import { moveTopicIf, topicWith } from '../../../../../server/repositories/council-topics';
import { decodePositionCursor, encodePositionCursor } from '../../../../../server/repositories/docs';
import { toMeeting } from '../../views-deliberation';

type ScheduleInput = z.infer<typeof councilContract.scheduleMeeting.input>;
type MeetingsInput = z.infer<typeof councilContract.meetings.input>;

/** Who may sign up for a meeting: the residents the topic's body speaks for. */
const audienceOf = (scope: Scope): Audience => (scope.kind === 'community' ? { kind: 'community' } : { kind: scope.kind, ids: scope.ids });

/**
 * The committee calls a meeting (听证会, 协调会, 评议会) on a topic. The meeting IS an activity of
 * the community, published through the activity's own use-case: residents of the topic's scope sign
 * up and sign in with its rotating QR code there; the activity names the topic it belongs to. The
 * first meeting moves an accepted topic into deliberation.
 */
export async function scheduleMeeting(input: ScheduleInput, ctx: RequestContext): Promise<Meeting> {
  const ids = idsFor(input.topicId, ctx);
  // The topic and, for a keyed call, what a first try of it wrote (its meeting, its activity): one aggregation.
  const read = await topicWith(input.topicId, ids.keyed ? { meeting: meetingByIdLookup(ids.meeting, 'meeting'), activity: activityByIdLookup(ids.activity, 'activity') } : {});
  if (!read) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const { topic } = read;
  if (!canManageCommunity(ctx.user.roles, topic.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以召开议事会议');
  const done = parseMeetingDocs(read.joined.meeting ?? [])[0];
  if (done) return finished(done, topic.stage, ctx);
  const stageProblem = meetingStageProblem(input.kind, topic.stage);
  if (stageProblem) throw new AppError('FAILED_PRECONDITION', stageProblem);
  if (new Date(input.startAt) <= ctx.now) throw new AppError('INVALID_ARGUMENT', '会议时间要晚于现在');
  const title = input.title ?? `${MEETING_KIND_NAMES[input.kind]}：${topic.title}`.slice(0, 30);
  const activity =
    activitiesFound(read.joined.activity ?? [])[0] ??
    (await publishOnce(ids.activity, () =>
      publishActivity(
        topic.communityId,
        {
          title,
          description: `议题：${topic.title}\n${topic.content}`.slice(0, 2000),
          series: 'community',
          place: input.place,
          startAt: input.startAt,
          endAt: input.endAt,
          signupOpensAt: ctx.now.toISOString(),
          signupClosesAt: input.signupClosesAt ?? input.startAt,
          capacity: input.capacity,
          approval: 'auto',
          audience: audienceOf(topic.scope),
          form: { phone: 'off', companionsMax: 0, note: 'off' },
          shifts: [],
          // Taking part in one's own neighbourhood's consultation is not volunteer service.
          pointsPerHour: 0,
        },
        { openid: ctx.openid, now: ctx.now, councilTopicId: topic._id, id: ids.activity },
      ),
    ));
  const doc: MeetingDoc = {
    _id: ids.meeting,
    topicId: topic._id,
    communityId: topic.communityId,
    kind: input.kind,
    activityId: activity._id,
    title,
    placeText: input.place.text,
    startAt: activity.startAt,
    endAt: activity.endAt,
    status: 'scheduled',
    minutes: null,
    createdBy: ctx.openid,
    createdAt: ctx.now,
  };
  try {
    await insertMeeting(doc);
  } catch (error) {
    // The same call, retried at the same moment, wrote it first: its answer is this one's.
    if (!isDuplicateWrite(error)) throw error;
  }
  return finished(doc, topic.stage, ctx);
}

/** The first meeting moves an accepted topic into deliberation; a keyed retry after a crash before that move makes it. */
async function finished(doc: MeetingDoc, stage: string, ctx: RequestContext): Promise<Meeting> {
  if (stage === 'accepted') await moveTopicIf(doc.topicId, 'accepted', { stage: 'deliberating', updatedAt: ctx.now });
  return toMeeting(doc);
}

/**
 * The meeting's and its activity's ids. With an idempotency key they come from it, so a retry after
 * a crash between the two writes finds the activity already published and writes only the meeting
 * (never a second activity residents could sign up for); without one, fresh ids.
 */
function idsFor(topicId: string, ctx: RequestContext): { meeting: string; activity: string; keyed: boolean } {
  if (!ctx.idempotencyKey) return { meeting: newId(ctx.now), activity: newId(ctx.now), keyed: false };
  const digest = crypto.createHash('sha256').update(`meeting|${ctx.openid}|${topicId}|${ctx.idempotencyKey}`).digest('hex').slice(0, 30);
  return { meeting: `mt${digest}`, activity: `ma${digest}`, keyed: true };
}

/** Publishes the activity, or reads the one a simultaneous retry of this call published under the same id. */
async function publishOnce(id: string, publish: () => Promise<ActivityDoc>): Promise<ActivityDoc> {
  try {
    return await publish();
  } catch (error) {
    const first = isDuplicateWrite(error) ? await getActivity(id) : null;
    if (!first) throw error;
    return first;
  }
}

/** A topic's meetings with their minutes, soonest first, 20 a page: public like the topic. */
export async function meetings(input: MeetingsInput): Promise<{ items: Meeting[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  // The topic, a page of its meetings and whether each one's activity was cancelled: one aggregation.
  const read = await topicWith(input.topicId, { meetings: meetingsLookup(input.topicId, decodePositionCursor(input.cursor), limit + 1, 'meetings') });
  if (!read) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const rows = parseMeetingRows(read.joined.meetings ?? []);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]?.meeting;
  return { items: page.map((r) => toMeeting(r.meeting, r.cancelled)), nextCursor: rows.length > limit && last ? encodePositionCursor({ time: last.startAt, id: last._id }) : null };
}
