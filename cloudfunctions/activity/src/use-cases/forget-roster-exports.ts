import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { deleteFiles } from '../../../../server/kit/storage';
import { forgetRosterExport, rosterExportsBefore } from '../../../../server/repositories/roster-exports';

/** A roster export (names and phones) is kept this long: its link dies in 10 minutes anyway. */
export const ROSTER_EXPORT_TTL_MS = 60 * 60_000;
const BATCH = 50;

/**
 * Timer job: deletes roster exports older than an hour from cloud storage, then forgets them. The file
 * goes first, so a run that dies in between leaves a record the next run finishes, never a file
 * nobody will delete.
 */
export async function forgetRosterExports(now: Date, budget: Budget = UNBOUNDED): Promise<{ deleted: number }> {
  let deleted = 0;
  while (!budget.spent()) {
    const old = await rosterExportsBefore(new Date(now.getTime() - ROSTER_EXPORT_TTL_MS), BATCH);
    const gone = new Set(await deleteFiles(old.map((e) => e.fileId)));
    for (const e of old) {
      if (!gone.has(e.fileId)) continue;
      await forgetRosterExport(e._id);
      deleted++;
    }
    if (old.length < BATCH || gone.size === 0) break;
  }
  return { deleted };
}
