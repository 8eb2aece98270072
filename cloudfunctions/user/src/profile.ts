import { Binding, Profile } from '../../../domain/people';
import { AppError } from '../../../domain/result';
import { BindingDoc, latestBindingOf } from '../../../server/repositories/bindings';
import { RequestContext } from '../../../server/kit/router';
import { UnitDoc } from '../../../server/repositories/units';
import { UserDoc, ensureUser, getUsers, profileReading } from '../../../server/repositories/users';
import { PlaceWithDocs, placeAmong, placeNames, placeOfBuilding } from '../../../server/places';

/** A user as they see themselves: everything of theirs, unmasked, with their place in the tree. */
export async function profileOf(user: UserDoc): Promise<Profile> {
  // A building archived or removed since the binding leaves the user a visitor, not an error.
  const place = user.buildingId ? await placeOfBuilding(user.buildingId, user).catch(visitorWhenGone) : null;
  return assemble(user, place, await latestBindingOf(user._id), []);
}

/**
 * `me`: the caller as they are now (not as an instance remembers them), their place and their latest
 * binding request, in one request (profileReading); one more only to name the building of a binding
 * request still open. An account deleted meanwhile starts afresh, as on any first call.
 */
export async function myProfile(ctx: RequestContext): Promise<Profile> {
  const reading = await profileReading(ctx.openid);
  if (!reading) return profileOf(await ensureUser(ctx.openid, ctx.now));
  const { user, units, latestBinding } = reading;
  let place: PlaceWithDocs | null = null;
  if (user.buildingId) {
    try {
      place = placeAmong(user.buildingId, units);
    } catch (error) {
      place = visitorWhenGone(error);
    }
  }
  return assemble(user, place, latestBinding, units);
}

function visitorWhenGone(error: unknown): null {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
  throw error;
}

async function assemble(user: UserDoc, place: PlaceWithDocs | null, latest: BindingDoc | null, known: UnitDoc[]): Promise<Profile> {
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
    latestBinding: open ? (await bindingsView([open], { users: [user], units: known }))[0] : null,
    // from the unit documents the place was read from: no further read
    contacts: place
      ? [
          ...(place.communityDoc.contact ? [{ role: '居委会', name: `${place.community.name}居委会`, phone: place.communityDoc.contact.phone }] : []),
          ...(place.gridDoc.contact ? [{ role: `${place.grid.name}网格员`, name: place.gridDoc.contact.name, phone: place.gridDoc.contact.phone }] : []),
        ]
      : [],
  };
}

/** Bindings as the API shows them, with names for their places and requesters. */
export async function bindingsView(docs: BindingDoc[], known: { users?: UserDoc[]; units?: UnitDoc[] } = {}): Promise<Binding[]> {
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
