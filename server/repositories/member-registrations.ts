import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { postSchema, registrationStateSchema } from '../../domain/members/model';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Lookup, aggregateRows, dataOf, docById, docWithJoins, docsByIds, parseDocs, setWhole, updatedOne } from './docs';
import { MEMBER_STARS, StarDoc, starDocSchema } from './member-stars';
import { MEMBER_TEAMS, TeamDoc, teamDocSchema } from './member-teams';

/** The only module that touches `member_registrations`: one per person per community (报到), kept after review. */
export const MEMBER_REGISTRATIONS = 'member_registrations';

export const registrationDocSchema = z.object({
  _id: z.string(),
  openid: z.string(),
  communityId: z.string(),
  displayName: z.string(),
  workUnit: z.string(),
  branch: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  skills: z.array(z.string()),
  serveTimes: z.array(z.string()),
  state: registrationStateSchema,
  reason: z.nullable(z.string()),
  teamId: z.nullable(z.string()),
  teamName: z.nullable(z.string()),
  post: z.nullable(postSchema),
  createdAt: z.date(),
  reviewDueAt: z.date(),
  overdue: z.boolean(),
  reviewedAt: z.nullable(z.date()),
  /**
   * Set by the approval: the partyMember role is owed to the person (added by the approval's call, or
   * by approving again or the grantApproved job when that call died); cleared when the role is revoked.
   * Absent on registrations approved before it was kept.
   */
  roleDue: z.optional(z.boolean()),
  updatedAt: z.date(),
});
export type RegistrationDoc = z.infer<typeof registrationDocSchema>;

const registrations = () => database().collection(MEMBER_REGISTRATIONS);
const parse = (res: unknown) => parseDocs(registrationDocSchema, MEMBER_REGISTRATIONS, dataOf(res));

/** A person's registration id in a community: registering again overwrites the same document. */
export const registrationIdOf = (communityId: string, openid: string) => crypto.createHash('sha256').update(`registration|${communityId}|${openid}`).digest('hex').slice(0, 32);

export const getRegistration = (id: string) => docById(MEMBER_REGISTRATIONS, registrationDocSchema, id);
/** The registrations of members of a community (each once): who the proofs are from. */
export const registrationsOfMembers = (communityId: string, openids: readonly string[]) =>
  docsByIds(
    MEMBER_REGISTRATIONS,
    registrationDocSchema,
    openids.map((o) => registrationIdOf(communityId, o)),
  );

/**
 * 报到 in one write: the first is an insert (the id comes from community and person, so another is a
 * duplicate); again after a rejection, one update that overwrites only a rejected one. False when the
 * person's registration is pending or approved (nothing written).
 */
export async function submitRegistration(doc: RegistrationDoc): Promise<boolean> {
  try {
    await registrations().add({ data: doc });
    return true;
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
  const { _id, ...rest } = doc;
  return updatedOne(
    await registrations()
      .where({ _id, state: 'rejected' })
      .update({ data: setWhole(rest) }),
  );
}

/** A review's decision, only on a registration still pending; false when it is not (nothing written). */
export async function decidePending(id: string, patch: Partial<Omit<RegistrationDoc, '_id'>>): Promise<boolean> {
  return updatedOne(
    await registrations()
      .where({ _id: id, state: 'pending' })
      .update({ data: setWhole(patch) }),
  );
}

/** The partyMember role of a community revoked: an approval no longer owes it (the person may have no registration). */
export async function waiveRole(communityId: string, openid: string): Promise<void> {
  await registrations()
    .where({ _id: registrationIdOf(communityId, openid), roleDue: true })
    .update({ data: { roleDue: false } });
}

/** A community's registrations in a state, oldest first, after `afterId`. */
export async function registrationsOf(communityId: string, state: RegistrationDoc['state'], afterId: string | null, limit: number): Promise<RegistrationDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId, state };
  if (afterId) where._id = _.gt(afterId);
  return parse(await registrations().where(where).orderBy('_id', 'asc').limit(limit).get());
}

/** Every approved member of a community, in pages of 1000 (the server SDK's most a read). */
export async function approvedMembers(communityId: string): Promise<RegistrationDoc[]> {
  const out: RegistrationDoc[] = [];
  for (let after: string | null = null; ;) {
    const page = await registrationsOf(communityId, 'approved', after, 1000);
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]._id;
  }
}

/**
 * The most approved members a community's screens read in one aggregation (a community has tens to
 * hundreds): their registrations, sums and stars stay well inside one answer's size at this many.
 */
export const MEMBERS_AT_MOST = 5000;

/**
 * For another repository's aggregation (a lookup): a community's approved members by id, at most
 * MEMBERS_AT_MOST, read with `parseRegistrationDocs`; with `placesOnly` only their openid, team and
 * work unit (read with `parseTeamsAndUnits`).
 */
export function approvedMembersLookup(communityId: string, as: string, placesOnly = false): Lookup {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  const pipeline: object[] = [{ $match: { communityId, state: 'approved' } }, { $sort: { _id: 1 } }, { $limit: MEMBERS_AT_MOST }];
  if (placesOnly) pipeline.push({ $project: { _id: 0, openid: 1, teamName: 1, workUnit: 1 } });
  return { from: MEMBER_REGISTRATIONS, pipeline, as };
}
export const parseRegistrationDocs = (raw: unknown[]): RegistrationDoc[] => parseDocs(registrationDocSchema, MEMBER_REGISTRATIONS, raw);
const teamAndUnitSchema = z.object({ openid: z.string(), teamName: z.nullable(z.string()), workUnit: z.string() });
export const parseTeamsAndUnits = (raw: unknown[]) => parseDocs(teamAndUnitSchema, MEMBER_REGISTRATIONS, raw);

/** A registration with what a screen needs beside it, in ONE aggregation (docWithJoins); null when there is none. */
export async function registrationWithJoins(id: string, joins: Record<string, Lookup>): Promise<{ reg: RegistrationDoc; joined: Record<string, unknown[]> } | null> {
  const found = await docWithJoins(MEMBER_REGISTRATIONS, registrationDocSchema, id, joins);
  return found && { reg: found.doc, joined: found.joined };
}

/** Pending registrations whose 7 days have passed and are not flagged yet are flagged; answers how many. */
export async function flagOverdueReviews(now: Date): Promise<number> {
  const _ = database().command;
  const res: unknown = await registrations()
    .where({ state: 'pending', overdue: false, reviewDueAt: _.lte(now) })
    .update({ data: { overdue: true, updatedAt: now } });
  const stats = typeof res === 'object' && res !== null && 'stats' in res ? (res.stats as { updated?: number }) : {};
  return stats.updated ?? 0;
}

/**
 * A registration with what a committee's decision on it needs besides, in one request: a team by
 * id (for a post), or the member's stars of a year (for scoring). Null when there is no registration.
 */
export async function registrationWith(id: string, also: { teamId: string } | { year: number }): Promise<{ reg: RegistrationDoc; team: TeamDoc | null; stars: StarDoc | null } | null> {
  // The lookup's pipeline is written as the stages the SDK's own pipeline builder sends.
  const joined =
    'teamId' in also
      ? { from: MEMBER_TEAMS, pipeline: [{ $match: { _id: also.teamId } }, { $limit: 1 }], as: 'joined' }
      : {
          from: MEMBER_STARS,
          let: { communityId: '$communityId', openid: '$openid' },
          pipeline: [{ $match: { $expr: { $and: [{ $eq: ['$communityId', '$$communityId'] }, { $eq: ['$openid', '$$openid'] }] }, year: also.year } }, { $limit: 1 }],
          as: 'joined',
        };
  const res = await registrations().aggregate().match({ _id: id }).lookup(joined).end();
  const row = (typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list[0] : undefined) as Record<string, unknown> | undefined;
  if (!row) return null;
  const { joined: found, ...doc } = row as { joined?: unknown[] };
  const other = found ?? [];
  return {
    reg: parseDocs(registrationDocSchema, MEMBER_REGISTRATIONS, [doc])[0],
    team: 'teamId' in also ? (parseDocs(teamDocSchema, MEMBER_TEAMS, other)[0] ?? null) : null,
    stars: 'year' in also ? (parseDocs(starDocSchema, MEMBER_STARS, other)[0] ?? null) : null,
  };
}

/**
 * Registrations approved between `from` and `to`, after `afterId` in id order, `limit` a page, each
 * with what `person` (another repository's lookup on its `openid`) finds: for the grantApproved job.
 */
export async function approvedBetween(from: Date, to: Date, afterId: string | null, limit: number, person: Lookup): Promise<{ reg: RegistrationDoc; person: unknown[] }[]> {
  const _ = database().command;
  const match: Record<string, unknown> = { state: 'approved', reviewedAt: _.and(_.gte(from), _.lte(to)) };
  if (afterId) match._id = _.gt(afterId);
  const rows = aggregateRows(await registrations().aggregate().match(match).sort({ _id: 1 }).limit(limit).lookup(person).end());
  return rows.map((row) => {
    const { [person.as]: found, ...doc } = row;
    return { reg: parseDocs(registrationDocSchema, MEMBER_REGISTRATIONS, [doc])[0], person: Array.isArray(found) ? found : [] };
  });
}

/** A change to an approved member's registration (post, team), only while it is approved; false when it is not. */
export async function changeApproved(id: string, patch: Partial<Omit<RegistrationDoc, '_id'>>): Promise<boolean> {
  return updatedOne(
    await registrations()
      .where({ _id: id, state: 'approved' })
      .update({ data: setWhole(patch) }),
  );
}
