import { Emulator } from '../../emulator/app';
import { ActivityFields } from '../../domain/activities';
import { okCall } from './neighbourhood';
import { postJson } from '../helpers/post';
import { holderKeyOf } from '../../server/repositories/activity-seats';
import { liveKeyOf } from '../../server/repositories/signups';

/** What the activity tests share: an activity open for signup now, and calls that report their database cost. */

export const COMMITTEE = 'demo-committee';
const HOUR = 3600_000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

/**
 * A community activity whose signup opened an hour ago and closes tomorrow; it starts the day
 * after. No phone, no note, no companions unless the test says otherwise.
 */
export function activityFields(overrides: Partial<ActivityFields> = {}): ActivityFields {
  return {
    title: '垃圾分类亲子课堂',
    description: '周六上午在活动室，带孩子一起学垃圾分类。',
    series: 'civility',
    place: { text: '居民区活动室' },
    startAt: iso(48 * HOUR),
    endAt: iso(50 * HOUR),
    signupOpensAt: iso(-HOUR),
    signupClosesAt: iso(24 * HOUR),
    capacity: 50,
    approval: 'auto',
    audience: { kind: 'community' },
    form: { phone: 'off', companionsMax: 0, note: 'off' },
    shifts: [],
    ...overrides,
  };
}

/** The committee publishes an activity in the demo community; returns its id. */
export async function publish(emulator: Emulator, overrides: Partial<ActivityFields> = {}, communityId = 'demo-community', as = COMMITTEE): Promise<string> {
  const activity = await okCall(emulator, as, 'activity', 'create', { communityId, fields: activityFields(overrides) });
  return activity.id;
}

export interface Measured {
  /** The envelope: `{ ok, data }` or `{ ok, error }`. */
  res: any;
  /** Database requests the call made (header `x-db-requests`). */
  db: number;
  /** Milliseconds from sending to the parsed answer. */
  ms: number;
}

/** Calls a function like the mini-program does and reads how many database requests it made. */
export async function measuredCall(emulator: Emulator | { url: string }, openid: string, fn: string, action: string, data?: unknown, idempotencyKey?: string): Promise<Measured> {
  const started = performance.now();
  const reply = await postJson(`${emulator.url}/functions/${fn}`, { action, data, ...(idempotencyKey ? { idempotencyKey } : {}) }, openid);
  return { res: reply.body, db: Number(reply.headers['x-db-requests']), ms: performance.now() - started };
}

/** Signups of an activity straight from the store, in waitlist order (created first, then id). */
export function signupDocs(emulator: Emulator, activityId: string, query: Record<string, unknown> = {}): any[] {
  return emulator.db.find('signups', { activityId, ...query }, { limit: 1000 }).sort((a: any, b: any) => a.createdAt.getTime() - b.createdAt.getTime() || String(a._id).localeCompare(String(b._id)));
}

export function activityDoc(emulator: Emulator, activityId: string): any {
  return emulator.db.find('activities', { _id: activityId })[0];
}

/** The counters and holders agree with the confirmed signups, for the activity and each shift. */
export function expectSeatsConsistent(emulator: Emulator, activityId: string): void {
  const doc = activityDoc(emulator, activityId);
  const confirmed = signupDocs(emulator, activityId, { status: 'confirmed' });
  const seatsOf = (shiftId: string | null) => confirmed.filter((s) => s.shiftId === shiftId).reduce((n: number, s: any) => n + s.seats, 0);
  expect({ confirmed: doc.confirmed, seatsLeft: doc.seatsLeft }).toEqual({ confirmed: seatsOf(null), seatsLeft: doc.capacity - seatsOf(null) });
  for (const shift of doc.shifts) {
    expect({ shift: shift.id, confirmed: shift.confirmed, seatsLeft: shift.seatsLeft }).toEqual({ shift: shift.id, confirmed: seatsOf(shift.id), seatsLeft: shift.capacity - seatsOf(shift.id) });
  }
  const holders = Object.entries(doc.holders ?? {})
    .map(([key, h]: [string, any]) => [key, h.id, h.seats])
    .sort();
  const expected = confirmed.map((s) => [holderKeyOf(liveKeyOf(activityId, s.shiftId, s.openid)), s._id, s.seats]).sort();
  expect(holders).toEqual(expected);
}
