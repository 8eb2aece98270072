import * as z from '../../domain/zod';
import { shanghaiMinute } from '../../domain/attendance';
import { ERASURE_DEADLINE_MS, Role, roleSchema } from '../../domain/people';
import { AppError } from '../../domain/result';
import { forgetCaller, rememberCaller, rememberedCaller } from '../kit/caller-cache';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Lookup, changedCount, dataOf, parseDocs, totalOf, setWhole } from './docs';

/** The only module that touches `users`. A user's _id is their openid. */
export const USERS = 'users';

const userDocSchema = z.object({
  _id: z.string(),
  displayName: z.string(),
  avatar: z.nullable(z.string()),
  realName: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  birthYear: z.nullable(z.number()),
  elderMode: z.boolean(),
  privacy: z.nullable(z.object({ version: z.string(), acceptedAt: z.date() })),
  roles: z.array(roleSchema),
  buildingId: z.nullable(z.string()),
  gridId: z.nullable(z.string()),
  communityId: z.nullable(z.string()),
  room: z.nullable(z.string()),
  /** How many building requests the user made, while each bumped it (no longer: kept for the documents that have it). */
  bindingRequests: z.optional(z.number()),
  /** When the user last withdrew the privacy consent (their real name, phone and birth year were erased then). */
  privacyWithdrawnAt: z.optional(z.nullable(z.date())),
  /** Set when the person asked to delete their account: refused from then on, erased by `user`'s timer (account-erasure.ts). */
  erasure: z.optional(z.nullable(z.object({ requestedAt: z.date(), posts: z.enum(['anonymise', 'remove']) }))),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type UserDoc = z.infer<typeof userDocSchema>;
export type UserPatch = Partial<Omit<UserDoc, '_id' | 'createdAt' | 'updatedAt'>>;

const users = () => database().collection(USERS);

export function newUser(openid: string, now: Date, fields: UserPatch = {}): UserDoc {
  return {
    _id: openid,
    displayName: `邻居${openid.slice(-4)}`,
    avatar: null,
    realName: null,
    phone: null,
    birthYear: null,
    elderMode: false,
    privacy: null,
    roles: [],
    buildingId: null,
    gridId: null,
    communityId: null,
    room: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

export async function getUser(openid: string): Promise<UserDoc | null> {
  return parseDocs(userDocSchema, USERS, dataOf(await users().where({ _id: openid }).get()))[0] ?? null;
}

/** A user exists from their first call; two first calls at once create one user. */
export async function ensureUser(openid: string, now: Date): Promise<UserDoc> {
  return (await getUser(openid)) ?? addUser(openid, now);
}

/** Creates the user of a first call, known not to exist yet; two first calls at once create one. */
export async function addUser(openid: string, now: Date): Promise<UserDoc> {
  const user = newUser(openid, now);
  try {
    await users().add({ data: user });
    return user;
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const raced = await getUser(openid);
    if (!raced) throw error;
    return raced;
  }
}

/**
 * The caller for authorisation: as this warm instance last read them (at most CALLER_TTL_MS ago),
 * else read (or created) now. `fresh` skips what is remembered: a refusal is checked against it.
 */
export async function callerUser(openid: string, now: Date, fresh = false): Promise<{ user: UserDoc; remembered: boolean }> {
  const known = fresh ? null : rememberedCaller(openid, now);
  if (known) return { user: known, remembered: true };
  const user = usable(await ensureUser(openid, now));
  rememberCaller(user, now);
  return { user, remembered: false };
}

/**
 * An account whose deletion was asked for acts no more anywhere: refused with when its data will be
 * gone. Every read of a caller passes here (never remembered, so other instances refuse it within
 * CALLER_TTL_MS).
 */
export function usable(user: UserDoc): UserDoc {
  if (!user.erasure) return user;
  const by = new Date(user.erasure.requestedAt.getTime() + ERASURE_DEADLINE_MS);
  throw new AppError('FAILED_PRECONDITION', `你的账号已申请注销，个人数据将于 ${shanghaiMinute(by)} 前删除完毕，此前不能再使用`);
}

export type { Lookup };

/**
 * A user and, in the same request, what each lookup finds (under its `as`, raw: the repository that
 * built the lookup parses them). Null when there is no such user.
 */
export async function userWith(openid: string, lookups: Lookup[]): Promise<{ user: UserDoc; found: Record<string, Record<string, unknown>[]> } | null> {
  let query = users().aggregate().match({ _id: openid });
  for (const lookup of lookups) query = query.lookup(lookup);
  const res = await query.end();
  const row = (typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list[0] : undefined) as Record<string, unknown> | undefined;
  if (!row) return null;
  const doc = { ...row };
  const found: Record<string, Record<string, unknown>[]> = {};
  for (const { as } of lookups) {
    found[as] = Array.isArray(row[as]) ? (row[as] as Record<string, unknown>[]) : [];
    delete doc[as];
  }
  return { user: parseDocs(userDocSchema, USERS, [doc])[0], found };
}

/**
 * For another collection's aggregation: a person's roles and when their document last changed, nothing
 * personal; the person `openid`, or with null the one its documents' `openid` names. Read with
 * `rolesFrom`: null when there is no such person.
 */
export function rolesLookup(openid: string | null, as: string): Lookup {
  // The pipeline is written as the stages the SDK's own pipeline builder sends.
  const pick = [{ $limit: 1 }, { $project: { _id: 0, roles: 1, updatedAt: 1 } }];
  if (openid !== null) return { from: USERS, pipeline: [{ $match: { _id: openid } }, ...pick], as };
  return { from: USERS, let: { openid: '$openid' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$openid'] } } }, ...pick], as };
}
const rolesSchema = z.object({ roles: z.array(roleSchema), updatedAt: z.date() });
export const rolesFrom = (raw: unknown[]): { roles: Role[]; updatedAt: Date } | null => parseDocs(rolesSchema, USERS, raw)[0] ?? null;

/**
 * Adds a role to a person in ONE write (kept once however often it is added), only while their
 * account's deletion was not asked for (a deleted account gets no role back). False when nothing was written.
 */
export async function grantRole(openid: string, role: Role, now: Date): Promise<boolean> {
  forgetCaller(openid);
  const _ = database().command;
  const res = await users()
    .where({ _id: openid, erasure: _.or([_.exists(false), _.eq(null)]) })
    .update({ data: { roles: _.addToSet(role), updatedAt: now } });
  return changedCount(res, 'updated') === 1;
}

export async function getUsers(openids: string[]): Promise<UserDoc[]> {
  if (openids.length === 0) return [];
  const _ = database().command;
  return parseDocs(
    userDocSchema,
    USERS,
    dataOf(
      await users()
        .where({ _id: _.in(openids) })
        .limit(openids.length)
        .get(),
    ),
  );
}

export async function updateUser(openid: string, patch: UserPatch, now: Date): Promise<void> {
  forgetCaller(openid);
  await users()
    .doc(openid)
    .update({ data: setWhole({ ...patch, updatedAt: now }) });
}

/**
 * Changes a user's own fields in one request; with `consented`, only while they have accepted that
 * version of the privacy notice (a withdrawal in between wins). False when nothing was written.
 */
export async function updateUserIf(openid: string, patch: UserPatch, now: Date, consented?: string): Promise<boolean> {
  forgetCaller(openid);
  const where = consented ? { _id: openid, 'privacy.version': consented } : { _id: openid };
  const res = await users()
    .where(where)
    .update({ data: setWhole({ ...patch, updatedAt: now }) });
  return changedCount(res, 'updated') === 1;
}

/**
 * The request to delete an account, in one write: from now on the account is refused (usable), its
 * name, phone, birth year, consent and roles are gone at once, and the timer erases the rest.
 */
export async function markErasure(openid: string, posts: 'anonymise' | 'remove', now: Date): Promise<void> {
  forgetCaller(openid);
  const _ = database().command;
  await users()
    .doc(openid)
    .update({ data: { erasure: { requestedAt: now, posts }, realName: null, phone: null, birthYear: null, privacy: null, roles: _.set([]), updatedAt: now } });
}

/** Accounts whose deletion was asked for at or before `before`, the oldest first. */
export async function accountsToErase(before: Date, limit: number): Promise<UserDoc[]> {
  const _ = database().command;
  const res = await users()
    .where({ 'erasure.requestedAt': _.lte(before) })
    .orderBy('erasure.requestedAt', 'asc')
    .limit(limit)
    .get();
  return parseDocs(userDocSchema, USERS, dataOf(res));
}

/**
 * Replaces a user's roles if the user is still as read (same `updatedAt`): two changes at once
 * cannot lose one, the later is told to read again. False when the user changed meanwhile.
 */
export async function setRolesIf(user: UserDoc, roles: Role[], now: Date): Promise<boolean> {
  forgetCaller(user._id);
  const res = await users()
    .where({ _id: user._id, updatedAt: user.updatedAt })
    .update({ data: { roles: database().command.set(roles), updatedAt: now } });
  return changedCount(res, 'updated') === 1;
}

/** Binds a user to the building of their approved request. */
export async function bindUser(openid: string, place: { buildingId: string; gridId: string; communityId: string; room: string }, now: Date): Promise<void> {
  await updateUserIf(openid, place, now);
}

export async function listMembers(filter: { communityId: string; gridId?: string; buildingId?: string }, after: string | null, limit: number): Promise<UserDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId: filter.communityId };
  if (filter.gridId) where.gridId = filter.gridId;
  if (filter.buildingId) where.buildingId = filter.buildingId;
  if (after) where._id = _.gt(after);
  return parseDocs(userDocSchema, USERS, dataOf(await users().where(where).orderBy('_id', 'asc').limit(limit).get()));
}

/** Seeding and tests write whole users. */
export async function insertUsers(docs: UserDoc[]): Promise<void> {
  for (const doc of docs) await users().add({ data: doc });
}

export async function countMembers(filter: { buildingId?: string; gridId?: string }): Promise<number> {
  const res: unknown = await users().where(filter).count();
  return totalOf(res);
}

/** Withdrawal of the privacy consent: the fields it covered are erased, the consent itself forgotten. */
export async function eraseConsentedFields(openid: string, now: Date): Promise<void> {
  forgetCaller(openid);
  await users()
    .doc(openid)
    .update({ data: { realName: null, phone: null, birthYear: null, privacy: null, privacyWithdrawnAt: now, updatedAt: now } });
}

/** The end of an account: the user document goes; their next call starts a fresh, empty one. */
export async function removeUser(openid: string): Promise<void> {
  forgetCaller(openid);
  await users().doc(openid).remove();
}

/** A scope of residents as `residentsOfScope` takes it. */
export type ResidentFilter = { communityId: string; gridIds?: string[]; buildingIds?: string[] };

export const residentSchema = z.object({ _id: z.string(), buildingId: z.string(), room: z.string() });

/** Bound residents (building and room known) of a community, optionally only some grids or buildings: a page by _id of what a household needs. */
export async function residentsOfScope(filter: ResidentFilter, after: string | null, limit: number): Promise<Pick<UserDoc, '_id' | 'buildingId' | 'room'>[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId: filter.communityId, buildingId: _.neq(null), room: _.neq(null) };
  if (filter.gridIds) where.gridId = _.in(filter.gridIds);
  if (filter.buildingIds) where.buildingId = _.in(filter.buildingIds);
  if (after) where._id = _.gt(after);
  const res = await users().where(where).field({ _id: true, buildingId: true, room: true }).orderBy('_id', 'asc').limit(limit).get();
  return parseDocs(residentSchema, USERS, dataOf(res));
}

/**
 * The people of a role in a scope, e.g. a grid's workers (`{ role: 'gridWorker', gridId }`), a
 * community's committee, the admins: at most 50, by the `roles.role` index.
 */
export async function usersWithRole(role: Partial<Role> & { role: Role['role'] }): Promise<UserDoc[]> {
  const _ = database().command;
  const res = await users()
    .where({ 'roles.role': role.role, roles: _.elemMatch(role) })
    .limit(50)
    .get();
  return parseDocs(userDocSchema, USERS, dataOf(res));
}
