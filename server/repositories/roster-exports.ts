import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { dataOf, parseDocs } from './docs';

/**
 * The only module that touches `roster_exports`: each roster CSV put in cloud storage, so the timer can
 * delete it after an hour (cloud storage cannot be listed from a function). _id = the request's id.
 */
export const ROSTER_EXPORTS = 'roster_exports';

export const rosterExportDocSchema = z.object({
  _id: z.string(),
  fileId: z.string(),
  activityId: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
});
export type RosterExportDoc = z.infer<typeof rosterExportDocSchema>;

const exportsOf = () => database().collection(ROSTER_EXPORTS);

export async function recordRosterExport(doc: RosterExportDoc): Promise<void> {
  await exportsOf().add({ data: doc });
}

/** Exports made before `before`, oldest first. */
export async function rosterExportsBefore(before: Date, limit: number): Promise<RosterExportDoc[]> {
  const _ = database().command;
  return parseDocs(
    rosterExportDocSchema,
    ROSTER_EXPORTS,
    dataOf(
      await exportsOf()
        .where({ createdAt: _.lt(before) })
        .orderBy('createdAt', 'asc')
        .limit(limit)
        .get(),
    ),
  );
}

export async function forgetRosterExport(id: string): Promise<void> {
  await exportsOf().doc(id).remove();
}
