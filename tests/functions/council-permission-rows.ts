import { Emulator } from '../../emulator/app';
import { COMMITTEE, DAY, age, openHouseholdVote, proposeTopic } from './council-fixtures';
import { Actor, COMMUNITY, okCall } from './neighbourhood';
import { MANAGERS, Row } from './permission-table';

/**
 * Who may do what in consultation: the committee of the community (and admins) keep the bodies,
 * screen topics, open and close votes and enter paper ballots; bound residents of a body's scope
 * propose, support and vote (the committee member here is bound in the demo community too); anyone
 * reads the public record. The same for what follows a topic: the committee turns suggestions into
 * topics, hides comments, calls meetings and publishes minutes, carries projects and runs 群众评优;
 * residents comment and vote in campaigns; anyone reads meetings, projects, campaigns and 三评.
 * A refused call changes nothing.
 */

/** Bound to a building of the demo community in the seed. */
export const RESIDENTS: readonly Actor[] = ['resident', 'volunteer', 'gridWorker', 'committee'];

let bodyId: string | null = null;
export async function communityBody(e: Emulator): Promise<string> {
  bodyId ??= (
    await okCall(e, COMMITTEE, 'council', 'saveBody', {
      communityId: COMMUNITY,
      parentId: null,
      kind: 'council',
      name: '群英荟',
      scope: { kind: 'community' },
      convener: null,
      members: [],
    })
  ).id;
  return bodyId as string;
}

/** A fresh topic of the community body, moved straight to `stage` (its way there is the model test's business). */
export async function topicAt(e: Emulator, stage: string): Promise<string> {
  const topicId = await proposeTopic(e, await communityBody(e), COMMITTEE, '加装电梯');
  if (stage !== 'proposed') await e.db.update('council_topics', { _id: topicId }, { $set: { stage } }, { multi: false, merge: true, upsert: false });
  return topicId;
}

export async function openVote(e: Emulator): Promise<string> {
  return openHouseholdVote(e, await topicAt(e, 'accepted'));
}

export const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

export async function commentOn(e: Emulator): Promise<string> {
  return (await okCall(e, 'demo-resident-2', 'council', 'comment', { topicId: await topicAt(e, 'proposed'), content: '支持，早该清理了' })).id;
}

/** A 协调会 on a fresh accepted topic; `begun`: its start moved into the past. */
export async function meetingOf(e: Emulator, begun: boolean): Promise<{ topicId: string; meetingId: string }> {
  const topicId = await topicAt(e, 'accepted');
  const meeting = await okCall(e, COMMITTEE, 'council', 'scheduleMeeting', { topicId, kind: 'coordination', place: { text: '居委会会议室' }, startAt: inHours(3), endAt: inHours(5), capacity: 30 });
  if (begun) await age(e, 'council_meetings', meeting.id, ['startAt'], 4 * 3600_000);
  return { topicId, meetingId: meeting.id };
}

export async function projectOf(e: Emulator): Promise<{ topicId: string; day: string }> {
  const topicId = await topicAt(e, 'decided');
  const project = await okCall(e, COMMITTEE, 'council', 'startProject', { topicId });
  return { topicId, day: project.startedOn };
}

export async function campaignOf(e: Emulator, n: number): Promise<string> {
  const opened = await okCall(e, COMMITTEE, 'council', 'openCampaign', { communityId: COMMUNITY, title: `好邻居评选${n}`, nominees: [{ name: '王秀英' }, { name: '李建国' }], maxChoices: 1, days: 3 });
  return opened.id;
}

/** A campaign whose counts are posted; `objected`: a household objected and its 5 days are over. */
export async function postedCampaign(e: Emulator, n: number, objected: boolean): Promise<string> {
  const campaignId = await campaignOf(e, n);
  await age(e, 'council_campaigns', campaignId, ['opensAt', 'closesAt'], 3 * DAY + 120_000);
  await okCall(e, COMMITTEE, 'council', 'closeCampaign', { campaignId });
  if (objected) {
    await okCall(e, 'demo-resident-2', 'council', 'objectCampaign', { campaignId, reason: '有人拉票' });
    await age(e, 'council_campaigns', campaignId, ['objectionsUntil'], 6 * DAY);
  }
  return campaignId;
}

export async function suggestion(e: Emulator): Promise<string> {
  return (await okCall(e, 'demo-resident-2', 'demand', 'report', { categoryId: 'demo-cat-greenery', text: '建议在中心花园增设几张长椅。' })).id;
}

export const TABLE: Row[] = [
  {
    action: 'saveBody',
    what: 'set up a consultation body',
    allowed: MANAGERS,
    input: () => ({
      communityId: COMMUNITY,
      parentId: null,
      kind: 'selfGovernance',
      name: '自治议事会',
      scope: { kind: 'grids', ids: ['demo-grid-1'] },
      convener: 'demo-resident-1',
      members: ['demo-resident-2'],
    }),
  },
  { action: 'bodies', what: "list the community's bodies", allowed: 'everyone', input: () => ({ communityId: COMMUNITY }) },
  {
    action: 'propose',
    what: 'propose a topic to the community council',
    allowed: [...RESIDENTS, 'admin'],
    input: async (e) => ({ bodyId: await communityBody(e), title: '楼道堆物清理', content: '楼道里堆物太多，建议统一清理。' }),
  },
  { action: 'support', what: 'support a proposed topic (附议)', allowed: RESIDENTS, input: async (e) => ({ topicId: await topicAt(e, 'proposed') }) },
  { action: 'screen', what: 'accept a topic in screening', allowed: MANAGERS, input: async (e) => ({ topicId: await topicAt(e, 'screening'), decision: 'accept' }) },
  { action: 'topics', what: 'read every topic of the community (of one body)', allowed: 'everyone', input: async (e) => ({ communityId: COMMUNITY, bodyId: await communityBody(e) }) },
  { action: 'topic', what: 'read a topic', allowed: 'everyone', input: async (e) => ({ topicId: await topicAt(e, 'proposed') }) },
  {
    action: 'openVote',
    what: 'put an accepted topic to a vote',
    allowed: MANAGERS,
    input: async (e) => ({ topicId: await topicAt(e, 'accepted'), question: '是否同意？', options: ['同意', '不同意'], maxChoices: 1, unit: 'household', days: 3 }),
  },
  { action: 'castVote', what: 'vote for their household', allowed: RESIDENTS, input: async (e) => ({ voteId: await openVote(e), choices: [0] }) },
  {
    action: 'paperBallot',
    what: "enter a household's paper ballot",
    allowed: MANAGERS,
    input: async (e) => ({ voteId: await openVote(e), buildingId: 'demo-building-2', room: '202', choices: [1] }),
  },
  {
    action: 'closeVote',
    what: 'close a vote whose window has passed',
    allowed: MANAGERS,
    input: async (e) => {
      const voteId = await openVote(e);
      await age(e, 'council_votes', voteId, ['opensAt', 'closesAt'], 3 * DAY + 120_000);
      return { voteId };
    },
  },
  { action: 'vote', what: 'see a vote and its turnout', allowed: 'everyone', input: async (e) => ({ voteId: await openVote(e) }) },
  {
    action: 'topicFromDemand',
    what: "turn a resident's 意见建议 into a topic",
    allowed: MANAGERS,
    input: async (e) => ({ demandId: await suggestion(e), bodyId: await communityBody(e), title: '中心花园增设长椅' }),
  },
  { action: 'comment', what: 'comment on an open topic', allowed: [...RESIDENTS, 'admin'], input: async (e) => ({ topicId: await topicAt(e, 'proposed'), content: '同意，建议周末统一清理' }) },
  { action: 'comments', what: "read a topic's comments", allowed: 'everyone', input: async (e) => ({ topicId: await topicAt(e, 'proposed') }) },
  { action: 'commentQueue', what: 'see the comments waiting for review', allowed: MANAGERS, input: () => ({ communityId: COMMUNITY }) },
  { action: 'moderateComment', what: 'hide a comment', allowed: MANAGERS, input: async (e) => ({ commentId: await commentOn(e), decision: 'hide', reason: '与议题无关' }) },
  {
    action: 'scheduleMeeting',
    what: 'call a 听证会 on an accepted topic',
    allowed: MANAGERS,
    input: async (e) => ({ topicId: await topicAt(e, 'accepted'), kind: 'hearing', place: { text: '居委会会议室' }, startAt: inHours(3), endAt: inHours(5), capacity: 30 }),
  },
  {
    action: 'publishMinutes',
    what: "publish a meeting's minutes",
    allowed: MANAGERS,
    input: async (e) => ({ meetingId: (await meetingOf(e, true)).meetingId, text: '与会居民一致同意分两批清理楼道堆物。' }),
  },
  { action: 'meetings', what: "read a topic's meetings and minutes", allowed: 'everyone', input: async (e) => ({ topicId: (await meetingOf(e, false)).topicId }) },
  { action: 'startProject', what: 'take a decided topic on as a project', allowed: MANAGERS, input: async (e) => ({ topicId: await topicAt(e, 'decided') }) },
  {
    action: 'reportProgress',
    what: "report a project's progress",
    allowed: MANAGERS,
    input: async (e) => {
      const { topicId, day } = await projectOf(e);
      return { topicId, percent: 50, text: '已完成一半', day };
    },
  },
  { action: 'project', what: "follow a topic's project", allowed: 'everyone', input: async (e) => ({ topicId: (await projectOf(e)).topicId }) },
  {
    action: 'openCampaign',
    what: 'open a 群众评优 campaign',
    allowed: MANAGERS,
    input: (_e, n) => ({ communityId: COMMUNITY, title: `最美楼组${n}`, nominees: [{ name: '1号楼' }, { name: '2号楼' }], maxChoices: 1, days: 7 }),
  },
  { action: 'campaignVote', what: 'vote in a 群众评优 campaign for their household', allowed: RESIDENTS, input: async (e, n) => ({ campaignId: await campaignOf(e, n), choices: [0] }) },
  {
    action: 'campaignPaperBallot',
    what: "enter a household's paper ballot in a 群众评优 campaign",
    allowed: MANAGERS,
    input: async (e, n) => ({ campaignId: await campaignOf(e, n), buildingId: 'demo-building-2', room: '202', choices: [1] }),
  },
  {
    action: 'closeCampaign',
    what: 'close a campaign whose window has passed',
    allowed: MANAGERS,
    input: async (e, n) => {
      const campaignId = await campaignOf(e, n);
      await age(e, 'council_campaigns', campaignId, ['opensAt', 'closesAt'], 3 * DAY + 120_000);
      return { campaignId };
    },
  },
  { action: 'objectCampaign', what: "object to a campaign's posted result", allowed: RESIDENTS, input: async (e, n) => ({ campaignId: await postedCampaign(e, n, false), reason: '计票有疑问' }) },
  {
    action: 'answerObjections',
    what: 'answer the objections and make the result final',
    allowed: MANAGERS,
    input: async (e, n) => ({ campaignId: await postedCampaign(e, n, true), answer: '经核查，维持原结果' }),
  },
  { action: 'objections', what: "read a campaign's objections", allowed: MANAGERS, input: async (e, n) => ({ campaignId: await postedCampaign(e, n, true) }) },
  { action: 'campaigns', what: "list the community's campaigns", allowed: 'everyone', input: () => ({ communityId: COMMUNITY }) },
  { action: 'campaign', what: 'read a campaign and its turnout', allowed: 'everyone', input: async (e, n) => ({ campaignId: await campaignOf(e, n) }) },
  { action: 'threeRatings', what: 'read the three ratings (三评) of a year', allowed: 'everyone', input: () => ({ communityId: COMMUNITY, year: 2026 }) },
];
