import { z } from 'zod/mini';
import { projectStatusSchema } from '../../domain/council-follow-up';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Tx } from '../kit/transaction';
import { docById, firstRow, parseDocs, readInTransaction, setWhole, updateWhere } from './docs';

/**
 * The only module that touches `council_projects` and `council_progress`: a decided topic carried
 * out as a project (one per topic: its id comes from the topic), and its dated progress updates.
 */
export const COUNCIL_PROJECTS = 'council_projects';
export const COUNCIL_PROGRESS = 'council_progress';

const projectDocSchema = z.object({
  _id: z.string(),
  topicId: z.string(),
  communityId: z.string(),
  title: z.string(),
  status: projectStatusSchema,
  percent: z.number(),
  startedOn: z.string(),
  lastUpdateOn: z.nullable(z.string()),
  doneOn: z.nullable(z.string()),
  updates: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ProjectDoc = z.infer<typeof projectDocSchema>;

const progressDocSchema = z.object({
  _id: z.string(),
  projectId: z.string(),
  percent: z.number(),
  text: z.string(),
  photos: z.array(z.string()),
  day: z.string(),
  /** The committee member who reported it. */
  by: z.string(),
  createdAt: z.date(),
});
export type ProgressDoc = z.infer<typeof progressDocSchema>;

export const projectIdOf = (topicId: string) => `pj-${topicId}`;

export const getProject = (id: string) => docById(COUNCIL_PROJECTS, projectDocSchema, id);
export const getProjectInTransaction = (tx: Tx, id: string) => readInTransaction(tx, COUNCIL_PROJECTS, id, projectDocSchema);

/** For another repository's aggregation (a lookup): a project by id, if there is one, read with `parseProjectDocs`. */
export function projectLookup(id: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: COUNCIL_PROJECTS, pipeline: [{ $match: { _id: id } }], as };
}

export const parseProjectDocs = (raw: unknown[]): ProjectDoc[] => parseDocs(projectDocSchema, COUNCIL_PROJECTS, raw);

/** Starts a project once: a second start (a retry, two committee members) finds the first. False when it was there. */
export async function insertProjectOnce(doc: ProjectDoc): Promise<boolean> {
  try {
    await database().collection(COUNCIL_PROJECTS).add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** Inside the update's transaction: the progress entry and the project's new figures, both or neither. */
export async function addProgressInTransaction(tx: Tx, progress: ProgressDoc, patch: Partial<Omit<ProjectDoc, '_id'>>): Promise<void> {
  await tx.collection(COUNCIL_PROGRESS).add({ data: progress });
  await tx
    .collection(COUNCIL_PROJECTS)
    .doc(progress.projectId)
    .update({ data: setWhole(patch) });
}

/** A project and a page of its updates (newest first, before `before`: an _id, time-ordered), in one aggregation; null when there is no project. */
export async function projectWithProgress(id: string, before: string | null, limit: number): Promise<{ project: ProjectDoc; updates: ProgressDoc[] } | null> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  const match: Record<string, unknown> = before ? { projectId: id, _id: { $lt: before } } : { projectId: id };
  const res = await database()
    .collection(COUNCIL_PROJECTS)
    .aggregate()
    .match({ _id: id })
    .lookup({ from: COUNCIL_PROGRESS, pipeline: [{ $match: match }, { $sort: { _id: -1 } }, { $limit: limit }], as: 'progressPage' })
    .end();
  const row = firstRow(res);
  if (!row) return null;
  const { progressPage, ...doc } = row;
  return { project: parseDocs(projectDocSchema, COUNCIL_PROJECTS, [doc])[0], updates: parseDocs(progressDocSchema, COUNCIL_PROGRESS, progressPage ?? []) };
}

/** An account's end: updates a committee member reported stay, under the pseudonym. */
export async function pseudonymiseReporterOf(openid: string, pseudonym: string): Promise<number> {
  return updateWhere(COUNCIL_PROGRESS, { by: openid }, { by: pseudonym });
}
