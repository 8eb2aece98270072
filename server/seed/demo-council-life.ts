import { DAY_MS, householdKey } from '../../domain/council';
import { shanghaiDay, shanghaiYear } from '../../domain/shanghai-time';
import { ActivityDoc } from '../repositories/activities';
import { holderKeyOf } from '../repositories/activity-seats';
import { CampaignDoc, campaignIdOf } from '../repositories/council-campaigns';
import { CouncilCommentDoc } from '../repositories/council-comments';
import { MeetingDoc } from '../repositories/council-meetings';
import { ProgressDoc, ProjectDoc, projectIdOf } from '../repositories/council-projects';
import { RollDoc, rollId } from '../repositories/council-roll';
import { TopicDoc } from '../repositories/council-topics';
import { SignupDoc, liveKeyOf } from '../repositories/signups';
import { UserDoc } from '../repositories/users';

/**
 * What makes the demo council live beyond its first topic: a neighbour's comment on 楼道堆物清理;
 * 加装电梯 under deliberation, its 协调会 held yesterday (an activity with three QR sign-ins) and
 * its minutes; 中心花园改造 decided and 60% carried out; and this year's 最美楼组 open for votes,
 * its roll the households bound today.
 */
export const DEMO_COUNCIL_LIFE = {
  elevator: 'demo-topic-elevator',
  garden: 'demo-topic-garden',
  meeting: 'demo-meeting-elevator',
  meetingActivity: 'demo-activity-elevator-meeting',
  comment: 'demo-council-comment-1',
} as const;

type Topics = Pick<TopicDoc, '_id' | 'bodyId' | 'bodyName' | 'scope' | 'title' | 'content' | 'stage' | 'proposerOpenid' | 'proposerName' | 'supports'>;

export function demoCouncilLife(now: Date, communityId: string, corridorTopic: string, users: readonly UserDoc[]) {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY_MS - hours * 3600_000);
  const topic = (t: Topics, createdDaysAgo: number): TopicDoc => ({
    ...t,
    communityId,
    photos: [],
    threshold: 10,
    supportUntil: new Date(ago(createdDaysAgo).getTime() + 30 * DAY_MS),
    screenBy: new Date(ago(createdDaysAgo).getTime() + 37 * DAY_MS),
    screeningOverdue: false,
    declineReason: null,
    voteId: null,
    demandId: null,
    createdAt: ago(createdDaysAgo),
    updatedAt: ago(1),
  });
  const nameOf = (openid: string) => users.find((u) => u._id === openid)?.displayName ?? '居民';
  const council = { bodyId: 'demo-council-qunyinghui', bodyName: '群英荟', scope: { kind: 'community' as const } };
  const councilTopics = [
    topic(
      {
        _id: DEMO_COUNCIL_LIFE.elevator,
        ...council,
        title: '加装电梯',
        content: '5号楼多为老年住户，建议加装电梯，费用按楼层分摊，请大家协商。',
        stage: 'deliberating',
        proposerOpenid: 'demo-resident-4',
        proposerName: nameOf('demo-resident-4'),
        supports: 12,
      },
      20,
    ),
    topic(
      {
        _id: DEMO_COUNCIL_LIFE.garden,
        ...council,
        title: '中心花园改造',
        content: '中心花园地面破损、座椅不足，建议改造并增设适老座椅和晾晒区。',
        stage: 'in_progress',
        proposerOpenid: 'demo-resident-6',
        proposerName: nameOf('demo-resident-6'),
        supports: 15,
      },
      60,
    ),
  ];
  const commenter = users.find((u) => u._id === 'demo-resident-1');
  const councilComments: CouncilCommentDoc[] = [
    {
      _id: DEMO_COUNCIL_LIFE.comment,
      topicId: corridorTopic,
      communityId,
      content: '我家门口也堆满了纸箱，支持统一清理。',
      author: { openid: 'demo-resident-1', displayName: commenter?.displayName ?? '邻居', buildingId: commenter?.buildingId ?? null, buildingName: '1号楼' },
      status: 'published',
      needsReview: false,
      reportCount: 0,
      check: { suggest: 'pass', label: 100 },
      moderatedBy: null,
      moderatedAt: null,
      hideReason: null,
      createdAt: ago(0, 5),
      updatedAt: ago(0, 5),
    },
  ];
  const attendees = ['demo-resident-2', 'demo-resident-4', 'demo-resident-6'];
  const { activity, signups } = meetingActivity(communityId, ago(1, 2), ago(1, 0.5), attendees);
  const councilMeetings: MeetingDoc[] = [
    {
      _id: DEMO_COUNCIL_LIFE.meeting,
      topicId: DEMO_COUNCIL_LIFE.elevator,
      communityId,
      kind: 'coordination',
      activityId: activity._id,
      title: activity.title,
      placeText: activity.place.text,
      startAt: activity.startAt,
      endAt: activity.endAt,
      status: 'minuted',
      minutes: {
        text: '与会居民同意先做结构评估，再按楼层比例分摊费用；一楼住户的意见单独记录，下次评议会回应。',
        photos: [],
        attendees: attendees.length,
        publishedAt: ago(0, 20),
        publishedBy: 'demo-committee',
      },
      createdBy: 'demo-committee',
      createdAt: ago(8),
    },
  ];
  const councilProjects: ProjectDoc[] = [
    {
      _id: projectIdOf(DEMO_COUNCIL_LIFE.garden),
      topicId: DEMO_COUNCIL_LIFE.garden,
      communityId,
      title: '中心花园改造',
      status: 'in_progress',
      percent: 60,
      startedOn: shanghaiDay(ago(20)),
      lastUpdateOn: shanghaiDay(ago(3)),
      doneOn: null,
      updates: 2,
      createdAt: ago(20),
      updatedAt: ago(3),
    },
  ];
  const progress = (n: number, percent: number, text: string, daysAgo: number): ProgressDoc => ({
    // Updates are read newest first by _id, as newId makes them (time first): a seeded id must sort
    // by its time too, or every real update would come after the demo's.
    _id: `${ago(daysAgo).getTime().toString(16).padStart(12, '0')}${String(n).padStart(20, '0')}`,
    projectId: projectIdOf(DEMO_COUNCIL_LIFE.garden),
    percent,
    text,
    photos: [],
    day: shanghaiDay(ago(daysAgo)),
    by: 'demo-committee',
    createdAt: ago(daysAgo),
  });
  const councilProgress = [progress(1, 30, '旧地砖已全部拆除，排水沟疏通完成', 12), progress(2, 60, '新铺地面完成，适老座椅已到货待安装', 3)];
  return { councilTopics, councilComments, councilMeetings, councilProjects, councilProgress, activities: [activity], signups, ...campaign(now, communityId, users) };
}

/** The 协调会's activity: held yesterday in the community's hall, with three residents signed in by QR. */
function meetingActivity(communityId: string, startAt: Date, endAt: Date, attendees: string[]): { activity: ActivityDoc; signups: SignupDoc[] } {
  const id = DEMO_COUNCIL_LIFE.meetingActivity;
  const signups: SignupDoc[] = attendees.map((openid, i) => ({
    _id: `demo-signup-elevator-${i + 1}`,
    activityId: id,
    shiftId: null,
    communityId,
    openid,
    status: 'confirmed',
    liveKey: liveKeyOf(id, null, openid),
    answers: { phone: null, companions: 0, note: null },
    seats: 1,
    reason: null,
    createdAt: new Date(startAt.getTime() - 3 * DAY_MS),
    decidedAt: new Date(startAt.getTime() - 3 * DAY_MS),
    checkinAt: new Date(startAt.getTime() - 10 * 60_000),
    checkoutAt: null,
    hours: null,
  }));
  const activity: ActivityDoc = {
    _id: id,
    communityId,
    title: '协调会：加装电梯',
    description: '议题：加装电梯\n5号楼多为老年住户，建议加装电梯，费用按楼层分摊，请大家协商。',
    series: 'community',
    place: { text: '居委会二楼会议室', location: null, servicePointId: null },
    startAt,
    endAt,
    signupOpensAt: new Date(startAt.getTime() - 7 * DAY_MS),
    signupClosesAt: startAt,
    capacity: 40,
    approval: 'auto',
    audience: { kind: 'community' },
    form: { phone: 'off', companionsMax: 0, note: 'off' },
    shifts: [],
    cover: null,
    pointsPerHour: 0,
    checkinRadiusMetres: null,
    status: 'published',
    confirmed: signups.length,
    seatsLeft: 40 - signups.length,
    holders: Object.fromEntries(signups.map((s) => [holderKeyOf(s.liveKey as string), { id: s._id, seats: 1, at: s.createdAt }])),
    councilTopicId: DEMO_COUNCIL_LIFE.elevator,
    createdBy: 'demo-committee',
    createdAt: new Date(startAt.getTime() - 7 * DAY_MS),
    updatedAt: new Date(startAt.getTime() - 3 * DAY_MS),
  };
  return { activity, signups };
}

/** This year's 最美楼组, open a week, its roll every household bound in the community today. */
function campaign(now: Date, communityId: string, users: readonly UserDoc[]): { councilCampaigns: CampaignDoc[]; councilRoll: RollDoc[] } {
  const year = shanghaiYear(now);
  const id = campaignIdOf(communityId, year, '最美楼组');
  const households = [...new Set(users.filter((u) => u.communityId === communityId && u.buildingId && u.room).map((u) => householdKey(u.buildingId as string, u.room as string)))];
  const councilRoll = households.map((h) => ({ _id: rollId(id, h), voteId: id, voterKey: h, household: h, voted: false, channel: null, enteredBy: null, castKey: null }));
  const doc: CampaignDoc = {
    _id: id,
    communityId,
    year,
    title: '最美楼组',
    nominees: [
      { name: '1号楼', note: '楼道整洁，邻里互助' },
      { name: '2号楼', note: '自发组织楼道微更新' },
      { name: '3号楼', note: '垃圾分类示范楼' },
    ],
    maxChoices: 1,
    unit: 'household',
    opensAt: now,
    closesAt: new Date(now.getTime() + 7 * DAY_MS),
    day: shanghaiDay(now),
    status: 'open',
    eligibleHouseholds: households.length,
    result: null,
    objectionsUntil: null,
    objections: 0,
    objectionAnswer: null,
    createdBy: 'demo-committee',
    createdAt: now,
  };
  return { councilCampaigns: [doc], councilRoll };
}
