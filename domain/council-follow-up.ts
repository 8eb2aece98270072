import * as z from './zod';
import { idSchema, isoDateSchema, text } from './common';
import { photosSchema } from './council';

/**
 * Follow-up (accountability, as Decidim calls it): a decided topic becomes a project the committee
 * carries out, with dated progress updates residents can follow until it is done (100%).
 */

export const PROJECT_STATUSES = ['in_progress', 'done'] as const;
export const projectStatusSchema = z.enum(PROJECT_STATUSES);
export const PROJECT_STATUS_NAMES: Record<(typeof PROJECT_STATUSES)[number], string> = { in_progress: '落实中', done: '已办结' };

/** A Shanghai calendar day, YYYY-MM-DD. */
export const dayInputSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期应形如 2026-10-01'));
export const progressTextSchema = text(2, 1000, '进展说明');
export const percentSchema = z.number().check(z.int('进度应为整数'), z.minimum(0, '进度不能小于 0%'), z.maximum(100, '进度不能超过 100%'));
export const progressPhotosSchema = photosSchema;

export const projectSchema = z.object({
  id: idSchema,
  topicId: idSchema,
  title: z.string(),
  status: projectStatusSchema,
  statusName: z.string(),
  percent: z.number(),
  /** Shanghai days: when it began, its last update, when it was done. */
  startedOn: z.string(),
  lastUpdateOn: z.nullable(z.string()),
  doneOn: z.nullable(z.string()),
  updates: z.number(),
});
export type Project = z.infer<typeof projectSchema>;

export const progressSchema = z.object({
  id: idSchema,
  percent: z.number(),
  text: z.string(),
  photos: z.array(z.string()),
  /** The day the work was done (Shanghai). */
  day: z.string(),
  createdAt: isoDateSchema,
});
export type Progress = z.infer<typeof progressSchema>;

/** What is wrong with a progress update, in words the committee understands; null when it fits. */
export function progressProblem(
  project: { status: string; percent: number; startedOn: string },
  update: { percent: number; day: string },
  today: string,
): { code: 'FAILED_PRECONDITION' | 'INVALID_ARGUMENT'; message: string } | null {
  if (project.status === 'done') return { code: 'FAILED_PRECONDITION', message: '这个项目已经办结，不能再更新进度' };
  if (update.day > today) return { code: 'INVALID_ARGUMENT', message: '进展日期不能晚于今天' };
  if (update.day < project.startedOn) return { code: 'INVALID_ARGUMENT', message: '进展日期不能早于项目开始的日子' };
  if (update.percent < project.percent) return { code: 'FAILED_PRECONDITION', message: `进度不能低于上次的 ${project.percent}%` };
  return null;
}
