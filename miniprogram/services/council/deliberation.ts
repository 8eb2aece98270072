/**
 * What a topic's later sections need from function `council`: its comments (the committee may hide
 * one), its meetings with their minutes, and the follow-up project with its progress updates.
 * Writes take an idempotency key (kept with sendOnce by the caller).
 */
import { Result } from '../../generated/domain';
import { callApi } from '../api/api';
import { CommentPage, CouncilComment, Meeting, MeetingPage, NewMeeting, NewProgress, Project, ProjectDetail, Topic, TopicFromDemand } from './types';

/** A topic's comments, oldest first, 20 a page. */
export function comments(topicId: string, cursor?: string): Promise<Result<CommentPage>> {
  return callApi('council', 'comments', { topicId, ...(cursor ? { cursor } : {}) });
}

export function comment(topicId: string, content: string, idempotencyKey: string): Promise<Result<CouncilComment>> {
  return callApi('council', 'comment', { topicId, content }, { idempotencyKey });
}

/** The committee hides a comment; its author reads the reason. */
export function hideComment(commentId: string, reason: string, idempotencyKey: string): Promise<Result<CouncilComment>> {
  return callApi('council', 'moderateComment', { commentId, decision: 'hide', reason }, { idempotencyKey });
}

/** The committee hides a comment (with the reason its author reads) or publishes it: one from the queue, or a hidden one again. */
export function moderateComment(commentId: string, decision: 'hide' | 'publish', reason: string | undefined, idempotencyKey: string): Promise<Result<CouncilComment>> {
  return callApi('council', 'moderateComment', { commentId, decision, ...(reason ? { reason } : {}) }, { idempotencyKey });
}

/** The committee's queue of comments the content check sent to review, oldest first. */
export function commentQueue(communityId: string, cursor?: string): Promise<Result<CommentPage>> {
  return callApi('council', 'commentQueue', { communityId, ...(cursor ? { cursor } : {}) });
}

/** The committee calls a 听证会 / 协调会 / 评议会: an activity residents sign up for and sign in to by QR. */
export function scheduleMeeting(input: NewMeeting, idempotencyKey: string): Promise<Result<Meeting>> {
  return callApi('council', 'scheduleMeeting', input, { idempotencyKey });
}

/** The committee turns a 意见建议 demand into a topic for one of its bodies. */
export function topicFromDemand(input: TopicFromDemand, idempotencyKey: string): Promise<Result<Topic>> {
  return callApi('council', 'topicFromDemand', input, { idempotencyKey });
}

/** A topic's meetings with their minutes, soonest first. */
export function meetings(topicId: string, cursor?: string): Promise<Result<MeetingPage>> {
  return callApi('council', 'meetings', { topicId, ...(cursor ? { cursor } : {}) });
}

export function publishMinutes(meetingId: string, text: string, idempotencyKey: string): Promise<Result<Meeting>> {
  return callApi('council', 'publishMinutes', { meetingId, text }, { idempotencyKey });
}

/** A topic's project and its updates, newest first (NOT_FOUND while the topic has none). */
export function project(topicId: string, cursor?: string): Promise<Result<ProjectDetail>> {
  return callApi('council', 'project', { topicId, ...(cursor ? { cursor } : {}) });
}

/** The committee takes a decided topic on as a project, at 0%. */
export function startProject(topicId: string, idempotencyKey: string): Promise<Result<Project>> {
  return callApi('council', 'startProject', { topicId }, { idempotencyKey });
}

export function reportProgress(input: NewProgress, idempotencyKey: string): Promise<Result<Project>> {
  return callApi('council', 'reportProgress', input, { idempotencyKey });
}
