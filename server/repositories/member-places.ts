import { database } from '../kit/cloud';
import { Lookup, aggregateRows, parseDocs, dataOf, updatedOne } from './docs';
import { MEMBER_TASKS, TaskDoc, taskDocSchema, tasks } from './member-tasks';

/**
 * The place-counter half of the member tasks repository (as activity-seats.ts is for activities).
 * A claim takes its place and then writes the claim; the place is taken together with a hold naming
 * the claim-to-be (`holds`, counted in `held`), in the same atomic update. The claim's call leaves
 * its hold: the `reconcilePlaces` timer job (or the next member turned away from a full task)
 * settles (removes) the holds whose claim was written, all of a task's in one update, and gives back
 * the place of a hold whose claim does not exist (a call that died between the two), once, because
 * every settling and give-back is conditional on the hold still being there.
 */

/**
 * A hold this old belongs to a call that has ended: far beyond the member function's timeout
 * (deploy/functions.json; WeChat cloud functions run at most 60 s), so no live call can still
 * write its claim or settle it. Checked against the deploy settings by the places test.
 */
export const ORPHAN_HOLD_MS = 5 * 60_000;

/** Where a claim's hold lives in `holds`: a letter first, so the path segment is never a number. */
export const holdKeyOf = (claimId: string) => `h${claimId}`;

/**
 * Takes one place in ONE conditional update, applied atomically to the one document: only an open
 * task of the community, before its claim deadline and its start, with a place left; the hold for
 * `claimId` is recorded in the same update.
 */
export async function takePlace(taskId: string, communityId: string, claimId: string, now: Date): Promise<boolean> {
  const _ = database().command;
  const res = await tasks()
    .where(_.and([{ _id: taskId, communityId, state: 'open', placesLeft: _.gte(1), claimBy: _.gt(now) }, _.or([{ startAt: null }, { startAt: _.gt(now) }])]))
    .update({ data: { placesLeft: _.inc(-1), [`holds.${holdKeyOf(claimId)}`]: _.set({ id: claimId, at: now }), held: _.inc(1), updatedAt: now } });
  return updatedOne(res);
}

/** The claim is written: its hold goes, the place stays taken. False when the hold was already gone. */
export async function settleHold(taskId: string, claimId: string, now: Date): Promise<boolean> {
  const _ = database().command;
  const key = holdKeyOf(claimId);
  const res = await tasks()
    .where({ _id: taskId, [`holds.${key}.id`]: claimId })
    .update({ data: { [`holds.${key}`]: _.remove(), held: _.inc(-1), updatedAt: now } });
  return updatedOne(res);
}

/**
 * The claims of `claimIds` are written: their holds go in ONE update, the places stay taken. Only
 * while every one of them is still there; false when one is gone (another run settled it): nothing changed.
 */
export async function settleHolds(taskId: string, claimIds: readonly string[], now: Date): Promise<boolean> {
  const _ = database().command;
  const where: Record<string, unknown> = { _id: taskId };
  const data: Record<string, unknown> = { held: _.inc(-claimIds.length), updatedAt: now };
  for (const id of claimIds) {
    where[`holds.${holdKeyOf(id)}.id`] = id;
    data[`holds.${holdKeyOf(id)}`] = _.remove();
  }
  return updatedOne(await tasks().where(where).update({ data }));
}

/**
 * The claim was not written (the member already had one) or never will be (the call died): the
 * place goes back with its hold, once. False when the hold was already settled or given back.
 */
export async function giveBackHeldPlace(taskId: string, claimId: string, now: Date): Promise<boolean> {
  const _ = database().command;
  const key = holdKeyOf(claimId);
  const res = await tasks()
    .where({ _id: taskId, [`holds.${key}.id`]: claimId })
    .update({ data: { placesLeft: _.inc(1), [`holds.${key}`]: _.remove(), held: _.inc(-1), updatedAt: now } });
  return updatedOne(res);
}

/** A written claim left the live states (its conditional move is what makes this happen once): the place is free again. */
export async function giveBackPlace(taskId: string, now: Date): Promise<void> {
  await tasks()
    .doc(taskId)
    .update({ data: { placesLeft: database().command.inc(1), updatedAt: now } });
}

/** Tasks with holds, after `afterId`, with their holds: for the reconciler. */
export async function tasksHolding(afterId: string | null, limit: number): Promise<TaskDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { held: _.gt(0) };
  if (afterId) where._id = _.gt(afterId);
  return parseDocs(taskDocSchema, MEMBER_TASKS, dataOf(await tasks().where(where).orderBy('_id', 'asc').limit(limit).get()));
}

/** A task with what `lookup` (another repository's, on its claims) finds, in one request; null when there is no such task. */
export async function taskWith(taskId: string, lookup: Lookup): Promise<{ task: TaskDoc; found: unknown[] } | null> {
  const [row] = aggregateRows(await tasks().aggregate().match({ _id: taskId }).lookup(lookup).end());
  if (!row) return null;
  const { [lookup.as]: found, ...doc } = row;
  return { task: parseDocs(taskDocSchema, MEMBER_TASKS, [doc])[0], found: Array.isArray(found) ? found : [] };
}

/** Sets a task's places left as recounted, only while the task is as read (no place taken, given back or settled since). */
export async function setPlacesLeft(task: TaskDoc, placesLeft: number, now: Date): Promise<boolean> {
  return updatedOne(
    await tasks()
      .where({ _id: task._id, updatedAt: task.updatedAt, placesLeft: task.placesLeft })
      .update({ data: { placesLeft, updatedAt: now } }),
  );
}
