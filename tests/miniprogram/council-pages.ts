/**
 * What the consultation page stories share: the demo people (and which of them share a household),
 * the functions started before the first page opens, and a building of households the stories add
 * when a topic needs more supports than 1号楼 has households.
 */
import type { Emulator } from '../../emulator/app';
import { call } from '../helpers/app';
import { addHouseholds } from '../functions/council-fixtures';
import { DEMO_COUNCIL } from '../../server/seed/demo-council';

export const COUNCIL = DEMO_COUNCIL;

export const PEOPLE = {
  /** 1号楼 501 (demo seed: resident i=4). */
  resident: 'demo-resident-5',
  /** 1号楼 501 too (i=16): the same household as `resident`. */
  sameRoom: 'demo-resident-17',
  /** 1号楼 101, proposer of 楼道堆物清理 and convener of 1号楼楼道自治小组. */
  proposer: 'demo-resident-1',
  /** 2号楼: outside 1号楼楼道自治小组's scope. */
  otherBuilding: 'demo-resident-2',
  committee: 'demo-committee',
} as const;

/** Starts `council`, `user` and `community` before the first page, so no page waits on a cold start within its settle time. */
export function warmCouncil(getEmulator: () => Emulator): void {
  beforeAll(async () => {
    const emulator = getEmulator();
    await Promise.all([
      call(emulator, PEOPLE.resident, 'user', 'me', {}),
      call(emulator, PEOPLE.resident, 'council', 'bodies', { communityId: 'demo-community' }),
      call(emulator, PEOPLE.resident, 'community', 'tree', {}),
    ]);
  }, 60_000);
}

/**
 * A new building of `households` one-person households in grid 1, and a working committee over it
 * (saved by the committee through the function): a body whose topics can reach 10 supports.
 */
export async function streetOfHouseholds(emulator: Emulator, buildingId: string, households: number, name: string): Promise<{ bodyId: string; people: string[] }> {
  const byHousehold = await addHouseholds(emulator, buildingId, households);
  const saved = await call(emulator, PEOPLE.committee, 'council', 'saveBody', {
    communityId: 'demo-community',
    parentId: COUNCIL.council,
    kind: 'workingCommittee',
    name,
    scope: { kind: 'buildings', ids: [buildingId] },
    convener: byHousehold[0][0],
    members: [],
  });
  if (!saved.ok) throw new Error(`saveBody: ${saved.error.message}`);
  return { bodyId: saved.data.id, people: byHousehold.map((h) => h[0]) };
}

/** Supports `topicId` as each of `people`, through the function. */
export async function supportAs(emulator: Emulator, topicId: string, people: readonly string[]): Promise<void> {
  for (const openid of people) {
    const res = await call(emulator, openid, 'council', 'support', { topicId });
    if (!res.ok) throw new Error(`support as ${openid}: ${res.error.message}`);
  }
}
