/** What the committee's moderation pages need from function `circle`, typed by the contract. */
import { ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../../services/api/api';

export type Target = 'post' | 'comment';
export type QueuePage = ActionOutput<'circle', 'reviewQueue'>;
export type QueueEntry = QueuePage['items'][number];
export type Moderated = ActionOutput<'circle', 'moderate'>;
export type ReportPage = ActionOutput<'circle', 'reports'>;
export type Report = ReportPage['items'][number];
export type Handled = ActionOutput<'circle', 'hide'>;

/** Posts or comments waiting for the committee (text sent to review, images not yet approved), oldest first, 20 a page. */
export function reviewQueue(communityId: string, target: Target, cursor?: string): Promise<Result<QueuePage>> {
  return callApi('circle', 'reviewQueue', cursor ? { communityId, target, cursor } : { communityId, target });
}

export function moderate(target: Target, id: string, decision: 'approve' | 'hide'): Promise<Result<Moderated>> {
  return callApi('circle', 'moderate', { target, id, decision });
}

/** Open reports of the community, oldest first, 20 a page. */
export function openReports(communityId: string, cursor?: string): Promise<Result<ReportPage>> {
  return callApi('circle', 'reports', cursor ? { communityId, cursor } : { communityId });
}

/** Hides a post or comment from everyone but its author; its open reports close as handled. */
export function hideContent(target: Target, id: string, reason: string): Promise<Result<Handled>> {
  return callApi('circle', 'hide', { target, id, reason });
}

/** Shows a hidden post or comment again (or keeps a reported one); its open reports close as kept. */
export function restoreContent(target: Target, id: string): Promise<Result<Handled>> {
  return callApi('circle', 'restore', { target, id });
}
