import { Binding, Profile } from '../../../domain/people';
import { AppError } from '../../../domain/result';
import { BindingDoc, latestBindingOf } from '../../../server/repositories/bindings';
import { UserDoc, getUsers } from '../../../server/repositories/users';
import { placeNames, placeOfBuilding } from '../../../server/places';

/** A user as they see themselves: everything of theirs, unmasked, with their place in the tree. */
export async function profileOf(user: UserDoc): Promise<Profile> {
  // A building archived or removed since the binding leaves the user a visitor, not an error.
  const place = user.buildingId
    ? await placeOfBuilding(user.buildingId, user).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      })
    : null;
  const latest = await latestBindingOf(user._id);
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
    latestBinding: open ? (await bindingsView([open]))[0] : null,
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
export async function bindingsView(docs: BindingDoc[]): Promise<Binding[]> {
  const names = await placeNames(docs.flatMap((d) => [d.buildingId, d.gridId]));
  const people = new Map((await getUsers([...new Set(docs.map((d) => d.openid))])).map((u) => [u._id, u.displayName]));
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
