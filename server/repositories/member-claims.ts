import { z } from 'zod/mini';
import { claimStateSchema, taskKindSchema } from '../../domain/members/model';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Join, Lookup, TimePosition, aggregateRows, dataOf, docById, docWithJoins, docsByIds, parseDocs, setWhole, updatedOne } from './docs';

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
  /** The Shanghai day whose 8 h its hours were counted against (member_days), kept by the verify: the ledger entry's month. */
  creditedOn: z.optional(z.string()),
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
/** A claim with what a decision on it needs besides (its task, its member's days…), in ONE aggregation (docWithJoins); null when there is none. */
export async function claimWithJoins(id: string, joins: Record<string, Join | Lookup>): Promise<{ claim: ClaimDoc; joined: Record<string, unknown[]> } | null> {
  const found = await docWithJoins(MEMBER_CLAIMS, claimDocSchema, id, joins);
  return found && { claim: found.doc, joined: found.joined };
}

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

/**
 * Claims verified since `since`, the newest first, after `after` (the last of the page before), `limit`
 * a page, each with what `lookups` (other repositories', on the claim) find: for the creditVerified job.
 */
export async function verifiedSince(since: Date, after: TimePosition | null, limit: number, lookups: Lookup[]): Promise<{ claim: ClaimDoc; found: Record<string, unknown[]> }[]> {
  const _ = database().command;
  const base = { state: 'verified', verifiedAt: _.gte(since) };
  const match = after ? _.and([base, _.or([{ verifiedAt: _.lt(after.time) }, { verifiedAt: after.time, _id: _.lt(after.id) }])]) : base;
  let query = claims().aggregate().match(match).sort({ verifiedAt: -1, _id: -1 }).limit(limit);
  for (const lookup of lookups) query = query.lookup(lookup);
  return aggregateRows(await query.end()).map((row) => {
    const doc = { ...row };
    const found: Record<string, unknown[]> = {};
    for (const { as } of lookups) {
      found[as] = Array.isArray(row[as]) ? (row[as] as unknown[]) : [];
      delete doc[as];
    }
    return { claim: parseDocs(claimDocSchema, MEMBER_CLAIMS, [doc])[0], found };
  });
}

/**
 * The tasks of claims cancelled or rejected since `since` (at most `limit`), those whose last such
 * claim ended latest first: whose places the recountPlaces job looks at.
 */
export async function tasksOfClaimsEndedSince(since: Date, limit: number): Promise<string[]> {
  const _ = database().command;
  const $ = _.aggregate;
  const res = await claims()
    .aggregate()
    .match({ state: _.in(['cancelled', 'rejected']), updatedAt: _.gte(since) })
    .group({ _id: '$taskId', endedAt: $.max('$updatedAt') })
    .sort({ endedAt: -1, _id: -1 })
    .limit(limit)
    .end();
  return aggregateRows(res).flatMap((row) => (typeof row._id === 'string' ? [row._id] : []));
}

/** For a task's aggregation: every claim of the task `taskId`, only its state and last change, read with `claimStatesFrom`. */
export function claimStatesLookup(taskId: string, as: string): Lookup {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  return { from: MEMBER_CLAIMS, pipeline: [{ $match: { taskId } }, { $project: { state: 1, updatedAt: 1 } }, { $limit: 5000 }], as };
}
const claimStateRowSchema = z.object({ _id: z.string(), state: claimStateSchema, updatedAt: z.date() });
export const claimStatesFrom = (raw: unknown[]) => parseDocs(claimStateRowSchema, MEMBER_CLAIMS, raw);

const yearRowSchema = z.object({ _id: z.object({ openid: z.string(), kind: z.string() }), hours: z.number(), points: z.number(), count: z.number() });
export type YearRow = z.infer<typeof yearRowSchema>;

// The lookups below are for another collection's aggregation (one request for a whole screen); their
// pipelines are written as the stages the SDK's own pipeline builder sends.

/**
 * Verified service in a Shanghai year summed by the database per member and kind (whatever the
 * number of services), as a lookup read with `parseYearRows`: `openid` narrows it to one member.
 */
export function verifiedTotalsLookup(filter: { communityId?: string; openid?: string; year: number }, as: string): Lookup {
  const match: Record<string, unknown> = { state: 'verified', year: filter.year };
  if (filter.communityId) match.communityId = filter.communityId;
  if (filter.openid) match.openid = filter.openid;
  const group = { _id: { openid: '$openid', kind: '$kind' }, hours: { $sum: '$hours' }, points: { $sum: '$points' }, count: { $sum: 1 } };
  return { from: MEMBER_CLAIMS, pipeline: [{ $match: match }, { $group: group }, { $limit: 20000 }], as };
}
export const parseYearRows = (raw: unknown[]): YearRow[] => parseDocs(yearRowSchema, MEMBER_CLAIMS, raw);

export interface ActivityFigures {
  active: number;
  noShows: number;
  hours: { openid: string; hours: number }[];
}
const ACTIVITY = { active: 'activeMembers', noShows: 'noShows', hours: 'hoursByMember' } as const;

/**
 * A community's members with a verified service since `since`, its claims never started whose window
 * has ended by `now` (no-shows) and every member's verified hours, as three lookups (under the names
 * of ACTIVITY) read with `activityFiguresOf`.
 */
export function activityLookups(communityId: string, since: Date, now: Date): Record<string, Lookup> {
  const count = { $group: { _id: null, n: { $sum: 1 } } };
  const verified = { communityId, state: 'verified' };
  return {
    [ACTIVITY.active]: { from: MEMBER_CLAIMS, pipeline: [{ $match: { ...verified, verifiedAt: { $gte: since } } }, { $group: { _id: '$openid' } }, count], as: ACTIVITY.active },
    [ACTIVITY.noShows]: { from: MEMBER_CLAIMS, pipeline: [{ $match: { communityId, state: 'claimed', endAt: { $lt: now } } }, count], as: ACTIVITY.noShows },
    [ACTIVITY.hours]: { from: MEMBER_CLAIMS, pipeline: [{ $match: verified }, { $group: { _id: '$openid', hours: { $sum: '$hours' } } }, { $limit: 20000 }], as: ACTIVITY.hours },
  };
}

const countOf = (rows: unknown[] | undefined): number => {
  const n = (rows?.[0] as { n?: unknown } | undefined)?.n;
  return typeof n === 'number' ? n : 0;
};
const memberHoursSchema = z.object({ _id: z.string(), hours: z.number() });
export function activityFiguresOf(joined: Record<string, unknown[]>): ActivityFigures {
  const hours = parseDocs(memberHoursSchema, MEMBER_CLAIMS, joined[ACTIVITY.hours] ?? []);
  return { active: countOf(joined[ACTIVITY.active]), noShows: countOf(joined[ACTIVITY.noShows]), hours: hours.map((r) => ({ openid: r._id, hours: r.hours })) };
}
