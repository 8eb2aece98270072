import { Emulator } from '../../emulator/app';
import { Doc } from '../../emulator/store/types';
import { DemandDoc } from '../../server/repositories/demands';
import { demoDemand as demandDoc } from '../../server/seed/demo-demands';
import { NoticeKind } from '../../domain/notifications';
import { TEMPLATES } from '../../server/subscription-templates';
import { call } from '../helpers/app';
import { request } from '../helpers/post';
import { okCall } from './neighbourhood';

/** What the demand tests share: the seeded people and categories, photos, consents, the functions' clock. */

export const COMMUNITY = 'demo-community';
export const CAT = {
  light: 'demo-cat-stair-light',
  fireExit: 'demo-cat-fire-exit',
  noise: 'demo-cat-noise',
  leak: 'demo-cat-leak',
  policy: 'demo-cat-policy',
  parking: 'demo-cat-parking',
  errand: 'demo-cat-elder-errand',
} as const;
export const PEOPLE = {
  resident: 'demo-resident-1', // 1号楼, grid 1
  neighbour: 'demo-resident-5', // 1号楼 too
  otherBuilding: 'demo-resident-2', // 2号楼, grid 1
  grid2Resident: 'demo-resident-3', // 3号楼, grid 2
  gridWorker: 'demo-gridworker-1',
  gridWorker2: 'demo-gridworker-2',
  committee: 'demo-committee',
  admin: 'demo-admin',
  mobile: 'demo-mobile-1',
  leader: 'demo-leader-1',
  visitor: 'demo-visitor-1',
} as const;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A photo the person uploaded where the demand pages put theirs: `demand/<openid>/…`. */
export async function photo(emulator: Emulator, openid: string, name = `p${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
  return emulator.storage.store(`demand/${openid}/20261201/${name}.jpg`, Buffer.from('a jpeg, as far as anyone checks'));
}

/** One consent of each kind, on WeChat's side and ours, as the page's tap records it. */
export async function subscribe(emulator: Emulator, openid: string, kinds: NoticeKind[]): Promise<void> {
  for (let i = 0; i < kinds.length; i += 3) {
    const some = kinds.slice(i, i + 3);
    await fetch(`${emulator.url}/emulator/consents`, { method: 'POST', body: JSON.stringify({ openid, results: Object.fromEntries(some.map((k) => [TEMPLATES[k].id, 'accept'])) }) });
    await okCall(emulator, openid, 'user', 'recordConsents', { results: Object.fromEntries(some.map((k) => [k, 'accept'])) });
  }
}

export const messagesTo = (emulator: Emulator, openid: string, kind: NoticeKind) => emulator.openApi.outbox().filter((m) => m.touser === openid && m.templateId === TEMPLATES[kind].id);

/** Runs the functions' clock from `at` (POST /emulator/clock, as a walk-through does). */
export async function setClock(emulator: Emulator, at: Date | null): Promise<void> {
  const res = await request(`${emulator.url}/emulator/clock`, { body: JSON.stringify({ at: at ? at.toISOString() : null }) });
  if (res.status !== 200) throw new Error(`clock: ${res.status}`);
}

export async function demandCall(emulator: Emulator, openid: string, action: string, data?: unknown, key?: string): Promise<any> {
  return call(emulator, openid, 'demand', action, data, key);
}
export async function okDemand(emulator: Emulator, openid: string, action: string, data?: unknown, key?: string): Promise<any> {
  return okCall(emulator, openid, 'demand', action, data, key);
}

/** A plain demand from a resident of 1号楼: 楼道照明, general class, at the grid. */
export async function reportLight(emulator: Emulator, openid: string = PEOPLE.resident, extra: Record<string, unknown> = {}): Promise<any> {
  return okDemand(emulator, openid, 'report', { categoryId: CAT.light, text: '3楼楼道灯坏了一个星期，晚上上下楼看不见', ...extra });
}

export { demandDoc };

export async function seedDemand(emulator: Emulator, overrides: Partial<DemandDoc> & { at?: Date } = {}): Promise<DemandDoc> {
  const doc = demandDoc(overrides);
  await emulator.db.insert('demands', [doc as unknown as Doc]);
  return doc;
}
