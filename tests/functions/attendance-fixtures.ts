import { Emulator } from '../../emulator/app';
import { DEV_CHECKIN_SECRET, mintCheckinToken } from '../../server/checkin-token';
import { ActivityDoc } from '../../server/repositories/activities';
import { deadKeyOf } from '../../server/repositories/docs';
import { SignupDoc, liveKeyOf } from '../../server/repositories/signups';
import { newUser } from '../../server/repositories/users';
import { COMMUNITY } from './neighbourhood';
import { postJson } from '../helpers/post';

/**
 * What the check-in, hours and roster tests share. The API refuses activities in the past, and a
 * check-in happens "now"; so these put activities whose times are relative to now, and signups in
 * any state, straight into the store, shaped as the repositories' schemas say.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const ago = (ms: number) => new Date(Date.now() - ms);
export const fromNow = (ms: number) => new Date(Date.now() + ms);

/** The community hall of the demo neighbourhood, and a point about 1 km east of it. */
export const HALL = { type: 'Point' as const, coordinates: [121.3215, 31.2987] as [number, number] };
export const NEAR_HALL = { type: 'Point' as const, coordinates: [121.322, 31.299] as [number, number] };
export const ONE_KM_AWAY = { type: 'Point' as const, coordinates: [121.332, 31.2987] as [number, number] };

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** A published activity of the demo community, running from an hour ago for two hours unless told otherwise. */
export async function insertActivity(emulator: Emulator, over: Partial<ActivityDoc> = {}): Promise<ActivityDoc> {
  const startAt = over.startAt ?? ago(HOUR);
  const doc: ActivityDoc = {
    _id: uniqueId('act'),
    communityId: COMMUNITY,
    title: '周六垃圾分类督导',
    description: '在垃圾厢房旁引导居民分类投放。',
    series: 'civility',
    place: { text: '3号楼垃圾厢房', location: null, servicePointId: null },
    startAt,
    endAt: new Date(startAt.getTime() + 2 * HOUR),
    signupOpensAt: new Date(startAt.getTime() - 72 * HOUR),
    signupClosesAt: new Date(startAt.getTime() - 24 * HOUR),
    capacity: 100,
    approval: 'auto',
    audience: { kind: 'community' },
    form: { phone: 'optional', companionsMax: 2, note: 'optional' },
    shifts: [],
    cover: null,
    pointsPerHour: 1,
    checkinRadiusMetres: null,
    status: 'published',
    confirmed: 0,
    createdBy: 'demo-committee',
    createdAt: ago(96 * HOUR),
    updatedAt: ago(96 * HOUR),
    ...over,
  };
  await emulator.db.insert('activities', [doc]);
  return doc;
}

/** A shift of an activity: `n` numbers it (s1, s2, …) in the order the committee gave. */
export function shift(n: number, startAt: Date, hours: number, role = `第${n}班`): ActivityDoc['shifts'][number] {
  return { id: `s${n}`, role, startAt, endAt: new Date(startAt.getTime() + hours * HOUR), capacity: 50, hours, confirmed: 0 };
}

/** A signup of `openid` (confirmed and not yet checked in unless told otherwise). */
export async function insertSignup(emulator: Emulator, activity: ActivityDoc, openid: string, over: Partial<SignupDoc> = {}): Promise<SignupDoc> {
  const doc: SignupDoc = {
    _id: uniqueId('sig'),
    activityId: activity._id,
    shiftId: null,
    communityId: activity.communityId,
    openid,
    status: 'confirmed',
    answers: { phone: null, companions: 0, note: null },
    seats: 1,
    reason: null,
    createdAt: ago(80 * HOUR),
    decidedAt: ago(80 * HOUR),
    checkinAt: null,
    checkoutAt: null,
    hours: null,
    ...over,
  };
  // Every signup holds a unique key (no sparse indexes in CloudBase): its live key, or its own dead one.
  const live = ['pending', 'confirmed', 'waitlisted'].includes(doc.status);
  doc.liveKey = over.liveKey ?? (live ? liveKeyOf(doc.activityId, doc.shiftId, openid) : deadKeyOf(doc._id));
  await emulator.db.insert('signups', [doc]);
  return doc;
}

/** `count` new residents of the demo community (for crowds bigger than the seed's). */
export async function insertResidents(emulator: Emulator, prefix: string, count: number): Promise<string[]> {
  const openids = Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
  await emulator.db.insert(
    'users',
    openids.map((openid) => newUser(openid, new Date(), { communityId: COMMUNITY, gridId: 'demo-grid-1', buildingId: 'demo-building-1', room: '101' })),
  );
  return openids;
}

/** A check-in code as the organiser's screen shows it, minted with the functions' development secret. */
export function codeFor(activity: ActivityDoc, options: { shift?: number; issuedAt?: Date } = {}): string {
  return mintCheckinToken({ activityId: activity._id, shift: options.shift ?? 0, issuedAt: options.issuedAt ?? new Date() }, DEV_CHECKIN_SECRET).token;
}

/** A function call's answer and how many database requests it made (the emulator's `x-db-requests`). */
export async function measured(emulator: Emulator, openid: string, action: string, data: unknown): Promise<{ res: any; db: number }> {
  const reply = await postJson(`${emulator.url}/functions/activity`, { action, data }, openid);
  return { db: Number(reply.headers['x-db-requests']), res: reply.body };
}

export function signupDoc(emulator: Emulator, id: string): any {
  return emulator.db.find('signups', { _id: id })[0];
}

export function ledger(emulator: Emulator, query: Record<string, unknown> = {}): any[] {
  return emulator.db.find('hours_ledger', query, { limit: 1000 });
}
