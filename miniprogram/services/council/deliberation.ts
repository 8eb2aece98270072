/**
 * What a topic's later sections need from function `council`: its comments (the committee may hide
 * one), its meetings with their minutes, and the follow-up project with its progress updates.
 * Writes take an idempotency key (kept with sendOnce by the caller).
 */
import { Result } from '../../generated/domain';
import { callApi } from '../api/api';
import { CommentPage, CouncilComment, Meeting, MeetingPage, NewProgress, Project, ProjectDetail } from './types';

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
