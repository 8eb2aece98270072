import { Emulator } from '../../emulator/app';
import { registrationIdOf } from '../../server/repositories/member-registrations';
import { call } from '../helpers/app';
import { COMMUNITY, ACTORS, LABELS, addPeople, expectNothingWritten, okCall, resident, stateOf } from './neighbourhood';
import { HOUR, MEMBER, TEAM, addMembers, codeFor, fromNow, insertClaim, insertTask } from './member-fixtures';
import { MANAGERS, neighbourhoodApp } from './permission-table';

/**
 * Who may do what in `member`: every action tried by every kind of person, the neighbourhood's
 * eight and an approved party member. Allowed cells answer ok (or the stated refusal); every other
 * cell is PERMISSION_DENIED with a Chinese reason and leaves the database as it was.
 */
const PEOPLE = { ...ACTORS, member: MEMBER } as const;
type Person = keyof typeof PEOPLE;
const NAMES: Record<Person, string> = { ...LABELS, member: 'an approved party member' };
const EVERYONE = Object.keys(PEOPLE) as Person[];
const BOUND: Person[] = ['resident', 'volunteer', 'gridWorker', 'committee', 'otherCommittee', 'member'];
const STAFF: Person[] = [...MANAGERS, 'member'];

interface Row {
  action: string;
  what: string;
  allowed: readonly Person[];
  notes?: Partial<Record<Person, string>>;
  input: (e: Emulator, n: number, who: string) => Promise<unknown> | unknown;
}

describe('who may do what with party members’ service', () => {
  const app = neighbourhoodApp();
  let other: string;
  beforeAll(async () => {
    [other] = await addMembers(app.emulator, 'perm-member', 1);
  });

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
  const memberClaim = async (e: Emulator, over = {}) =>
    (await insertClaim(e, await insertTask(e, { startAt: fromNow(HOUR / 2), endAt: fromNow(3 * HOUR) }), MEMBER, { state: 'claimed', ...over }))._id;
  const othersProof = async (e: Emulator, kind: 'task' | 'wish' = 'task') => {
    const wisher = { openid: 'demo-resident-1', displayName: '居民', buildingId: 'demo-building-1', buildingName: '1号楼', room: '101', postedBy: 'demo-resident-1' };
    const task = await insertTask(e, { kind, places: 1, placesLeft: 0, wisher: kind === 'wish' ? wisher : null });
    return (await insertClaim(e, task, other))._id;
  };
  const register = { workUnit: '新翔区税务局', branch: '第一党支部', contactName: '老沈', contactPhone: '13800009001', skills: [], serveTimes: ['周六'] };

  const TABLE: Row[] = [
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
    { action: 'askSwap', what: "ask a swap of the member's shift", allowed: ['member'], input: async (e) => ({ claimId: await memberClaim(e, { kind: 'shift' }), toOpenid: other }) },
    {
      action: 'acceptSwap',
      what: 'take over a shift they were asked to',
      allowed: ['member'],
      input: async (e) => ({ claimId: (await insertClaim(e, await insertTask(e, { kind: 'shift', startAt: fromNow(HOUR) }), other, { state: 'claimed', swapTo: MEMBER }))._id }),
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
        await insertClaim(e, task, other, { state: 'verified', hours: 1 });
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

  let n = 0;
  const cells = TABLE.flatMap((row) =>
    EVERYONE.map((who) => {
      const allowed = row.allowed.includes(who);
      const expected = allowed ? (row.notes?.[who] ?? 'ok') : 'PERMISSION_DENIED';
      return { name: `member.${row.action}: ${NAMES[who]} ${allowed ? 'may' : 'may not'} ${row.what}${expected !== 'ok' && allowed ? ` (${expected})` : ''}`, row, who, expected };
    }),
  );

  it.each(cells)('$name', async ({ row, who, expected }) => {
    const input = await row.input(app.emulator, ++n, PEOPLE[who]);
    const before = stateOf(app.emulator);
    const res = await call(app.emulator, PEOPLE[who], 'member', row.action, input);
    if (expected === 'ok') {
      expect(res).toMatchObject({ ok: true });
      return;
    }
    expect(res).toMatchObject({ ok: false, error: { code: expected, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    expectNothingWritten(app.emulator, before);
  });
});
