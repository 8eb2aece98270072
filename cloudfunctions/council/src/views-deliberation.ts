import { RISK_LABELS } from '../../../domain/circle';
import { CouncilComment, MEETING_KIND_NAMES, Meeting } from '../../../domain/council-deliberation';
import { CouncilCommentDoc } from '../../../server/repositories/council-comments';
import { MeetingDoc } from '../../../server/repositories/council-meetings';

/** What comments and meetings look like to callers. */

/** Others see a display name and a building; only the committee is told who wrote it. */
export function toCouncilComment(doc: CouncilCommentDoc, viewer: string, manager: boolean): CouncilComment {
  return {
    id: doc._id,
    topicId: doc.topicId,
    content: doc.content,
    author: { displayName: doc.author.displayName, building: doc.author.buildingName, openid: manager ? doc.author.openid : null, anonymous: false },
    status: doc.status,
    hideReason: doc.status === 'hidden' ? doc.hideReason : null,
    checkWhy: manager && doc.check.suggest === 'review' ? `内容安全检查提示可能含有${RISK_LABELS[doc.check.label] ?? '不当'}信息` : null,
    mine: doc.author.openid === viewer,
    createdAt: doc.createdAt.toISOString(),
  };
}

/** `cancelled`: its activity was cancelled in `activity` (the meeting will not take place). */
export function toMeeting(doc: MeetingDoc, cancelled = false): Meeting {
  return {
    id: doc._id,
    topicId: doc.topicId,
    kind: doc.kind,
    kindName: MEETING_KIND_NAMES[doc.kind],
    activityId: doc.activityId,
    title: doc.title,
    placeText: doc.placeText,
    startAt: doc.startAt.toISOString(),
    endAt: doc.endAt.toISOString(),
    cancelled,
    minutes: doc.minutes ? { text: doc.minutes.text, photos: doc.minutes.photos, attendees: doc.minutes.attendees, publishedAt: doc.minutes.publishedAt.toISOString() } : null,
    createdAt: doc.createdAt.toISOString(),
  };
}
