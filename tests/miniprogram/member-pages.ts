/**
 * What the party member page stories share: the demo's people, the clock on the Monday the demo's
 * bin-station shifts begin (phone and functions together), a resident made an approved member the
 * way the committee does it, and the committee's live check-in code for a task, as scanned.
 */
import type { Emulator } from '../../emulator/app';
import { call } from '../helpers/app';
import { liveAt } from './demand-pages';

export const PEOPLE = {
  member: 'demo-member-1',
  /** Bound to a building, not yet a member. */
  applicant: 'demo-resident-5',
  /** A second member for the last place and the swap (approved in the story's setup). */
  colleague: 'demo-resident-6',
  /** demo-wish-1's resident. */
  wisher: 'demo-resident-3',
  committee: 'demo-committee',
} as const;

export const COMMUNITY = 'demo-community';
export const TEAM = 'demo-team-sorting';
export const WISH = 'demo-wish-1';
/** The demo rota's first shift: Monday 2 November 2026, 07:00–09:00 in Shanghai. */
export const FIRST_SHIFT = 'demo-rota-bins-20261102';
/** Monday 2 November 2026, 05:00 in Shanghai: the seeded shifts and wish are all open. */
export const MONDAY_EARLY = new Date('2026-11-01T21:00:00Z');
export const MINUTE = 60_000;

export async function ok(emulator: Emulator, openid: string, action: string, data: unknown): Promise<any> {
  const res = await call(emulator, openid, 'member', action, data);
  if (!res.ok) throw new Error(`${action} as ${openid}: ${JSON.stringify(res.error)}`);
  return res.data;
}

/** A resident reports for duty and the committee approves them onto the sorting team. */
export async function approvedMember(emulator: Emulator, openid: string, workUnit = '新翔区人民医院'): Promise<void> {
  const reg = await ok(emulator, openid, 'register', { workUnit, branch: '行政党支部', contactName: '王老师', contactPhone: '13800001234', skills: [], serveTimes: ['周六上午'] });
  await ok(emulator, PEOPLE.committee, 'approve', { registrationId: reg.id, teamId: TEAM });
}

/** The committee's live code at the task's place, now (the 30 s token the QR carries). */
export async function liveCode(emulator: Emulator, taskId: string): Promise<string> {
  return (await ok(emulator, PEOPLE.committee, 'checkinCode', { taskId })).token;
}

/** WeChat's scanner, pointed at `token`. */
export const scannerAt = (token: () => string) => jest.fn((o: { success(res: { result: string }): void }) => o.success({ result: token() }));

export const at = (emulator: Emulator, when: Date) => liveAt(emulator, when);

/** Starts `member` and `user` before the first page opens, so no page waits on a cold start. */
export function warmMember(getEmulator: () => Emulator): void {
  beforeAll(async () => {
    const emulator = getEmulator();
    await Promise.all([call(emulator, PEOPLE.member, 'member', 'me', {}), call(emulator, PEOPLE.member, 'user', 'me', {})]);
  }, 60_000);
}
