import { Emulator } from '../../emulator/app';
import { call } from '../helpers/app';
import { DEV_CHECKIN_SECRET, mintCheckinToken } from '../../server/checkin-token';
import { ClaimDoc, liveClaimKey } from '../../server/repositories/member-claims';
import { registrationIdOf } from '../../server/repositories/member-registrations';
import { TaskDoc } from '../../server/repositories/member-tasks';
import { DEMO_MEMBERS } from '../../server/seed/demo-members';
import { COMMUNITY, addPeople, resident } from './neighbourhood';

/** What the member tests share: approved members made straight in the store, tasks and claims with times in the past. */

export const MEMBER = DEMO_MEMBERS.member;
export const TEAM = DEMO_MEMBERS.team;
export const HOUR = 3600_000;
export const ago = (ms: number) => new Date(Date.now() - ms);
export const fromNow = (ms: number) => new Date(Date.now() + ms);
let serial = 0;

/** `n` approved party members of the demo community, living in building 2, on the sorting team. */
export async function addMembers(emulator: Emulator, prefix: string, n: number): Promise<string[]> {
  const openids = Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
  await addPeople(
    emulator,
    openids.map((o, i) => resident(o, 'demo-building-2', 'demo-grid-1', COMMUNITY, { roles: [{ role: 'partyMember', communityId: COMMUNITY }], room: `${200 + i}`, displayName: `党员${i + 1}` })),
  );
  const now = new Date();
  await emulator.db.insert(
    'member_registrations',
    openids.map((openid, i) => registrationDoc(openid, now, { displayName: `党员${i + 1}`, workUnit: i % 2 ? '新翔区税务局' : '友邻小学' })),
  );
  return openids;
}

/** An approved registration to the sorting team of the demo community, reviewed `at`. */
export function registrationDoc(openid: string, at: Date, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: registrationIdOf(COMMUNITY, openid),
    openid,
    communityId: COMMUNITY,
    displayName: '报到居民',
    workUnit: '某单位',
    branch: '第一党支部',
    contactName: '老沈',
    contactPhone: '13800009001',
    skills: [],
    serveTimes: ['周六'],
    state: 'approved',
    reason: null,
    teamId: TEAM,
    teamName: '垃圾分类督导队',
    post: null,
    createdAt: at,
    reviewDueAt: at,
    overdue: false,
    reviewedAt: at,
    updatedAt: at,
    ...over,
  };
}

export function taskDoc(over: Partial<TaskDoc> = {}): TaskDoc {
  const now = new Date();
  return {
    _id: `test-task-${++serial}-${now.getTime().toString(36)}`,
    communityId: COMMUNITY,
    kind: 'task',
    state: 'open',
    title: '测试任务',
    note: '',
    place: '3号楼',
    places: 3,
    placesLeft: 3,
    startAt: null,
    endAt: null,
    claimBy: fromNow(24 * HOUR),
    hours: 2,
    demandId: null,
    rotaId: null,
    wisher: null,
    reason: null,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

export async function insertTask(emulator: Emulator, over: Partial<TaskDoc> = {}): Promise<TaskDoc> {
  const doc = taskDoc(over);
  await emulator.db.insert('member_tasks', [doc]);
  return doc;
}

/** A claim in any state, as if time had passed since it was made (e.g. checked in three hours ago). */
export async function insertClaim(emulator: Emulator, task: TaskDoc, openid: string, over: Partial<ClaimDoc> = {}): Promise<ClaimDoc> {
  const now = new Date();
  const doc: ClaimDoc = {
    _id: `test-claim-${++serial}-${now.getTime().toString(36)}`,
    taskId: task._id,
    communityId: task.communityId,
    kind: task.kind,
    title: task.title,
    openid,
    state: 'submitted',
    liveKey: liveClaimKey(task._id, openid),
    startAt: task.startAt,
    endAt: task.endAt,
    checkinAt: null,
    checkoutAt: null,
    note: '已完成',
    photo: 'cloud://demo.bucket/proof.jpg',
    hours: null,
    points: null,
    year: null,
    verifiedAt: null,
    reason: null,
    swapTo: null,
    swappedFrom: null,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
  await emulator.db.insert('member_claims', [doc]);
  return doc;
}

/** The code the committee's phone would show now for this task. */
export const codeFor = (taskId: string) => mintCheckinToken({ activityId: taskId, shift: 0, issuedAt: new Date() }, DEV_CHECKIN_SECRET).token;

export const ledger = (emulator: Emulator, query: Record<string, unknown>) => emulator.db.find('hours_ledger', query, { limit: 1000 });
export const claimsIn = (emulator: Emulator, query: Record<string, unknown>) => emulator.db.find('member_claims', query, { limit: 1000 });
export const taskIn = (emulator: Emulator, id: string) => emulator.db.find('member_tasks', { _id: id })[0];

/**
 * Starts the function's instances before a rush, as a busy function's are on the platform: 16 cold
 * starts at once on a loaded test machine can pass the 3 s timeout, which is not what a rush test is about.
 */
export async function warmUp(emulator: Emulator, openids: string[]): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const answers = await Promise.all(openids.slice(0, 16).map((o) => call(emulator, o, 'member', 'me', {})));
    if (answers.every((a) => a.ok)) return;
  }
}
