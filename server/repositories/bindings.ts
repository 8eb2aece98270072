import * as z from '../../domain/zod';
import { bindingStatusSchema } from '../../domain/people';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { parseDocs, TimePosition, updatedOne, updateWhere, personalRead } from './docs';
import { UNITS, UnitDoc, parseUnitDocs } from './units';
import { USERS } from './users';
import type { Lookup } from './docs';

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

/** A waiting request is replaced: marked superseded, unless it was reviewed meanwhile. */
export async function supersede(id: string): Promise<void> {
  await bindings()
    .where({ _id: id, status: 'pending' })
    .update({ data: { status: 'superseded' } });
}

/** A new request; false when its id is taken (another request of the person's, sent at the same moment, came first). */
export async function insertBinding(doc: BindingDoc): Promise<boolean> {
  try {
    await bindings().add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/**
 * The review's decision, only on a request still waiting with the building and room the reviewer saw:
 * of two reviewers at once, one wins. False when it was decided or changed meanwhile.
 */
export async function decide(doc: BindingDoc, patch: Pick<BindingDoc, 'status' | 'reason' | 'reviewedBy' | 'reviewedAt'>): Promise<boolean> {
  const res = await bindings().where({ _id: doc._id, status: 'pending', buildingId: doc.buildingId, room: doc.room }).update({ data: patch });
  return updatedOne(res);
}

/** A lookup of a person's latest request, with the units it names (its building and grid), for a read with the person. */
export function latestBindingLookup(openid: string, as: string): Lookup {
  return {
    from: BINDINGS,
    pipeline: [{ $match: { openid } }, { $sort: { createdAt: -1, _id: -1 } }, { $limit: 1 }, unitNames],
    as,
  };
}

const unitNames = { $lookup: { from: UNITS, let: { asked: ['$buildingId', '$gridId', '$communityId'] }, pipeline: [{ $match: { $expr: { $in: ['$_id', '$$asked'] } } }, { $limit: 3 }], as: 'units' } };
const requester = {
  $lookup: { from: USERS, let: { who: '$openid' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$who'] } } }, { $limit: 1 }, { $project: { _id: 1, displayName: 1 } }], as: 'requester' },
};

/** Requests as a lookup or an aggregation here found them, apart from the units and requesters found with them. */
export function bindingsFound(rows: Record<string, unknown>[]): { bindings: BindingDoc[]; units: UnitDoc[]; requesters: { _id: string; displayName: string }[] } {
  const units = rows.flatMap((r) => (Array.isArray(r.units) ? (r.units as unknown[]) : []));
  const requesters = rows.flatMap((r) => (Array.isArray(r.requester) ? (r.requester as { _id: string; displayName: string }[]) : []));
  return {
    bindings: parseBindingDocs(rows.map(({ units: _u, requester: _r, ...b }) => b)),
    units: parseUnitDocs(units.filter((u, i) => units.findIndex((o) => (o as { _id: unknown })._id === (u as { _id: unknown })._id) === i)),
    requesters: requesters.filter((p) => typeof p.displayName === 'string'),
  };
}

async function aggregated(match: object, order: 1 | -1, limit: number): Promise<Record<string, unknown>[]> {
  const res = await bindings().aggregate().match(match).sort({ createdAt: order, _id: order }).limit(limit).lookup(unitNames.$lookup).lookup(requester.$lookup).end();
  return typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? (res.list as Record<string, unknown>[]) : [];
}

/** A request for its review, with the units of its place and its requester's name, in one request. */
export async function bindingForReview(id: string): Promise<ReturnType<typeof bindingsFound>> {
  return bindingsFound(await aggregated({ _id: id }, 1, 1));
}

/** The committee's queue, oldest first, with the names it shows, in one request (see pendingBindingsOf). */
export async function pendingWithNames(communityId: string, after: TimePosition | null, limit: number): Promise<ReturnType<typeof bindingsFound>> {
  const _ = database().command;
  const base = { communityId, status: 'pending' };
  const match = after ? _.and([base, _.or([{ createdAt: _.gt(after.time) }, { createdAt: after.time, _id: _.gt(after.id) }])]) : base;
  return bindingsFound(await aggregated(match, 1, limit));
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

/** A person's binding requests, newest first, at most `limit`: for their export (PersonalRead). */
export const bindingsOfPersonRead = (openid: string, limit: number) => personalRead(BINDINGS, bindingDocSchema, { openid }, limit, 'createdAt');
