import { Emulator } from '../../emulator/app';
import { registrationIdOf } from '../../server/repositories/member-registrations';
import { HOUR, MEMBER, TEAM, addMembers, ago, codeFor, fromNow, insertClaim, insertTask } from './member-fixtures';
import { ACTORS, COMMUNITY, LABELS, addPeople, okCall, resident } from './neighbourhood';
import { MANAGERS, Row } from './permission-table';

/**
 * Who may do what in `member`: every action, for the neighbourhood's eight kinds of person and an
 * approved party member. Each cell gets valid input (a fresh registration, task or claim where the
 * action consumes it), so the only reason to refuse is who is asking.
 */
export const PEOPLE = { ...ACTORS, member: MEMBER } as const;
export type Person = keyof typeof PEOPLE;
export const NAMES: Record<Person, string> = { ...LABELS, member: 'an approved party member' };
export const EVERYONE = Object.keys(PEOPLE) as Person[];
const BOUND: Person[] = ['resident', 'volunteer', 'gridWorker', 'committee', 'otherCommittee', 'member'];
const STAFF: Person[] = [...MANAGERS, 'member'];

/** Another approved member of the community (made on first use), whose claims the committee verifies. */
let other: string | null = null;
export async function otherMember(e: Emulator): Promise<string> {
  other ??= (await addMembers(e, 'perm-member', 1))[0];
  return other;
}

const freshRegistration = async (e: Emulator, n: number) => {
  const openid = `perm-applicant-${n}`;
  await addPeople(e, [resident(openid, 'demo-building-3', 'demo-grid-2')]);
  const now = new Date();
  const id = registrationIdOf(COMMUNITY, openid);
  await e.db.insert('member_registrations', [
    {
      _id: id,
      openid,
      communityId: COMMUNITY,
      displayName: '申请人',
      workUnit: '某单位',
      branch: '某支部',
      contactName: '张',
      contactPhone: '13800001111',
      skills: [],
      serveTimes: ['周六'],
      state: 'pending',
      reason: null,
      teamId: null,
      teamName: null,
      post: null,
      createdAt: now,
      reviewDueAt: now,
      overdue: false,
      reviewedAt: null,
      updatedAt: now,
    },
  ]);
  return id;
};
const memberClaim = async (e: Emulator, over = {}) => (await insertClaim(e, await insertTask(e, { startAt: fromNow(HOUR / 2), endAt: fromNow(3 * HOUR) }), MEMBER, { state: 'claimed', ...over }))._id;
const othersProof = async (e: Emulator, kind: 'task' | 'wish' = 'task') => {
  const wisher = { openid: 'demo-resident-1', displayName: '居民', buildingId: 'demo-building-1', buildingName: '1号楼', room: '101', postedBy: 'demo-resident-1' };
  const task = await insertTask(e, { kind, places: 1, placesLeft: 0, wisher: kind === 'wish' ? wisher : null });
  return (await insertClaim(e, task, await otherMember(e)))._id;
};
const register = { workUnit: '新翔区税务局', branch: '第一党支部', contactName: '老沈', contactPhone: '13800009001', skills: [], serveTimes: ['周六'] };

export const TABLE: Row<Person>[] = [
  { action: 'register', what: 'register (报到) where they live', allowed: BOUND, notes: { member: 'FAILED_PRECONDITION' }, input: () => register },
  { action: 'me', what: 'see their own registration', allowed: EVERYONE, input: () => ({}) },
  { action: 'registrations', what: "see the community's review queue", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY }) },
  { action: 'approve', what: 'approve a registration onto a team', allowed: MANAGERS, input: async (e, n) => ({ registrationId: await freshRegistration(e, n), teamId: TEAM }) },
  { action: 'reject', what: 'reject a registration with a reason', allowed: MANAGERS, input: async (e, n) => ({ registrationId: await freshRegistration(e, n), reason: '信息不全' }) },
  { action: 'teams', what: "see the community's teams", allowed: STAFF, input: () => ({ communityId: COMMUNITY }) },
  { action: 'saveTeam', what: 'add a team', allowed: MANAGERS, input: (_e, n) => ({ communityId: COMMUNITY, name: `平安巡逻队${n}` }) },
  { action: 'setPost', what: 'give a member a post', allowed: MANAGERS, input: () => ({ registrationId: registrationIdOf(COMMUNITY, MEMBER), teamId: TEAM, post: 'supervisor' }) },
  { action: 'postWish', what: 'post a 微心愿 for themselves', allowed: BOUND, input: () => ({ title: '帮忙修水龙头', note: '' }) },
  { action: 'wishesToVet', what: 'see the wishes waiting to be vetted', allowed: MANAGERS, input: () => ({ communityId: COMMUNITY }) },
  {
    action: 'vetWish',
    what: 'publish a wish',
    allowed: MANAGERS,
    input: async (e) => ({ taskId: (await insertTask(e, { kind: 'wish', state: 'vetting', places: 1, placesLeft: 1 }))._id, publish: true }),
  },
  {
    action: 'publishTask',
    what: 'publish a task',
    allowed: MANAGERS,
    input: () => ({ communityId: COMMUNITY, title: '清理楼道', note: '', places: 2, hours: 1, claimBy: fromNow(HOUR).toISOString() }),
  },
  {
    action: 'saveRota',
    what: 'set up a rota',
    allowed: MANAGERS,
    input: () => ({ communityId: COMMUNITY, place: '垃圾箱房', title: '桶前值守', weekdays: [1], start: '07:00', end: '09:00', places: 2, weeks: 1 }),
  },
  { action: 'hall', what: 'browse the task hall', allowed: STAFF, input: () => ({ communityId: COMMUNITY }) },
  { action: 'task', what: 'open a task', allowed: STAFF, input: async (e) => ({ taskId: (await insertTask(e))._id }) },
  { action: 'claim', what: 'claim a task', allowed: ['member'], input: async (e) => ({ taskId: (await insertTask(e))._id }) },
  { action: 'cancel', what: "cancel the member's claim", allowed: ['member'], input: async (e) => ({ claimId: await memberClaim(e) }) },
  { action: 'askSwap', what: "ask a swap of the member's shift", allowed: ['member'], input: async (e) => ({ claimId: await memberClaim(e, { kind: 'shift' }), toOpenid: await otherMember(e) }) },
  {
    action: 'acceptSwap',
    what: 'take over a shift they were asked to',
    allowed: ['member'],
    input: async (e) => ({ claimId: (await insertClaim(e, await insertTask(e, { kind: 'shift', startAt: fromNow(HOUR) }), await otherMember(e), { state: 'claimed', swapTo: MEMBER }))._id }),
  },
  { action: 'mine', what: 'see their own claims', allowed: EVERYONE, input: () => ({}) },
  { action: 'wishes', what: 'see the wishes they asked or posted for a neighbour', allowed: EVERYONE, input: () => ({}) },
  {
    action: 'checkinCode',
    what: "show a task's check-in code",
    allowed: MANAGERS,
    input: async (e) => ({ taskId: (await insertTask(e, { startAt: fromNow(HOUR), endAt: fromNow(3 * HOUR) }))._id }),
  },
  {
    action: 'checkin',
    what: "check in on the member's claim",
    allowed: ['member'],
    input: async (e) => {
      const claimId = await memberClaim(e);
      const doc = e.db.find('member_claims', { _id: claimId })[0];
      return { claimId, token: codeFor(doc.taskId as string) };
    },
  },
  {
    action: 'checkout',
    what: "check out of the member's claim after the task",
    allowed: ['member'],
    input: async (e) => {
      const task = await insertTask(e, { startAt: ago(2 * HOUR), endAt: fromNow(HOUR) });
      const claim = await insertClaim(e, task, MEMBER, { state: 'checkedIn', checkinAt: ago(2 * HOUR) });
      return { claimId: claim._id, token: codeFor(task._id) };
    },
  },
  {
    action: 'submitProof',
    what: "submit proof for the member's claim",
    allowed: ['member'],
    input: async (e) => ({ claimId: await memberClaim(e), note: '已完成', photo: 'cloud://demo.bucket/p.jpg' }),
  },
  { action: 'proofsToVerify', what: 'see the service waiting to be verified', allowed: MANAGERS, input: () => ({ communityId: COMMUNITY }) },
  { action: 'verify', what: "verify another member's task", allowed: MANAGERS, input: async (e) => ({ claimId: await othersProof(e) }) },
  { action: 'verify', what: "confirm a resident's wish fulfilled (the resident's own)", allowed: [...MANAGERS, 'resident'], input: async (e) => ({ claimId: await othersProof(e, 'wish') }) },
  { action: 'rejectProof', what: "reject another member's proof", allowed: MANAGERS, input: async (e) => ({ claimId: await othersProof(e), reason: '看不清' }) },
  {
    action: 'rate',
    what: 'rate a verified service of the community',
    allowed: ['resident', 'volunteer', 'gridWorker', 'committee', 'member'],
    input: async (e) => {
      const task = await insertTask(e);
      await insertClaim(e, task, await otherMember(e), { state: 'verified', hours: 1 });
      return { taskId: task._id, stars: 4 };
    },
  },
  { action: 'pointsSettings', what: "see the community's points", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY }) },
  { action: 'saveSettings', what: "set the community's points", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY, points: { perHour: 10, byKind: { wish: 5, task: 5, shift: 2 } } }) },
  {
    action: 'scoreMember',
    what: "score a member's peer and party parts",
    allowed: MANAGERS,
    input: () => ({ registrationId: registrationIdOf(COMMUNITY, MEMBER), year: 2026, peer: 80, party: 90 }),
  },
  { action: 'postStars', what: "post the year's stars", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY, year: 2025 }) },
  {
    action: 'stars',
    what: "see the member's stars",
    allowed: STAFF,
    input: async (e) => {
      await okCall(e, 'demo-committee', 'member', 'postStars', { communityId: COMMUNITY, year: 2024 });
      return { year: 2024, openid: MEMBER };
    },
  },
  {
    action: 'objectStars',
    what: 'object to their posted stars',
    allowed: ['member'],
    input: async (e, n) => {
      await okCall(e, 'demo-committee', 'member', 'postStars', { communityId: COMMUNITY, year: 2030 + (n % 60) });
      return { year: 2030 + (n % 60), reason: '值守次数没有算全' };
    },
  },
  { action: 'yearReport', what: "see the member's year report", allowed: STAFF, input: () => ({ year: 2026, openid: MEMBER }) },
  { action: 'unitReports', what: "make the work units' year files", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY, year: 2026 }) },
  { action: 'dashboard', what: "see the community's member dashboard", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY }) },
];
