import * as z from '../../domain/zod';
import { bindingStatusSchema } from '../../domain/people';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { dataOf, docsWhere, parseDocs, TimePosition, readInTransaction, updateWhere } from './docs';

/** The only module that touches `bindings`: residents' requests to join a building, and their review. */
export const BINDINGS = 'bindings';

const bindingDocSchema = z.object({
  _id: z.string(),
  openid: z.string(),
  buildingId: z.string(),
  gridId: z.string(),
  communityId: z.string(),
  room: z.string(),
  status: bindingStatusSchema,
  reason: z.nullable(z.string()),
  reviewedBy: z.nullable(z.string()),
  reviewedAt: z.nullable(z.date()),
  createdAt: z.date(),
});
export type BindingDoc = z.infer<typeof bindingDocSchema>;

const bindings = () => database().collection(BINDINGS);

/** Bindings read by another repository's aggregation (a lookup), checked like any read. */
export function parseBindingDocs(raw: unknown[]): BindingDoc[] {
  return parseDocs(bindingDocSchema, BINDINGS, raw);
}

export async function getBinding(id: string, tx?: Tx): Promise<BindingDoc | null> {
  if (tx) return readInTransaction(tx, BINDINGS, id, bindingDocSchema);
  return parseDocs(bindingDocSchema, BINDINGS, dataOf(await bindings().where({ _id: id }).get()))[0] ?? null;
}

export async function pendingBindingOf(openid: string): Promise<BindingDoc | null> {
  return parseDocs(bindingDocSchema, BINDINGS, dataOf(await bindings().where({ openid, status: 'pending' }).limit(1).get()))[0] ?? null;
}

/** The user's most recent request, whatever became of it. */
export async function latestBindingOf(openid: string): Promise<BindingDoc | null> {
  const res = await bindings().where({ openid }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(1).get();
  return parseDocs(bindingDocSchema, BINDINGS, dataOf(res))[0] ?? null;
}

/** Oldest first by when they were asked: ids are only time-ordered for generated ids, not seeded or imported ones. */
export async function pendingBindingsOf(communityId: string, after: TimePosition | null, limit: number): Promise<BindingDoc[]> {
  const _ = database().command;
  const base = { communityId, status: 'pending' };
  const where = after ? _.and([base, _.or([{ createdAt: _.gt(after.time) }, { createdAt: after.time, _id: _.gt(after.id) }])]) : base;
  return parseDocs(bindingDocSchema, BINDINGS, dataOf(await bindings().where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get()));
}

/** A new request replaces the user's pending one (marked superseded) in one transaction. */
export async function replacePendingInTransaction(tx: Tx, previous: BindingDoc | null, next: BindingDoc): Promise<void> {
  if (previous)
    await tx
      .collection(BINDINGS)
      .doc(previous._id)
      .update({ data: { status: 'superseded' } });
  await tx.collection(BINDINGS).add({ data: next });
}

export async function reviewInTransaction(tx: Tx, id: string, patch: Pick<BindingDoc, 'status' | 'reason' | 'reviewedBy' | 'reviewedAt'>): Promise<void> {
  await tx.collection(BINDINGS).doc(id).update({ data: patch });
}

/** A person's requests, newest first, at most `limit`. */
export async function bindingsOfPerson(openid: string, limit: number): Promise<BindingDoc[]> {
  return docsWhere(BINDINGS, bindingDocSchema, { openid }, limit, 'createdAt');
}

/**
 * An account's end: a waiting request is withdrawn (superseded), and every request keeps only its
 * building for the committee's history, under `pseudonym` and without the room; a reviewer who
 * leaves is named by their pseudonym too. Three requests, whatever the number of requests.
 */
export async function endBindingsOf(openid: string, pseudonym: string): Promise<number> {
  await updateWhere(BINDINGS, { openid, status: 'pending' }, { status: 'superseded' });
  await updateWhere(BINDINGS, { reviewedBy: openid }, { reviewedBy: pseudonym });
  return updateWhere(BINDINGS, { openid }, { openid: pseudonym, room: '' });
}
