import * as z from '../zod';
import {
  authorSchema,
  circleItemSchema,
  commentContentSchema,
  commentSchema,
  contentStatusSchema,
  imageStatusSchema,
  imagesSchema,
  itemKindSchema,
  noticeAudienceSchema,
  noticeTitleSchema,
  postContentSchema,
  postKindSchema,
  reportSchema,
} from '../circle';
import { idSchema, isoDateSchema, pageInput, pageOf } from '../common';
import { reasonSchema } from '../people';

const targetSchema = z.enum(['post', 'comment']);
const targetInput = { target: targetSchema, id: idSchema };

const queueEntrySchema = z.object({
  target: targetSchema,
  id: idSchema,
  postId: idSchema,
  kind: z.nullable(itemKindSchema),
  content: z.string(),
  images: z.array(z.string()),
  imageStatus: imageStatusSchema,
  status: contentStatusSchema,
  author: authorSchema,
  createdAt: isoDateSchema,
});

/**
 * After a like or an unlike: whether I like the post now, and whether this call changed that (false
 * when it already was so), by which the page moves the count it shows.
 */
const likeStateSchema = z.object({ liked: z.boolean(), changed: z.boolean() });

/** Function `circle`: the neighbourhood circle (友邻圈): posts, notices, feed, comments, likes, moderation. */
export const circleContract = {
  post: {
    input: z.strictObject({ kind: postKindSchema, content: postContentSchema, images: z.optional(imagesSchema), anonymous: z.optional(z.boolean()) }),
    output: circleItemSchema,
  },
  notice: {
    input: z.strictObject({
      communityId: idSchema,
      title: noticeTitleSchema,
      content: postContentSchema,
      images: z.optional(imagesSchema),
      pinned: z.optional(z.boolean()),
      audience: noticeAudienceSchema,
    }),
    output: circleItemSchema,
  },
  feed: {
    input: z.strictObject({ communityId: z.optional(idSchema), kind: z.optional(itemKindSchema), ...pageInput }),
    output: pageOf(circleItemSchema),
  },
  get: {
    input: z.strictObject({ postId: idSchema, ...pageInput }),
    output: z.object({ item: circleItemSchema, comments: pageOf(commentSchema) }),
  },
  comment: {
    input: z.strictObject({ postId: idSchema, content: commentContentSchema, replyTo: z.optional(idSchema) }),
    output: commentSchema,
  },
  like: { input: z.strictObject({ postId: idSchema }), output: likeStateSchema },
  unlike: { input: z.strictObject({ postId: idSchema }), output: likeStateSchema },
  resolve: { input: z.strictObject({ postId: idSchema, resolved: z.boolean() }), output: circleItemSchema },
  report: { input: z.strictObject({ ...targetInput, reason: reasonSchema }), output: z.object({ reported: z.boolean() }) },
  hide: { input: z.strictObject({ ...targetInput, reason: z.optional(reasonSchema) }), output: z.object({ status: contentStatusSchema, reportsClosed: z.number() }) },
  restore: { input: z.strictObject(targetInput), output: z.object({ status: contentStatusSchema, reportsClosed: z.number() }) },
  remove: { input: z.strictObject(targetInput), output: z.object({ status: contentStatusSchema }) },
  reviewQueue: {
    input: z.strictObject({ communityId: idSchema, target: z.optional(targetSchema), ...pageInput }),
    output: pageOf(queueEntrySchema),
  },
  moderate: {
    input: z.strictObject({ ...targetInput, decision: z.enum(['approve', 'hide']) }),
    output: z.object({ status: contentStatusSchema, imageStatus: imageStatusSchema }),
  },
  reports: { input: z.strictObject({ communityId: idSchema, ...pageInput }), output: pageOf(reportSchema) },
} as const;

export type QueueEntry = z.infer<typeof queueEntrySchema>;
