import { sdk } from './kit/cloud';
import { logFailure } from './kit/log';
import { temporaryUrl } from './kit/storage';

/** What a stored image's asynchronous check stands at: asked (its trace_id), and what WeChat said. */
export interface MediaCheck {
  fileId: string;
  /** null: the check could not be asked for; the image waits for a committee member. */
  traceId: string | null;
  suggest: 'pass' | 'review' | 'risky' | null;
}

/** How long WeChat may download an image for its check: it pushes the verdict within 30 minutes. */
const DOWNLOAD_SECONDS = 3600;

/**
 * Asks `security.mediaCheckAsync` (v2) to check each image, as the person who posted it, in the
 * content-security scene given (3 forum posts). WeChat needs a URL it can download, not a fileID,
 * so each image gets a temporary link first. A check that cannot be asked for leaves its image
 * pending for the committee, as before: nothing unchecked is shown to others either way.
 */
export async function requestMediaChecks(openid: string, scene: number, fileIds: readonly string[]): Promise<MediaCheck[]> {
  return Promise.all(
    fileIds.map(async (fileId): Promise<MediaCheck> => {
      try {
        const mediaUrl = await temporaryUrl(fileId, DOWNLOAD_SECONDS);
        const answer: unknown = await sdk().openapi.security.mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, scene, openid });
        const traceId = typeof answer === 'object' && answer !== null && 'traceId' in answer && typeof answer.traceId === 'string' ? answer.traceId : null;
        if (!traceId) throw new Error('mediaCheckAsync answered without a trace_id');
        return { fileId, traceId, suggest: null };
      } catch (error) {
        logFailure('moderation', 'mediaCheckAsync', error);
        return { fileId, traceId: null, suggest: null };
      }
    }),
  );
}

/** What the images of one item come to, from their checks: any risky hides them; all pass shows them; otherwise a person decides. */
export function imagesVerdict(checks: readonly MediaCheck[]): 'rejected' | 'approved' | 'undecided' {
  if (checks.some((c) => c.suggest === 'risky')) return 'rejected';
  if (checks.length > 0 && checks.every((c) => c.suggest === 'pass')) return 'approved';
  return 'undecided';
}
