import * as z from '../zod';
import { idSchema, pageInput, text } from '../common';
import { dayInputSchema, percentSchema, progressPhotosSchema, progressSchema, progressTextSchema, projectSchema } from '../council-follow-up';

/** Function `council`, follow-up: a decided topic carried out as a project, with progress residents see. */
export const councilFollowUpContract = {
  /** The committee takes a decided topic on as a project (落实), at 0%. */
  startProject: { input: z.strictObject({ topicId: idSchema, title: z.optional(text(2, 40, '项目名称')) }), output: projectSchema },
  /** The committee reports progress: percent (never below the last), text, photos, the day; 100% finishes it. */
  reportProgress: {
    input: z.strictObject({ topicId: idSchema, percent: percentSchema, text: progressTextSchema, photos: z.optional(progressPhotosSchema), day: dayInputSchema }),
    output: projectSchema,
  },
  /** A topic's project and its updates, newest first: public. */
  project: {
    input: z.strictObject({ topicId: idSchema, ...pageInput }),
    output: z.object({ project: projectSchema, updates: z.array(progressSchema), nextCursor: z.nullable(z.string()) }),
  },
} as const;
