import { Level } from '../../../domain/demands/model';
import { usersWithRole } from '../../../server/repositories/users';

/** The people of a level of a demand: its grid's workers, its community's committee, the street's admins. */
export async function peopleOfLevel(level: Level, communityId: string, gridId: string): Promise<string[]> {
  const people =
    level === 'grid'
      ? await usersWithRole({ role: 'gridWorker', communityId, gridId })
      : level === 'community'
        ? await usersWithRole({ role: 'committee', communityId })
        : await usersWithRole({ role: 'admin' });
  return people.map((u) => u._id);
}

/** The same, remembered for one timer run (many demands of a grid rise at once). */
export function levelPeopleCache(): (level: Level, communityId: string, gridId: string) => Promise<string[]> {
  const seen = new Map<string, Promise<string[]>>();
  return (level, communityId, gridId) => {
    const key = level === 'grid' ? `g|${communityId}|${gridId}` : level === 'community' ? `c|${communityId}` : 's';
    if (!seen.has(key)) seen.set(key, peopleOfLevel(level, communityId, gridId));
    return seen.get(key)!;
  };
}
