import { rotaDates, shanghaiInstant, shiftOccurrenceId } from '../../domain/members/rules';
import { RegistrationDoc, registrationIdOf } from '../repositories/member-registrations';
import { RotaDoc } from '../repositories/member-rotas';
import { TaskDoc } from '../repositories/member-tasks';
import { TeamDoc } from '../repositories/member-teams';

/**
 * The demo's in-service party members: the 垃圾分类督导队 team, demo-member-1 (approved, its 督导员),
 * the bin-station rota (桶前值守, mornings Monday to Saturday, 2 places) with its next two weeks of
 * shifts, and one published 微心愿 of an elderly resident.
 */
export const DEMO_MEMBERS = {
  member: 'demo-member-1',
  team: 'demo-team-sorting',
  rota: 'demo-rota-bins',
  wish: 'demo-wish-1',
  wisher: 'demo-resident-3',
} as const;

export interface DemoMembers {
  memberTeams: TeamDoc[];
  memberRegistrations: RegistrationDoc[];
  memberRotas: RotaDoc[];
  memberTasks: TaskDoc[];
}

export function demoMembers(now: Date, community: string, wisher: { displayName: string; buildingId: string | null; room: string | null }, buildingName: string): DemoMembers {
  const team: TeamDoc = { _id: DEMO_MEMBERS.team, communityId: community, name: '垃圾分类督导队', createdAt: now, updatedAt: now };
  const registration: RegistrationDoc = {
    _id: registrationIdOf(community, DEMO_MEMBERS.member),
    openid: DEMO_MEMBERS.member,
    communityId: community,
    displayName: '党员小陆',
    workUnit: '新翔区税务局',
    branch: '新翔区税务局第一党支部',
    contactName: '组织委员老沈',
    contactPhone: '13800009001',
    skills: ['垃圾分类', '电脑维修'],
    serveTimes: ['周六上午', '工作日晚上'],
    state: 'approved',
    reason: null,
    teamId: team._id,
    teamName: team.name,
    post: 'supervisor',
    createdAt: now,
    reviewDueAt: new Date(now.getTime() + 7 * 86_400_000),
    overdue: false,
    reviewedAt: now,
    updatedAt: now,
  };
  const rota: RotaDoc = {
    _id: DEMO_MEMBERS.rota,
    communityId: community,
    title: '桶前值守',
    place: '3号楼垃圾箱房',
    weekdays: [1, 2, 3, 4, 5, 6],
    start: '07:00',
    end: '09:00',
    places: 2,
    createdAt: now,
  };
  const blank = { note: '', place: null, startAt: null, endAt: null, demandId: null, rotaId: null, wisher: null, reason: null, createdAt: now, updatedAt: now };
  const shifts: TaskDoc[] = rotaDates(now, 14, rota.weekdays)
    .map((date) => ({ date, startAt: shanghaiInstant(date, rota.start) }))
    .filter((s) => s.startAt > now)
    .map(({ date, startAt }) => ({
      ...blank,
      _id: shiftOccurrenceId(rota._id, date),
      communityId: community,
      kind: 'shift',
      state: 'open',
      title: `${rota.title}（${date.slice(5)}）`,
      place: rota.place,
      places: rota.places,
      placesLeft: rota.places,
      startAt,
      endAt: shanghaiInstant(date, rota.end),
      claimBy: startAt,
      hours: null,
      rotaId: rota._id,
    }));
  const wish: TaskDoc = {
    ...blank,
    _id: DEMO_MEMBERS.wish,
    communityId: community,
    kind: 'wish',
    state: 'open',
    title: '想请人帮忙换个灯泡',
    note: '厨房的灯坏了，家里没人能爬高',
    places: 1,
    placesLeft: 1,
    claimBy: new Date(now.getTime() + 30 * 86_400_000),
    hours: 1,
    wisher: { openid: DEMO_MEMBERS.wisher, displayName: wisher.displayName, buildingId: wisher.buildingId, buildingName, room: wisher.room, postedBy: DEMO_MEMBERS.wisher },
  };
  return { memberTeams: [team], memberRegistrations: [registration], memberRotas: [rota], memberTasks: [...shifts, wish] };
}
