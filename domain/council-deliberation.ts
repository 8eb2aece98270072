import * as z from './zod';
import { authorSchema, commentContentSchema, contentStatusSchema } from './circle';
import { idSchema, isoDateSchema, text } from './common';
import { TopicStage, photosSchema } from './council';

/**
 * Deliberation on a topic: residents' comments while it is open, and the meetings (听证会, 协调会,
 * 评议会) the committee holds on it, each an activity for signup and QR sign-in, with its minutes.
 */

/** A topic takes comments from its proposal until the vote closes. */
export const COMMENT_STAGES: readonly TopicStage[] = ['proposed', 'screening', 'accepted', 'deliberating', 'voting'];
export const topicCommentSchema = commentContentSchema;

export const councilCommentSchema = z.object({
  id: idSchema,
  topicId: idSchema,
  content: z.string(),
  author: authorSchema,
  /** published; review (the check asked for a person: the author and the committee see it); hidden by the committee. */
  status: contentStatusSchema,
  hideReason: z.nullable(z.string()),
  /** For the committee only: why the content check sent it to review, in words; null otherwise. */
  checkWhy: z.nullable(z.string()),
  mine: z.boolean(),
  createdAt: isoDateSchema,
});
export type CouncilComment = z.infer<typeof councilCommentSchema>;

/** The three meetings of Shanghai's residents' committee rules (2017). */
export const MEETING_KINDS = ['hearing', 'coordination', 'review'] as const;
export const meetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof meetingKindSchema>;
export const MEETING_KIND_NAMES: Record<MeetingKind, string> = { hearing: '听证会', coordination: '协调会', review: '评议会' };

/** Topics a meeting may be held on: accepted or under deliberation; a review meeting also on a decided topic being carried out. */
export function meetingStageProblem(kind: MeetingKind, stage: TopicStage): string | null {
  if (stage === 'accepted' || stage === 'deliberating' || stage === 'voting') return null;
  if (kind === 'review' && (stage === 'decided' || stage === 'in_progress')) return null;
  return kind === 'review' ? '议题受理后才能召开评议会' : '议题受理后、表决结束前才能召开听证会或协调会';
}

export const minutesTextSchema = text(10, 5000, '会议纪要');

export const minutesSchema = z.object({
  text: z.string(),
  photos: z.array(z.string()),
  /** Residents who signed in with the meeting's QR code (the activity's check-ins). */
  attendees: z.number(),
  publishedAt: isoDateSchema,
});

export const meetingSchema = z.object({
  id: idSchema,
  topicId: idSchema,
  kind: meetingKindSchema,
  kindName: z.string(),
  /** The activity residents sign up for and sign in to with its QR code. */
  activityId: idSchema,
  title: z.string(),
  placeText: z.string(),
  startAt: isoDateSchema,
  endAt: isoDateSchema,
  /** Its activity was cancelled: the meeting will not take place and takes no minutes. */
  cancelled: z.boolean(),
  minutes: z.nullable(minutesSchema),
  createdAt: isoDateSchema,
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingPhotosSchema = photosSchema;
