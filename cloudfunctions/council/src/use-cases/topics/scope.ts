import { Scope, householdKey } from '../../../../../domain/council';
import { AppError } from '../../../../../domain/result';
import { UserDoc, residentsOfScope } from '../../../../../server/repositories/users';

/** Who lives in a body's scope: bound residents of the community, of some grids or of some buildings. */

export function inScope(user: UserDoc, communityId: string, scope: Scope): boolean {
  if (user.communityId !== communityId || !user.buildingId || !user.room) return false;
  if (scope.kind === 'grids') return user.gridId !== null && scope.ids.includes(user.gridId);
  if (scope.kind === 'buildings') return scope.ids.includes(user.buildingId);
  return true;
}

/** The caller's household, or PERMISSION_DENIED saying why they have none here. */
export function householdOf(user: UserDoc, communityId: string, scope: Scope, what: string): string {
  if (!inScope(user, communityId, scope) || !user.buildingId || !user.room) {
    throw new AppError('PERMISSION_DENIED', `只有本议事范围内已绑定房屋的居民可以${what}`);
  }
  return householdKey(user.buildingId, user.room);
}

export interface ScopeResident {
  openid: string;
  household: string;
}

/** Residents are read in pages of this many (the first page may come in another read: `residentsOfScopeLookup`). */
export const RESIDENTS_PAGE = 1000;

type ResidentRow = Pick<UserDoc, '_id' | 'buildingId' | 'room'>;

/** Every bound resident of the scope now, read in pages of 1,000; `firstPage`: the first page, when a read already brought it. */
export async function residentsOf(communityId: string, scope: Scope, firstPage?: ResidentRow[]): Promise<ScopeResident[]> {
  const filter = { communityId, gridIds: scope.kind === 'grids' ? scope.ids : undefined, buildingIds: scope.kind === 'buildings' ? scope.ids : undefined };
  const out: ScopeResident[] = [];
  let page: ResidentRow[] = firstPage ?? (await residentsOfScope(filter, null, RESIDENTS_PAGE));
  for (;;) {
    for (const r of page) if (r.buildingId && r.room) out.push({ openid: r._id, household: householdKey(r.buildingId, r.room) });
    if (page.length < RESIDENTS_PAGE) return out;
    page = await residentsOfScope(filter, page[page.length - 1]._id, RESIDENTS_PAGE);
  }
}
