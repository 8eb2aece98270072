import * as z from '../zod';
import { placeSchema } from '../activities';
import { idSchema, isoDateSchema, pageInput, pageOf, text } from '../common';
import { topicSchema, topicTextSchema, topicTitleSchema } from '../council';
import { councilCommentSchema, meetingKindSchema, meetingPhotosSchema, meetingSchema, minutesTextSchema, topicCommentSchema } from '../council-deliberation';

/** Function `council`, deliberation: comments on open topics and the meetings held on them, with minutes. */
export const councilDeliberationContract = {
  /** The committee turns a 意见建议 demand into a topic for one of its bodies; the demand's timeline shows it. */
  topicFromDemand: {
    input: z.strictObject({ demandId: idSchema, bodyId: idSchema, title: topicTitleSchema, content: z.optional(topicTextSchema) }),
    output: topicSchema,
  },
  /** A resident of the community (or its committee) comments on an open topic; checked like circle comments. */
  comment: { input: z.strictObject({ topicId: idSchema, content: topicCommentSchema }), output: councilCommentSchema },
  /** A topic's comments, oldest first, 20 a page. */
  comments: { input: z.strictObject({ topicId: idSchema, ...pageInput }), output: pageOf(councilCommentSchema) },
  /** The committee's queue of comments the content check sent to review, oldest first. */
  commentQueue: { input: z.strictObject({ communityId: idSchema, ...pageInput }), output: pageOf(councilCommentSchema) },
  /** The committee hides a comment (with a reason shown to its author) or publishes it (again). */
  moderateComment: {
    input: z.strictObject({ commentId: idSchema, decision: z.enum(['hide', 'publish']), reason: z.optional(text(2, 100, '理由')) }),
    output: councilCommentSchema,
  },
  /** The committee calls a 听证会 / 协调会 / 评议会 on a topic: an activity of the community for signup and QR sign-in. */
  scheduleMeeting: {
    input: z.strictObject({
      topicId: idSchema,
      kind: meetingKindSchema,
      title: z.optional(text(2, 30, '会议名称')),
      place: placeSchema,
      startAt: isoDateSchema,
      endAt: isoDateSchema,
      signupClosesAt: z.optional(isoDateSchema),
      capacity: z.number().check(z.int('名额应为整数'), z.minimum(1, '名额至少 1 个'), z.maximum(5000, '名额不能超过 5000')),
    }),
    output: meetingSchema,
  },
  /** The committee publishes a meeting's minutes (纪要) once it has begun; attendance comes from the QR sign-ins. */
  publishMinutes: { input: z.strictObject({ meetingId: idSchema, text: minutesTextSchema, photos: z.optional(meetingPhotosSchema) }), output: meetingSchema },
  /** A topic's meetings with their minutes, soonest first. */
  meetings: { input: z.strictObject({ topicId: idSchema, ...pageInput }), output: pageOf(meetingSchema) },
} as const;
