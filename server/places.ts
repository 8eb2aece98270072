import { AppError } from '../domain/result';
import { UnitDoc, getUnit, getUnits } from './repositories/units';

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

const ref = (doc: UnitDoc): PlaceRef => ({ id: doc._id, name: doc.name });

/** A building with the grid, community and street above it; NOT_FOUND unless it is a live building. */
export async function placeOfBuilding(buildingId: string): Promise<Place & { buildingDoc: UnitDoc }> {
  const building = await getUnit(buildingId);
  if (!building || building.kind !== 'building' || building.archived) throw new AppError('NOT_FOUND', '没有找到这个楼组');
  const [grid] = await getUnits([building.parentId ?? '']);
  const [community] = await getUnits([building.communityId ?? '']);
  if (!grid || !community) throw new AppError('NOT_FOUND', '这个楼组不属于任何居民区');
  const [street] = community.parentId ? await getUnits([community.parentId]) : [];
  return { building: ref(building), grid: ref(grid), community: ref(community), street: street ? ref(street) : null, buildingDoc: building };
}

/** Names for many unit ids at once (one read), for lists. */
export async function placeNames(ids: (string | null)[]): Promise<Map<string, PlaceRef>> {
  const docs = await getUnits(ids.filter((id): id is string => !!id));
  return new Map(docs.map((d) => [d._id, ref(d)]));
}
