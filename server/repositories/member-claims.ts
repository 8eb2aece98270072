import { z } from 'zod/mini';
import { claimStateSchema, taskKindSchema } from '../../domain/members/model';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Tx } from '../kit/transaction';
import { dataOf, docById, docsByIds, parseDocs, readInTransaction, setWhole, updatedOne } from './docs';

/**
 * The only module that touches `member_claims`. A live claim (claimed, checked in, submitted) has
 * `liveKey` = task|openid, unique in the collection: one live claim per member per task occurrence.
 * A claim that leaves the live states gets `dead|<_id>` instead (never removed: no sparse indexes).
 */
export const MEMBER_CLAIMS = 'member_claims';

export const claimDocSchema = z.object({
  _id: z.string(),
  taskId: z.string(),
  communityId: z.string(),
  kind: taskKindSchema,
  title: z.string(),
  openid: z.string(),
  state: claimStateSchema,
  liveKey: z.string(),
  /** The task's window, copied at claim time: the clamp for hours and the no-show count. */
  startAt: z.nullable(z.date()),
  endAt: z.nullable(z.date()),
  checkinAt: z.nullable(z.date()),
  checkoutAt: z.nullable(z.date()),
  note: z.nullable(z.string()),
  photo: z.nullable(z.string()),
  hours: z.nullable(z.number()),
  points: z.nullable(z.number()),
  /** Shanghai year of the verified service, for the year report. */
  year: z.nullable(z.number()),
  verifiedAt: z.nullable(z.date()),
  reason: z.nullable(z.string()),
  swapTo: z.nullable(z.string()),
  swappedFrom: z.nullable(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ClaimDoc = z.infer<typeof claimDocSchema>;

const claims = () => database().collection(MEMBER_CLAIMS);
const parse = (res: unknown) => parseDocs(claimDocSchema, MEMBER_CLAIMS, dataOf(res));

export const liveClaimKey = (taskId: string, openid: string) => `${taskId}|${openid}`;
export const deadClaimKey = (id: string) => `dead|${id}`;

export const getClaim = (id: string) => docById(MEMBER_CLAIMS, claimDocSchema, id);
/** The claims of `ids` that exist: which holds of a task had their claim written. */
export const claimsByIds = (ids: readonly string[]) => docsByIds(MEMBER_CLAIMS, claimDocSchema, ids);
export const getClaimInTransaction = (tx: Tx, id: string) => readInTransaction(tx, MEMBER_CLAIMS, id, claimDocSchema);

/** Inserts the claim; false when the member already has a live claim on the task (or this id exists). */
export async function insertClaim(doc: ClaimDoc): Promise<boolean> {
  try {
    await claims().add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

export async function liveClaimOf(taskId: string, openid: string): Promise<ClaimDoc | null> {
  return (
    parse(
      await claims()
        .where({ liveKey: liveClaimKey(taskId, openid) })
        .limit(1)
        .get(),
    )[0] ?? null
  );
}

/** Moves a claim only from the state it was read in (and while `also` holds, e.g. whose it is); false when it has moved on. */
export async function moveClaim(id: string, from: ClaimDoc['state'], patch: Partial<Omit<ClaimDoc, '_id'>>, also: Partial<Pick<ClaimDoc, 'openid' | 'swapTo'>> = {}): Promise<boolean> {
  const where: Record<string, unknown> = { ...also, _id: id, state: from };
  try {
    return updatedOne(
      await claims()
        .where(where)
        .update({ data: setWhole(patch) }),
    );
  } catch (error) {
    // A swap onto someone who already has a live claim on the task: the unique key refuses it.
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

export async function updateClaimInTransaction(tx: Tx, id: string, patch: Partial<Omit<ClaimDoc, '_id'>>): Promise<void> {
  await tx
    .collection(MEMBER_CLAIMS)
    .doc(id)
    .update({ data: setWhole(patch) });
}

/** A member's claims, newest first, after `afterId`. */
export async function claimsOf(openid: string, afterId: string | null, limit: number): Promise<ClaimDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { openid };
  if (afterId) where._id = _.lt(afterId);
  return parse(await claims().where(where).orderBy('_id', 'desc').limit(limit).get());
}

/** A community's claims in a state, oldest first, after `afterId`: the committee's proofs to verify. */
export async function claimsInState(communityId: string, state: ClaimDoc['state'], afterId: string | null, limit: number): Promise<ClaimDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId, state };
  if (afterId) where._id = _.gt(afterId);
  return parse(await claims().where(where).orderBy('_id', 'asc').limit(limit).get());
}

/** The claim a task's resident waits on: live or verified (a wish has one place), else null. */
export async function currentClaimOf(taskId: string): Promise<ClaimDoc | null> {
  const _ = database().command;
  const found = parse(
    await claims()
      .where({ taskId, state: _.in(['claimed', 'checkedIn', 'submitted', 'verified']) })
      .orderBy('_id', 'desc')
      .limit(1)
      .get(),
  );
  return found[0] ?? null;
}

const rowsOf = (res: unknown): unknown[] => (typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list : []);
const yearRowSchema = z.object({ _id: z.object({ openid: z.string(), kind: z.string() }), hours: z.number(), points: z.number(), count: z.number() });
export type YearRow = z.infer<typeof yearRowSchema>;

/**
 * Verified service in a Shanghai year summed by the database per member and kind (one request,
 * whatever the number of services): `openid` narrows it to one member.
 */
export async function verifiedTotals(filter: { communityId?: string; openid?: string; year: number }): Promise<YearRow[]> {
  const $ = database().command.aggregate;
  const match: Record<string, unknown> = { state: 'verified', year: filter.year };
  if (filter.communityId) match.communityId = filter.communityId;
  if (filter.openid) match.openid = filter.openid;
  const res: unknown = await claims()
    .aggregate()
    .match(match)
    .group({ _id: { openid: '$openid', kind: '$kind' }, hours: $.sum('$hours'), points: $.sum('$points'), count: $.sum(1) })
    .limit(20000)
    .end();
  return parseDocs(yearRowSchema, MEMBER_CLAIMS, rowsOf(res));
}

/** Members with a verified service since `since`, and claims never started whose window has ended (no-shows). */
export async function activityFigures(communityId: string, since: Date, now: Date): Promise<{ active: number; noShows: number; hours: { openid: string; hours: number }[] }> {
  const _ = database().command;
  const $ = _.aggregate;
  const active: unknown = await claims()
    .aggregate()
    .match({ communityId, state: 'verified', verifiedAt: _.gte(since) })
    .group({ _id: '$openid' })
    .count('n')
    .end();
  const noShows: unknown = await claims()
    .where({ communityId, state: 'claimed', endAt: _.lt(now) })
    .count();
  const hours: unknown = await claims()
    .aggregate()
    .match({ communityId, state: 'verified' })
    .group({ _id: '$openid', hours: $.sum('$hours') })
    .limit(20000)
    .end();
  const n = rowsOf(active)[0] as { n?: number } | undefined;
  const total = typeof noShows === 'object' && noShows !== null && 'total' in noShows ? Number(noShows.total) : 0;
  return {
    active: n?.n ?? 0,
    noShows: total,
    hours: parseDocs(z.object({ _id: z.string(), hours: z.number() }), MEMBER_CLAIMS, rowsOf(hours)).map((r) => ({ openid: r._id, hours: r.hours })),
  };
}
