import { Emulator } from '../../emulator/app';
import { Snapshot } from '../../emulator/store/database-log';
import { Doc } from '../../emulator/store/types';
import { Role } from '../../domain/people';
import { BindingDoc } from '../../server/repositories/bindings';
import { UnitDoc } from '../../server/repositories/units';
import { UserDoc, newUser } from '../../server/repositories/users';
import { call } from '../helpers/app';

/** What the function tests share: the demo neighbourhood's people, a second community, fresh fixtures. */

export const COMMUNITY = 'demo-community';
export const OTHER = { community: 'other-community', grid: 'other-grid-1', building: 'other-building-1', partner: 'other-partner-school' } as const;

/** One person of each kind the permission rules know, all from the seed except the other committee. */
export const ACTORS = {
  visitor: 'demo-visitor-1',
  resident: 'demo-resident-1',
  volunteer: 'demo-volunteer-1',
  gridWorker: 'demo-gridworker-1',
  committee: 'demo-committee',
  otherCommittee: 'other-committee',
  provider: 'demo-provider-1',
  admin: 'demo-admin',
} as const;
export type Actor = keyof typeof ACTORS;
export const LABELS: Record<Actor, string> = {
  visitor: 'a visitor',
  resident: 'a resident',
  volunteer: 'a volunteer',
  gridWorker: 'a grid worker',
  committee: 'a committee member of this community',
  otherCommittee: 'a committee member of another community',
  provider: 'a service provider',
  admin: 'a street admin',
};

/** A phone number anywhere in a text: a whole one, not eleven digits inside a random id or a token. */
export const PHONE = /(?<![0-9A-Za-z_-])1[3-9]\d{9}(?![0-9A-Za-z_-])/g;
/** What everyone but the user and their committee sees: 138****1234. */
export const MASKED_PHONE = /^1[3-9]\d\*{4}\d{4}$/;

const at = () => new Date();

export function person(openid: string, fields: Partial<UserDoc> = {}): UserDoc {
  return newUser(openid, at(), fields);
}

export function resident(openid: string, buildingId: string, gridId: string, communityId = COMMUNITY, extra: Partial<UserDoc> = {}): UserDoc {
  return person(openid, { buildingId, gridId, communityId, room: '101', ...extra });
}

export async function addPeople(emulator: Emulator, people: UserDoc[]): Promise<void> {
  await emulator.db.insert('users', people);
}

export function unit(id: string, kind: UnitDoc['kind'], name: string, parentId: string | null, communityId: string | null): UnitDoc {
  return { _id: id, kind, name, parentId, communityId, archived: false, createdAt: at(), updatedAt: at() };
}

/** A second community under the same street, with its own grid, building, co-building unit and committee member. */
export async function addOtherCommunity(emulator: Emulator): Promise<void> {
  await emulator.db.insert('units', [
    unit(OTHER.community, 'community', '隔壁居民区', 'demo-street', OTHER.community),
    unit(OTHER.grid, 'grid', '隔壁第1微网格', OTHER.community, OTHER.community),
    unit(OTHER.building, 'building', '隔壁1号楼', OTHER.grid, OTHER.community),
  ]);
  await emulator.db.insert('partners', [{ _id: OTHER.partner, name: '隔壁小学', kind: 'school', communityId: OTHER.community, createdAt: at() }]);
  const committee: Role = { role: 'committee', communityId: OTHER.community };
  await addPeople(emulator, [
    resident(ACTORS.otherCommittee, OTHER.building, OTHER.grid, OTHER.community, { roles: [committee], phone: '13900009999' }),
    resident('other-resident-1', OTHER.building, OTHER.grid, OTHER.community, { phone: '13900008888' }),
  ]);
}

/** An empty building, fit to be archived. */
export async function addBuilding(emulator: Emulator, id: string, gridId = 'demo-grid-1'): Promise<void> {
  await emulator.db.insert('units', [unit(id, 'building', `${id}号楼`, gridId, COMMUNITY)]);
}

/** A newcomer (created if needed) with a pending request for a demo building. */
export async function addPendingBinding(emulator: Emulator, id: string, openid: string, buildingId = 'demo-building-2', gridId = 'demo-grid-1'): Promise<void> {
  if (emulator.db.count('users', { _id: openid }) === 0) await addPeople(emulator, [person(openid)]);
  const binding: BindingDoc = {
    _id: id,
    openid,
    buildingId,
    gridId,
    communityId: COMMUNITY,
    room: '1801',
    status: 'pending',
    reason: null,
    reviewedBy: null,
    reviewedAt: null,
    createdAt: at(),
  };
  await emulator.db.insert('bindings', [binding]);
}

/** Every document of every collection: to show a refused call wrote nothing. */
export function everything(emulator: Emulator): Record<string, Doc[]> {
  return Object.fromEntries(emulator.db.collectionNames().map((name) => [name, emulator.db.find(name, {}, { limit: 1000 })]));
}

/**
 * The database as it stands, for `expectNothingWritten`: the store's write sequence and its stored
 * documents themselves, not copies. The store replaces a document on every write and never changes
 * one in place, so these keep what was there; taking them costs nothing, where a copy of every
 * document before and after each cell of a table grows with all the cells before it.
 */
export function stateOf(emulator: Emulator): Snapshot {
  return emulator.db.snapshot();
}

/** Nothing was written since `before`: no write was committed (every write moves the sequence), or every collection still holds what it held. */
export function expectNothingWritten(emulator: Emulator, before: Snapshot): void {
  const after = emulator.db.snapshot();
  if (after.seq === before.seq) return;
  const docs = (state: Snapshot) => Object.fromEntries(state.collections.map((c) => [c.name, c.docs]));
  expect(docs(after)).toEqual(docs(before));
}

export function audits(emulator: Emulator, query: Doc = {}): Doc[] {
  return emulator.db.find('audit_log', query, { limit: 1000 });
}

/** The data of a call that must succeed; its error otherwise, so a failure reads well. */
export async function okCall(emulator: Emulator, openid: string, fn: string, action: string, data?: unknown, key?: string): Promise<any> {
  const res = await call(emulator, openid, fn, action, data, key);
  if (!res.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${JSON.stringify(res.error ?? res)}`);
  return res.data;
}
