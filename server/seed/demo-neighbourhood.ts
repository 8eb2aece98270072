import { Role } from '../../domain/people';
import { BodyDoc } from '../repositories/council-bodies';
import { TopicDoc } from '../repositories/council-topics';
import { BindingDoc } from '../repositories/bindings';
import { CategoryDoc } from '../repositories/demand-categories';
import { PartnerDoc } from '../repositories/partners';
import { ServiceItemDoc } from '../repositories/service-items';
import { ServicePointDoc } from '../repositories/service-points';
import { ServiceSlotDoc, slotDocsFor } from '../repositories/service-slots';
import { UnitDoc } from '../repositories/units';
import { UserDoc, newUser } from '../repositories/users';
import { DEMO_MEMBERS, DemoMembers, demoMembers } from './demo-members';
import { demoCouncil } from './demo-council';
import { demoCouncilLife } from './demo-council-life';
import { demoBuildingLocation, demoCategories } from './demo-demands';

/**
 * The demo neighbourhood `npm start` seeds into an empty local database: one street, one community,
 * 2 grids, 4 buildings, residents spread over them, and one of each role. Ids and openids are
 * stable (README lists them). Names and phone numbers are made up.
 */
export const DEMO = {
  street: 'demo-street',
  community: 'demo-community',
  grids: ['demo-grid-1', 'demo-grid-2'],
  buildings: ['demo-building-1', 'demo-building-2', 'demo-building-3', 'demo-building-4'],
  hospital: 'demo-partner-hospital',
  healthPoint: 'demo-point-health',
  tcmCheck: 'demo-item-tcm',
  bloodPressure: 'demo-item-blood-pressure',
} as const;

/** A larger neighbourhood (for benchmarks) keeps about 60 residents a building and 8 buildings a grid. */
function layout(residents: number): { grids: string[]; buildings: string[]; gridOf: (b: number) => number } {
  const buildingCount = Math.max(4, Math.ceil(residents / 60));
  const gridCount = Math.max(2, Math.ceil(buildingCount / 8));
  const perGrid = Math.ceil(buildingCount / gridCount);
  return {
    grids: Array.from({ length: gridCount }, (_, g) => `demo-grid-${g + 1}`),
    buildings: Array.from({ length: buildingCount }, (_, b) => `demo-building-${b + 1}`),
    gridOf: (b) => Math.floor(b / perGrid),
  };
}

export interface DemoData extends DemoMembers {
  units: UnitDoc[];
  partners: PartnerDoc[];
  users: UserDoc[];
  bindings: BindingDoc[];
  servicePoints: ServicePointDoc[];
  serviceItems: ServiceItemDoc[];
  serviceSlots: ServiceSlotDoc[];
  councilBodies: BodyDoc[];
  councilTopics: TopicDoc[];
  demandCategories: CategoryDoc[];
  /** The council's comments, meeting (with its activity and sign-ins), project and campaign: see demo-council-life.ts. */
  councilLife: ReturnType<typeof demoCouncilLife>;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['秀英', '建国', '丽华', '志强', '桂兰', '海燕', '国平', '美玲', '卫东', '红梅', '德明', '淑芬', '晓峰', '玉珍', '永康', '佳怡', '子涵', '浩然', '思远', '雨桐'];
// Staff (index 100 and up) shift the given name by their hundred, so none shares a name with one of
// the first twenty residents or with each other: a grid worker called like the resident they serve confuses.
const personName = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7 + (i >= 100 ? 1 + Math.floor(i / 100) : 0)) % GIVEN.length]}`;
/** 1380000xxxx: a reserved-looking block, never a real subscriber in the demo. */
const demoPhone = (i: number) => `1380000${String(i).padStart(4, '0')}`;

export function demoNeighbourhood(options: { residents?: number; now: Date }): DemoData {
  const now = options.now;
  const residentCount = options.residents ?? 20;
  const { grids, buildings, gridOf } = layout(residentCount);
  const unit = (id: string, kind: UnitDoc['kind'], name: string, parentId: string | null, communityId: string | null, extra: Partial<UnitDoc> = {}): UnitDoc => ({
    _id: id,
    kind,
    name,
    parentId,
    communityId,
    archived: false,
    createdAt: now,
    updatedAt: now,
    ...extra,
  });
  const units: UnitDoc[] = [
    unit(DEMO.street, 'street', '新翔街道', null, null),
    unit(DEMO.community, 'community', '友邻居民区', DEMO.street, DEMO.community, {
      location: { type: 'Point', coordinates: [121.3215, 31.2987] },
      contact: { name: '居委会值班电话', phone: '021-59990000' },
    }),
    // each grid's worker on the grid's work phone (made up, like every number here)
    ...grids.map((id, g) => unit(id, 'grid', `第${g + 1}微网格`, DEMO.community, DEMO.community, { contact: { name: personName(200 + g), phone: demoPhone(900 + g) } })),
    ...buildings.map((id, b) => unit(id, 'building', `${b + 1}号楼`, grids[gridOf(b)], DEMO.community, { location: demoBuildingLocation(b) })),
  ];
  const partners: PartnerDoc[] = [{ _id: DEMO.hospital, name: '友邻社区卫生服务中心', kind: 'hospital', communityId: DEMO.community, createdAt: now }];

  const inBuilding = (i: number) => {
    const b = i % buildings.length;
    return { buildingId: buildings[b], gridId: grids[gridOf(b)], communityId: DEMO.community, room: `${1 + (i % 6)}0${1 + (i % 4)}` };
  };
  const person = (openid: string, i: number, roles: Role[], bound = true): UserDoc =>
    newUser(openid, now, {
      displayName: personName(i),
      realName: personName(i),
      phone: demoPhone(i),
      birthYear: 1940 + ((i * 3) % 60),
      privacy: { version: '2026-11', acceptedAt: now },
      roles,
      ...(bound ? inBuilding(i) : {}),
    });
  const community = { communityId: DEMO.community };
  const users: UserDoc[] = [
    ...Array.from({ length: residentCount }, (_, i) => person(`demo-resident-${i + 1}`, i, [])),
    ...[1, 2, 3].map((n) => person(`demo-volunteer-${n}`, 100 + n, [{ role: 'volunteer', ...community }])),
    person('demo-gridworker-1', 200, [{ role: 'gridWorker', ...community, gridId: DEMO.grids[0] }]),
    person('demo-committee', 300, [{ role: 'committee', ...community }]),
    person('demo-provider-1', 400, [{ role: 'provider', ...community, partnerId: DEMO.hospital }], false),
    person('demo-admin', 500, [{ role: 'admin' }], false),
    // An in-service party member reported for duty here (see demo-members.ts).
    person(DEMO_MEMBERS.member, 600, [{ role: 'partyMember', ...community }]),
    // Demands: a courier registered as a mobile grid worker (not a resident here), and grid 2's worker.
    person('demo-mobile-1', 610, [{ role: 'mobileGridWorker', ...community }], false),
    person('demo-gridworker-2', 201, [{ role: 'gridWorker', ...community, gridId: DEMO.grids[1] }], false),
    // 楼组长 of 1号楼, who lives there.
    { ...person('demo-leader-1', 700, [{ role: 'buildingLeader', ...community, buildingId: DEMO.buildings[0] }]), buildingId: DEMO.buildings[0], gridId: DEMO.grids[0] },
    // A newcomer waiting for the committee to approve their building.
    newUser('demo-visitor-1', now, { displayName: '新邻居小周' }),
  ];
  const bindings: BindingDoc[] = [
    {
      _id: 'demo-binding-1',
      openid: 'demo-visitor-1',
      buildingId: DEMO.buildings[0],
      gridId: DEMO.grids[0],
      communityId: DEMO.community,
      room: '602',
      status: 'pending',
      reason: null,
      reviewedBy: null,
      reviewedAt: null,
      createdAt: now,
    },
  ];
  const wisher = users.find((u) => u._id === DEMO_MEMBERS.wisher) ?? users[0];
  const wisherBuilding = units.find((u) => u._id === wisher.buildingId)?.name ?? '';
  return {
    units,
    partners,
    users,
    bindings,
    ...demoServiceMenu(now),
    ...demoMembers(now, DEMO.community, wisher, wisherBuilding),
    ...demoCouncil(now, DEMO.community, grids[0], buildings[0]),
    councilLife: demoCouncilLife(now, DEMO.community, 'demo-topic-corridor', users),
    demandCategories: demoCategories(DEMO.community, now),
  };
}

/** The health centre's service point and two of its services, with four weeks of slots. */
function demoServiceMenu(now: Date): Pick<DemoData, 'servicePoints' | 'serviceItems' | 'serviceSlots'> {
  const point: ServicePointDoc = {
    _id: DEMO.healthPoint,
    communityId: DEMO.community,
    name: '友邻社区卫生服务中心',
    address: '友邻路 88 号一楼',
    openingHours: '周一至周五 08:30–16:30',
    location: { type: 'Point', coordinates: [121.3231, 31.2979] },
    createdBy: 'demo-committee',
    createdAt: now,
    updatedAt: now,
  };
  const item = (id: string, name: string, description: string, eligibility: ServiceItemDoc['eligibility'], schedule: ServiceItemDoc['schedule']): ServiceItemDoc => ({
    _id: id,
    communityId: DEMO.community,
    name,
    description,
    series: 'wellness',
    partnerId: DEMO.hospital,
    servicePointId: point._id,
    durationMinutes: 30,
    eligibility,
    cancelCutoffHours: 2,
    schedule,
    ratingSum: 0,
    ratingCount: 0,
    status: 'active',
    createdBy: 'demo-committee',
    createdAt: now,
    updatedAt: now,
  });
  const items = [
    item(DEMO.tcmCheck, '中医把脉', '社区卫生服务中心中医师坐诊，为 60 岁以上居民免费把脉问诊', { kind: 'elderly' }, [{ weekday: 2, startTime: '09:00', capacity: 5 }]),
    item(DEMO.bloodPressure, '血压血糖测量', '免费测量血压血糖，护士现场解读', { kind: 'everyone' }, [{ weekday: 4, startTime: '14:00', capacity: 8 }]),
  ];
  return { servicePoints: [point], serviceItems: items, serviceSlots: items.flatMap((i) => slotDocsFor(i, point, i.schedule, 4, now)) };
}
