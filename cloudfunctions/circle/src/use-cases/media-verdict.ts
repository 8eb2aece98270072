import { z } from 'zod/mini';
import { inTransaction } from '../../../../server/kit/transaction';
import { imagesVerdict } from '../../../../server/media-check';
import { getPostInTransaction, postIdByTrace, setMediaChecksInTransaction } from '../../../../server/repositories/posts';

/** WeChat's push of a media check's result (消息推送, Event wxa_media_check, v2); labels come as text or numbers. */
const verdictEventSchema = z.looseObject({
  trace_id: z.string().check(z.minLength(1), z.maxLength(128)),
  result: z.looseObject({ suggest: z.enum(['pass', 'review', 'risky']) }),
});

/**
 * The verdict on one image of a post, pushed by WeChat (see server/media-check.ts): recorded on the
 * post, then the post's images are shown once every one passed, hidden (rejected) as soon as one is
 * risky, and otherwise stay pending in the committee's review queue (review). A risky verdict hides
 * images a committee member had approved; a pass never overrides a committee's decision.
 *
 * Only a trace_id the circle function itself recorded is acted on, and trace_ids never leave the
 * functions: an event made up by anyone else matches nothing and changes nothing.
 */
export async function mediaVerdict(event: Record<string, unknown>): Promise<{ handled: boolean }> {
  const parsed = verdictEventSchema.safeParse(event);
  if (!parsed.success) return { handled: false };
  const { trace_id: traceId, result } = parsed.data;
  const postId = await postIdByTrace(traceId);
  if (!postId) return { handled: false };
  return inTransaction(async (tx) => {
    const post = await getPostInTransaction(tx, postId);
    const checks = post?.mediaChecks ?? [];
    if (!post || !checks.some((c) => c.traceId === traceId)) return { handled: false };
    const mediaChecks = checks.map((c) => (c.traceId === traceId ? { ...c, suggest: result.suggest } : c));
    const verdict = imagesVerdict(mediaChecks);
    let imageStatus = post.imageStatus;
    if (verdict === 'rejected' && imageStatus !== 'none') imageStatus = 'rejected';
    if (verdict === 'approved' && imageStatus === 'pending') imageStatus = 'approved';
    // Out of the queue once the images are decided, unless the text itself waits for review.
    const needsReview = imageStatus === 'pending' || post.status === 'review' ? post.needsReview : false;
    await setMediaChecksInTransaction(tx, post._id, { mediaChecks, imageStatus, needsReview, updatedAt: new Date() });
    return { handled: true };
  });
}
