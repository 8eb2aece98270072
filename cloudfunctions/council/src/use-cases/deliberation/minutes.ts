import { z } from 'zod/mini';
import { councilContract } from '../../../../../domain/contract/council';
import { Meeting } from '../../../../../domain/council-deliberation';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { SCENE, checkText } from '../../../../../server/moderation';
import { activityStatusLookup, activityStatusOf } from '../../../../../server/repositories/activities';
import { MeetingDoc, meetingWith, publishMinutesIf } from '../../../../../server/repositories/council-meetings';
import { ProjectReading, parseProjectReadings, projectOfTopicLookup } from '../../../../../server/repositories/council-projects';
import { checkinsLookup, countOfCheckins } from '../../../../../server/repositories/signups';
import { toMeeting } from '../../views-deliberation';
import { closeProjectByReview } from '../follow-up/review-closes';

type MinutesInput = z.infer<typeof councilContract.publishMinutes.input>;

/**
 * The committee publishes a meeting's minutes (纪要) once it has begun: text, photos, and the
 * attendance counted from the activity's QR sign-ins. Published once, then fixed: one read (the
 * meeting with its activity's status, its sign-ins counted by the database and, for a review, its
 * topic's project) and one conditional write. A review meeting's minutes close its topic's project
 * (see review-closes.ts).
 */
export async function publishMinutes(input: MinutesInput, ctx: RequestContext): Promise<Meeting> {
  const read = await meetingWith(input.meetingId, {
    activity: activityStatusLookup('activityId', 'activity'),
    checkins: checkinsLookup('activityId', 'checkins'),
    project: projectOfTopicLookup('project'),
  });
  if (!read) throw new AppError('NOT_FOUND', '没有找到这次会议');
  const { meeting, joined } = read;
  if (!canManageCommunity(ctx.user.roles, meeting.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以发布会议纪要');
  const project = parseProjectReadings(joined.project ?? [])[0];
  if (meeting.status === 'minuted') return alreadyMinuted(meeting, project, ctx);
  if (ctx.now < meeting.startAt) throw new AppError('FAILED_PRECONDITION', '会议开始后才能发布纪要');
  if (activityStatusOf(joined.activity) !== 'published') throw new AppError('FAILED_PRECONDITION', '会议已取消，不能发布纪要');
  await checkText(ctx.openid, SCENE.post, input.text, meeting.title);
  const minutes = { text: input.text, photos: input.photos ?? [], attendees: countOfCheckins(joined.checkins), publishedAt: ctx.now, publishedBy: ctx.openid };
  if (!(await publishMinutesIf(meeting._id, minutes))) throw new AppError('CONFLICT', '这次会议的纪要已经发布');
  await closeProjectByReview(meeting, project, ctx);
  return toMeeting({ ...meeting, status: 'minuted', minutes });
}

/** Minutes are published once; a retry after a crash between them and the review's close finishes the close first. */
async function alreadyMinuted(meeting: MeetingDoc, project: ProjectReading | undefined, ctx: RequestContext): Promise<never> {
  await closeProjectByReview(meeting, project, ctx);
  throw new AppError('CONFLICT', '这次会议的纪要已经发布');
}
