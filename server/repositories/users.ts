import * as z from '../../domain/zod';
import { Role, roleSchema } from '../../domain/people';
import { forgetCaller, rememberCaller, rememberedCaller } from '../kit/caller-cache';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Tx } from '../kit/transaction';
import { BINDINGS, BindingDoc, parseBindingDocs } from './bindings';
import { UNITS, UnitDoc, parseUnitDocs } from './units';
import { dataOf, parseDocs, readInTransaction, totalOf, setWhole } from './docs';

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
  /** How many building requests the user has made; each request bumps it in its transaction (see touchInTransaction). */
  bindingRequests: z.optional(z.number()),
  /** When the user last withdrew the privacy consent (their real name, phone and birth year were erased then). */
  privacyWithdrawnAt: z.optional(z.nullable(z.date())),
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
  const existing = await getUser(openid);
  if (existing) return existing;
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
  const user = await ensureUser(openid, now);
  rememberCaller(user, now);
  return { user, remembered: false };
}

/**
 * A user as they see themselves, in one request: their document read now, the units of their
 * place (building, grid, community, and the community's street) and their latest binding request.
 * Null when there is no such user.
 */
export async function profileReading(openid: string): Promise<{ user: UserDoc; units: UnitDoc[]; latestBinding: BindingDoc | null } | null> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  const res = await users()
    .aggregate()
    .match({ _id: openid })
    .lookup({
      from: UNITS,
      let: { place: ['$buildingId', '$gridId', '$communityId'] },
      pipeline: [
        { $match: { $expr: { $in: ['$_id', '$$place'] } } },
        { $limit: 3 },
        { $lookup: { from: UNITS, let: { parent: '$parentId' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$parent'] }, kind: 'street' } }, { $limit: 1 }], as: 'street' } },
      ],
      as: 'place',
    })
    .lookup({ from: BINDINGS, pipeline: [{ $match: { openid } }, { $sort: { createdAt: -1, _id: -1 } }, { $limit: 1 }], as: 'latestBinding' })
    .end();
  const row = (typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list[0] : undefined) as Record<string, unknown> | undefined;
  if (!row) return null;
  const { place, latestBinding, ...doc } = row as { place?: Record<string, unknown>[]; latestBinding?: unknown[] };
  const found = (place ?? []).flatMap(({ street, ...unit }) => [unit, ...(Array.isArray(street) ? street : [])]);
  return {
    user: parseDocs(userDocSchema, USERS, [doc])[0],
    units: parseUnitDocs(found),
    latestBinding: parseBindingDocs(latestBinding ?? [])[0] ?? null,
  };
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

/** A user read inside a transaction: a later write to them conflicts with any other writer. */
export async function getUserInTransaction(tx: Tx, openid: string): Promise<UserDoc | null> {
  return readInTransaction(tx, USERS, openid, userDocSchema);
}

/** Replaces a user's roles inside the transaction that read them, so two changes at once cannot lose one. */
export async function setRolesInTransaction(tx: Tx, openid: string, roles: Role[], now: Date): Promise<void> {
  forgetCaller(openid);
  await tx
    .collection(USERS)
    .doc(openid)
    .update({ data: { roles: database().command.set(roles), updatedAt: now } });
}

/**
 * Writes the user in a transaction so that two of their own requests at once conflict. The counter
 * always changes the document: a write that changes nothing (updatedAt set to the value it has
 * when the user was created in the same call) takes no lock and would let both through.
 */
export async function touchInTransaction(tx: Tx, openid: string, now: Date): Promise<void> {
  await tx
    .collection(USERS)
    .doc(openid)
    .update({ data: { bindingRequests: database().command.inc(1), updatedAt: now } });
}

/** Binds a user to their building inside the approving transaction. */
export async function bindInTransaction(tx: Tx, openid: string, place: { buildingId: string; gridId: string; communityId: string; room: string }, now: Date): Promise<void> {
  forgetCaller(openid);
  await tx
    .collection(USERS)
    .doc(openid)
    .update({ data: { ...place, updatedAt: now } });
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

/** A scope of residents as `residentsOfScope` takes it. */
type ResidentFilter = { communityId: string; gridIds?: string[]; buildingIds?: string[] };

function residentsMatch(filter: ResidentFilter): Record<string, unknown> {
  // Written as the stages the SDK's own pipeline builder sends.
  const match: Record<string, unknown> = { communityId: filter.communityId, buildingId: filter.buildingIds ? { $in: filter.buildingIds } : { $ne: null }, room: { $ne: null } };
  if (filter.gridIds) match.gridId = { $in: filter.gridIds };
  return match;
}

/** For another repository's aggregation (a lookup): the first page of `residentsOfScope`, read with `parseResidents`. */
export function residentsLookup(filter: ResidentFilter, limit: number, as: string): Record<string, unknown> {
  return { from: USERS, pipeline: [{ $match: residentsMatch(filter) }, { $sort: { _id: 1 } }, { $limit: limit }, { $project: { _id: 1, buildingId: 1, room: 1 } }], as };
}

const residentSchema = z.object({ _id: z.string(), buildingId: z.string(), room: z.string() });
export const parseResidents = (raw: unknown[]): Pick<UserDoc, '_id' | 'buildingId' | 'room'>[] => parseDocs(residentSchema, USERS, raw);

/** For another repository's aggregation (a lookup): how many households (building and room) the scope's residents live in, as `[{ n }]`. */
export function householdsCountLookup(filter: ResidentFilter, as: string): Record<string, unknown> {
  return { from: USERS, pipeline: [{ $match: residentsMatch(filter) }, { $group: { _id: { building: '$buildingId', room: '$room' } } }, { $count: 'n' }], as };
}

/**
 * For another repository's aggregation (a lookup) on a consultation body or anything with the same
 * `communityId` and `scope` (community, some grids, some buildings): how many households its bound
 * residents live in, as `[{ n }]`.
 */
export function householdsOfScopeLookup(as: string): Record<string, unknown> {
  const present = (field: string) => ({ $ne: [{ $ifNull: [field, null] }, null] });
  const ids = { $ifNull: ['$$scope.ids', []] };
  const inScope = {
    $or: [
      { $eq: ['$$scope.kind', 'community'] },
      { $and: [{ $eq: ['$$scope.kind', 'grids'] }, { $in: [{ $ifNull: ['$gridId', null] }, ids] }] },
      { $and: [{ $eq: ['$$scope.kind', 'buildings'] }, { $in: [{ $ifNull: ['$buildingId', null] }, ids] }] },
    ],
  };
  const match = { $expr: { $and: [{ $eq: ['$communityId', '$$community'] }, present('$buildingId'), present('$room'), inScope] } };
  return { from: USERS, let: { community: '$communityId', scope: '$scope' }, pipeline: [{ $match: match }, { $group: { _id: { building: '$buildingId', room: '$room' } } }, { $count: 'n' }], as };
}

/** For another repository's aggregation (a lookup): of `openids`, who exists and in which community, read with `parseCommunitiesOf`. */
export function communitiesOfLookup(openids: string[], as: string): Record<string, unknown> {
  return { from: USERS, pipeline: [{ $match: { _id: { $in: openids } } }, { $limit: openids.length }, { $project: { _id: 1, communityId: 1 } }], as };
}

export const parseCommunitiesOf = (raw: unknown[]): Pick<UserDoc, '_id' | 'communityId'>[] => parseDocs(z.object({ _id: z.string(), communityId: z.nullable(z.string()) }), USERS, raw);

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
