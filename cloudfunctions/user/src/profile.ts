import { Binding, Profile } from '../../../domain/people';
import { AppError } from '../../../domain/result';
import { BindingDoc, bindingsFound, latestBindingLookup } from '../../../server/repositories/bindings';
import { rememberCaller } from '../../../server/kit/caller-cache';
import { RequestContext } from '../../../server/kit/router';
import { UnitDoc, placeLookup, unitsFound } from '../../../server/repositories/units';
import { UserDoc, addUser, getUsers, usable, userWith } from '../../../server/repositories/users';
import { PlaceWithDocs, placeAmong, placeNames } from '../../../server/places';

/** The caller, their place and their latest binding request, as read together. */
export interface ProfileReading {
  user: UserDoc;
  units: UnitDoc[];
  latestBinding: BindingDoc | null;
}

/**
 * The `user` function's own read of its caller (`readCaller` in index.ts): the person as they are
 * now, the units of their place and their latest binding request with the names of its building
 * and grid, in one request; a first call adds the new user's insert. An account whose deletion was
 * asked for is refused (usable).
 */
export async function readProfile(openid: string, now: Date): Promise<{ user: UserDoc; reading: ProfileReading }> {
  const found = await userWith(openid, [placeLookup('place'), latestBindingLookup(openid, 'latest')]);
  const user = usable(found ? found.user : await addUser(openid, now));
  // Read afresh: the instance may remember them for its other actions, as the router would.
  rememberCaller(user, now);
  if (!found) return { user, reading: { user, units: [], latestBinding: null } };
  const latest = bindingsFound(found.found.latest);
  const units = unitsFound(found.found.place);
  return { user, reading: { user, units: [...units, ...latest.units.filter((u) => !units.some((o) => o._id === u._id))], latestBinding: latest.bindings[0] ?? null } };
}

/** What readProfile read for this call. */
export function readingOf(ctx: RequestContext): ProfileReading {
  const reading = ctx.reading as ProfileReading | undefined;
  if (!reading || reading.user._id !== ctx.openid) throw new Error('the action needs readProfile as its caller reader');
  return reading;
}

/** `me`: the caller as they are now, in the one request readProfile made. */
export async function myProfile(ctx: RequestContext): Promise<Profile> {
  const { user, units, latestBinding } = readingOf(ctx);
  return profileFrom(user, units, latestBinding);
}

/** A user as they see themselves: everything of theirs, unmasked, with their place in the tree. */
export async function profileFrom(user: UserDoc, units: UnitDoc[], latest: BindingDoc | null): Promise<Profile> {
  let place: PlaceWithDocs | null = null;
  // A building archived or removed since the binding leaves the user a visitor, not an error.
  if (user.buildingId) {
    try {
      place = placeAmong(user.buildingId, units);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  // Once approved (or replaced) a request is history; waiting and rejected ones are news to the user.
  const open = latest && (latest.status === 'pending' || latest.status === 'rejected') ? latest : null;
  return {
    openid: user._id,
    displayName: user.displayName,
    avatar: user.avatar,
    realName: user.realName,
    phone: user.phone,
    birthYear: user.birthYear,
    elderMode: user.elderMode,
    privacy: user.privacy ? { version: user.privacy.version, acceptedAt: user.privacy.acceptedAt.toISOString() } : null,
    status: place ? 'resident' : 'visitor',
    roles: user.roles,
    room: place ? user.room : null,
    building: place?.building ?? null,
    grid: place?.grid ?? null,
    community: place?.community ?? null,
    street: place?.street ?? null,
    latestBinding: open ? (await bindingsView([open], { users: [user], units }))[0] : null,
    // from the unit documents the place was read from: no further read
    contacts: place
      ? [
          ...(place.communityDoc.contact ? [{ role: '居委会', name: `${place.community.name}居委会`, phone: place.communityDoc.contact.phone }] : []),
          ...(place.gridDoc.contact ? [{ role: `${place.grid.name}网格员`, name: place.gridDoc.contact.name, phone: place.gridDoc.contact.phone }] : []),
        ]
      : [],
  };
}

/** Bindings as the API shows them, with names for their places and requesters; what is known already is not read again. */
export async function bindingsView(docs: BindingDoc[], known: { users?: Pick<UserDoc, '_id' | 'displayName'>[]; units?: UnitDoc[] } = {}): Promise<Binding[]> {
  const knownUnits = new Map((known.units ?? []).map((u) => [u._id, { id: u._id, name: u.name }]));
  const unitIds = [...new Set(docs.flatMap((d) => [d.buildingId, d.gridId]))].filter((id) => !knownUnits.has(id));
  const names = new Map([...knownUnits, ...(unitIds.length ? await placeNames(unitIds) : [])]);
  const knownUsers = known.users ?? [];
  const openids = [...new Set(docs.map((d) => d.openid))].filter((id) => !knownUsers.some((u) => u._id === id));
  const people = new Map([...knownUsers, ...(openids.length ? await getUsers(openids) : [])].map((u) => [u._id, u.displayName]));
  return docs.map((d) => ({
    id: d._id,
    openid: d.openid,
    displayName: people.get(d.openid) ?? '',
    building: names.get(d.buildingId) ?? { id: d.buildingId, name: '' },
    grid: names.get(d.gridId) ?? { id: d.gridId, name: '' },
    communityId: d.communityId,
    room: d.room,
    status: d.status,
    reason: d.reason,
    createdAt: d.createdAt.toISOString(),
    reviewedAt: d.reviewedAt ? d.reviewedAt.toISOString() : null,
  }));
}
