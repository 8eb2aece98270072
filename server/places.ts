import { AppError } from '../domain/result';
import { UnitDoc, getUnits } from './repositories/units';

export interface PlaceRef {
  id: string;
  name: string;
}
export interface Place {
  building: PlaceRef;
  grid: PlaceRef;
  community: PlaceRef;
  street: PlaceRef | null;
}

/** A place with the unit documents it was read from (their contacts, location), at no further read. */
export type PlaceWithDocs = Place & { buildingDoc: UnitDoc; gridDoc: UnitDoc; communityDoc: UnitDoc };

const ref = (doc: UnitDoc): PlaceRef => ({ id: doc._id, name: doc.name });

/**
 * A building with the grid, community and street above it; NOT_FOUND unless it is a live building.
 * When the caller already knows the grid and community (a user's document does), it costs two reads.
 */
export async function placeOfBuilding(buildingId: string, known: { gridId?: string | null; communityId?: string | null } = {}): Promise<PlaceWithDocs> {
  const first = await getUnits([buildingId, known.gridId ?? '', known.communityId ?? ''].filter(Boolean));
  const building = first.find((u) => u._id === buildingId);
  if (!building || building.kind !== 'building' || building.archived) throw new AppError('NOT_FOUND', '没有找到这个楼组');
  const missing = [building.parentId, building.communityId].filter((id): id is string => !!id && !first.some((u) => u._id === id));
  const units = missing.length ? [...first, ...(await getUnits(missing))] : first;
  const community = units.find((u) => u._id === building.communityId);
  const [street] = community?.parentId ? await getUnits([community.parentId]) : [];
  return placeAmong(buildingId, street ? [...units, street] : units);
}

/** A building's place from units already read (the building, its grid, community and street); NOT_FOUND as placeOfBuilding. */
export function placeAmong(buildingId: string, units: UnitDoc[]): PlaceWithDocs {
  const building = units.find((u) => u._id === buildingId);
  if (!building || building.kind !== 'building' || building.archived) throw new AppError('NOT_FOUND', '没有找到这个楼组');
  const grid = units.find((u) => u._id === building.parentId);
  const community = units.find((u) => u._id === building.communityId);
  if (!grid || !community) throw new AppError('NOT_FOUND', '这个楼组不属于任何居民区');
  const street = community.parentId ? units.find((u) => u._id === community.parentId) : undefined;
  return { building: ref(building), grid: ref(grid), community: ref(community), street: street ? ref(street) : null, buildingDoc: building, gridDoc: grid, communityDoc: community };
}

/** Names for many unit ids at once (one read), for lists. */
export async function placeNames(ids: (string | null)[]): Promise<Map<string, PlaceRef>> {
  const docs = await getUnits(ids.filter((id): id is string => !!id));
  return new Map(docs.map((d) => [d._id, ref(d)]));
}
