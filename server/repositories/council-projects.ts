import { z } from 'zod/mini';
import { projectStatusSchema } from '../../domain/council-follow-up';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { docById, firstRow, parseDocs, rowsOf, setWhole, updatedOne, updateWhere } from './docs';

/**
 * The only module that touches `council_projects` and `council_progress`: a decided topic carried
 * out as a project (one per topic: its id comes from the topic), and its dated progress updates.
 */
export const COUNCIL_PROJECTS = 'council_projects';
export const COUNCIL_PROGRESS = 'council_progress';

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
  /**
   * The last update's entry, written with the figures it moved: an entry is filed in
   * council_progress after its project's write, so one whose call died in between is filed from here.
   */
  latest: z.optional(z.nullable(progressDocSchema)),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ProjectDoc = z.infer<typeof projectDocSchema>;

const ID_PREFIX = 'pj-';
export const projectIdOf = (topicId: string) => `${ID_PREFIX}${topicId}`;

export const getProject = (id: string) => docById(COUNCIL_PROJECTS, projectDocSchema, id);

/** A project as an update needs it: whether its last update's entry is filed yet. */
export interface ProjectReading {
  project: ProjectDoc;
  /** The `latest` entry is in council_progress (true when there is none to file). */
  latestFiled: boolean;
}

/** Whether the row's `latest` entry is filed, for `projectLookup`, `projectReading` and `projectsUpdatedSince`. */
const filedLookup = { from: COUNCIL_PROGRESS, let: { entry: '$latest._id' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$entry'] } } }, { $project: { _id: 1 } }], as: 'filed' };

/** For another repository's aggregation (a lookup): a project by id, if there is one, with whether its last entry is filed; read with `parseProjectReadings`. */
export function projectLookup(id: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: COUNCIL_PROJECTS, pipeline: [{ $match: { _id: id } }, { $lookup: filedLookup }], as };
}

/** The same for a row naming its topic in `topicId` (a meeting): the topic's project, if it has one. */
export function projectOfTopicLookup(as: string): Record<string, unknown> {
  return { from: COUNCIL_PROJECTS, let: { topic: '$topicId' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', { $concat: [ID_PREFIX, '$$topic'] }] } } }, { $lookup: filedLookup }], as };
}

export function parseProjectReadings(raw: unknown[]): ProjectReading[] {
  return (raw as Record<string, unknown>[]).map(({ filed, ...doc }) => {
    const project = parseDocs(projectDocSchema, COUNCIL_PROJECTS, [doc])[0];
    return { project, latestFiled: !project.latest || (Array.isArray(filed) && filed.length > 0) };
  });
}

/** A project by id with whether its last entry is filed (a read again after another update came first). */
export async function projectReading(id: string): Promise<ProjectReading | null> {
  const res = await database().collection(COUNCIL_PROJECTS).aggregate().match({ _id: id }).lookup(filedLookup).end();
  return parseProjectReadings(rowsOf(res))[0] ?? null;
}

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

/**
 * Counts an update in ONE conditional write on the project as read (its `updates` unchanged, so no
 * other update came between), with the entry kept as `latest`. False when another came first.
 */
export async function advanceProjectIf(seen: ProjectDoc, entry: ProgressDoc, patch: Partial<Omit<ProjectDoc, '_id' | 'latest'>>): Promise<boolean> {
  return updatedOne(
    await database()
      .collection(COUNCIL_PROJECTS)
      .where({ _id: seen._id, updates: seen.updates })
      .update({ data: setWhole({ ...patch, latest: entry }) }),
  );
}

/** Files an update's entry (its id is fixed by then: filing it twice keeps one). */
export async function fileProgress(entry: ProgressDoc): Promise<void> {
  try {
    await database().collection(COUNCIL_PROGRESS).add({ data: entry });
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
}

/**
 * Jobs: projects updated since `since`, latest first, as the timer's repair reads them, with
 * whether the last entry is filed and, beside each, the rows of `lookups` (another repository's,
 * e.g. the topic's stage).
 */
export async function projectsUpdatedSince(since: Date, limit: number, lookups: Record<string, unknown>[]): Promise<{ reading: ProjectReading; row: Record<string, unknown> }[]> {
  let query = database()
    .collection(COUNCIL_PROJECTS)
    .aggregate()
    .match({ updatedAt: database().command.gte(since) })
    .sort({ updatedAt: -1 })
    .limit(limit)
    .lookup(filedLookup);
  for (const lookup of lookups) query = query.lookup(lookup);
  return rowsOf(await query.end()).map((row) => {
    const doc: Record<string, unknown> = { ...row };
    for (const lookup of lookups) delete doc[String(lookup.as)];
    return { reading: parseProjectReadings([doc])[0], row };
  });
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
  return (await updateWhere(COUNCIL_PROGRESS, { by: openid }, { by: pseudonym })) + (await updateWhere(COUNCIL_PROJECTS, { 'latest.by': openid }, { 'latest.by': pseudonym }));
}
