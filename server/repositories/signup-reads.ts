import { database } from '../kit/cloud';
import { ActivityDoc, activitiesFound, activityLookup } from './activities';
import { aggregateRows, docWithJoins, Lookup, parseDocs, TimePosition } from './docs';
import { SIGNUPS, SignupDoc, signupDocSchema } from './signups';

/**
 * The screens' reads of `signups` (signups.ts holds its writes and the other reads): my signups with
 * their places on the waitlist, a page of mine with their activities, the signup a cancellation moves
 * with its waitlist. Each is ONE aggregation, or two when waitlist places must be counted apart.
 */

/** A signup with its place on the waitlist (1 is next), null unless it is waitlisted. */
export interface PlacedSignup {
  doc: SignupDoc;
  position: number | null;
}

/**
 * The stage (inside a lookup of one activity's signups) that counts, under `ahead`, who waits before
 * each waitlisted signup; it finds nothing for a signup in another state. The activity's own waitlist
 * is walked by its index (activity, status, created).
 */
function aheadStage(activityId: string): Record<string, unknown> {
  const before = { $or: [{ $lt: ['$createdAt', '$$at'] }, { $and: [{ $eq: ['$createdAt', '$$at'] }, { $lt: ['$_id', '$$id'] }] }] };
  return {
    $lookup: {
      from: SIGNUPS,
      let: { shift: '$shiftId', at: '$createdAt', id: '$_id', status: '$status' },
      pipeline: [{ $match: { activityId, status: 'waitlisted', $expr: { $and: [{ $eq: ['$$status', 'waitlisted'] }, { $eq: ['$shiftId', '$$shift'] }, before] } } }, { $count: 'n' }],
      as: 'ahead',
    },
  };
}

/** For an aggregation of the activity: a person's signups to it (every shift and state, newest first), each with its waitlist place; read with `placedSignups`. */
export function mySignupsLookup(activityId: string, openid: string, as: string): Lookup {
  return { from: SIGNUPS, pipeline: [{ $match: { activityId, openid } }, { $sort: { createdAt: -1, _id: -1 } }, { $limit: 50 }, aheadStage(activityId)], as };
}

export function placedSignups(rows: unknown[]): PlacedSignup[] {
  return (rows as Record<string, unknown>[]).map(({ ahead, ...raw }) => {
    const doc = parseDocs(signupDocSchema, SIGNUPS, [raw])[0];
    const n = Array.isArray(ahead) && typeof ahead[0]?.n === 'number' ? ahead[0].n : 0;
    return { doc, position: doc.status === 'waitlisted' ? n + 1 : null };
  });
}

/** A page of a person's signups, newest first from `after`, each with its activity (null if it is gone): one aggregation. */
export async function signupsOfPersonWithActivities(
  openid: string,
  filter: { status?: SignupDoc['status']; after: TimePosition | null; limit: number },
): Promise<{ signup: SignupDoc; activity: ActivityDoc | null }[]> {
  const _ = database().command;
  const base: Record<string, unknown> = { openid };
  if (filter.status) base.status = filter.status;
  const after = filter.after;
  const where = after ? _.and([base, _.or([{ createdAt: _.lt(after.time) }, { createdAt: after.time, _id: _.lt(after.id) }])]) : base;
  const res: unknown = await database().collection(SIGNUPS).aggregate().match(where).sort({ createdAt: -1, _id: -1 }).limit(filter.limit).lookup(activityLookup('activityId', 'activity')).end();
  return aggregateRows(res).map(({ activity, ...raw }) => ({
    signup: parseDocs(signupDocSchema, SIGNUPS, [raw])[0],
    activity: activitiesFound(Array.isArray(activity) ? activity : [])[0] ?? null,
  }));
}

/**
 * The waitlist place of each waitlisted signup of `docs` (by signup id), in ONE request whatever their
 * number: those ahead are counted per waitlist (activity and shift: a person has one live signup in
 * each). No request when none is waitlisted.
 */
export async function waitlistPositions(docs: readonly SignupDoc[]): Promise<Map<string, number>> {
  const waiting = docs.filter((d) => d.status === 'waitlisted');
  const positions = new Map<string, number>();
  if (waiting.length === 0) return positions;
  const _ = database().command;
  const $ = _.aggregate;
  const branches = waiting.map((d) =>
    _.and([{ activityId: d.activityId, shiftId: d.shiftId, status: 'waitlisted' }, _.or([{ createdAt: _.lt(d.createdAt) }, { createdAt: d.createdAt, _id: _.lt(d._id) }])]),
  );
  const res: unknown = await database()
    .collection(SIGNUPS)
    .aggregate()
    .match(_.or(branches))
    .group({ _id: { activity: '$activityId', shift: '$shiftId' }, n: $.sum(1) })
    .end();
  const ahead = new Map<string, number>();
  for (const row of aggregateRows(res)) {
    const key = row._id as { activity?: unknown; shift?: unknown };
    if (typeof row.n === 'number') ahead.set(`${String(key.activity)}|${String(key.shift ?? null)}`, row.n);
  }
  for (const d of waiting) positions.set(d._id, (ahead.get(`${d.activityId}|${String(d.shiftId)}`) ?? 0) + 1);
  return positions;
}

/**
 * What a cancellation reads, in ONE aggregation: the signup, its activity (without holders) and the
 * first `limit` of the waitlist it belongs to, in order.
 */
export async function signupWithWaitlist(signupId: string, limit: number): Promise<{ signup: SignupDoc; activity: ActivityDoc | null; waitlist: SignupDoc[] } | null> {
  const same = { $and: [{ $eq: ['$activityId', '$$activity'] }, { $eq: ['$shiftId', '$$shift'] }] };
  const waitlist: Lookup = {
    from: SIGNUPS,
    let: { activity: '$activityId', shift: '$shiftId' },
    pipeline: [{ $match: { status: 'waitlisted', $expr: same } }, { $sort: { createdAt: 1, _id: 1 } }, { $limit: limit }],
    as: 'waitlist',
  };
  const found = await docWithJoins(SIGNUPS, signupDocSchema, signupId, { activity: activityLookup('activityId', 'activity'), waitlist });
  if (!found) return null;
  return {
    signup: found.doc,
    activity: activitiesFound(found.joined.activity)[0] ?? null,
    waitlist: parseDocs(signupDocSchema, SIGNUPS, found.joined.waitlist),
  };
}
