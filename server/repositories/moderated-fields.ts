import { z } from 'zod/mini';
import { contentStatusSchema } from '../../domain/circle';

/**
 * What every checked text of the circle (posts, notices, comments) stores beside its own fields:
 * a snapshot of its author, what the content check said, and what moderators did with it.
 * Shared by the posts and comments repositories, which each own their collection.
 */
export const authorDocSchema = z.object({ openid: z.string(), displayName: z.string(), buildingId: z.nullable(z.string()), buildingName: z.nullable(z.string()) });
export type AuthorDoc = z.infer<typeof authorDocSchema>;

export const moderatedDocFields = {
  /** A snapshot of the author when they wrote: others see the name and building only. */
  author: authorDocSchema,
  status: contentStatusSchema,
  /** Waits in the committee's review queue. */
  needsReview: z.boolean(),
  reportCount: z.number(),
  /** What the content check answered (suggest and label), kept for the committee. */
  check: z.object({ suggest: z.string(), label: z.number() }),
  moderatedBy: z.nullable(z.string()),
  moderatedAt: z.nullable(z.date()),
  hideReason: z.nullable(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
};

/**
 * The moderation fields of a text just written: published if the check passed, otherwise waiting
 * for review; `reviewImages` also queues it when it carries images nobody has approved yet.
 */
export function freshModeration(
  author: AuthorDoc,
  check: { suggest: string; label: number },
  now: Date,
  reviewImages = false,
): { [K in keyof typeof moderatedDocFields]: z.infer<(typeof moderatedDocFields)[K]> } {
  return {
    author,
    status: check.suggest === 'pass' ? 'published' : 'review',
    needsReview: check.suggest === 'review' || reviewImages,
    reportCount: 0,
    check: { suggest: check.suggest, label: check.label },
    moderatedBy: null,
    moderatedAt: null,
    hideReason: null,
    createdAt: now,
    updatedAt: now,
  };
}
