import fs from 'node:fs';
import path from 'node:path';
import { Emulator } from '../../emulator/app';
import { TABLE as ACTIVITY_ROWS } from './activity-permission-rows';
import { measuredCall } from './activity-fixtures';
import { TABLE as CIRCLE_ROWS } from './circle-permission-rows';
import { TABLE as COUNCIL_ROWS } from './council-permission-rows';
import { TABLE as DEMAND_ROWS, WHO as DEMAND_PEOPLE } from './demand-permission-rows';
import { TABLE as MEMBER_ROWS, PEOPLE as MEMBER_PEOPLE } from './member-permission-rows';
import { ACTORS, COMMUNITY } from './neighbourhood';
import { Row, neighbourhoodApp } from './permission-table';
import { RESIDENT_ROWS } from './resident-budget-rows';
import { SERVICE_ROWS } from './service-permission-rows';
import { TABLE as USER_ROWS } from './user-permission-rows';

/**
 * Every action of the permission tables, run once by someone allowed, warm (the instance already
 * knows the caller: one cheap call of the same function first), its database requests (header
 * `x-db-requests`) held to the budget of what each action costs warm (REQUEST_BUDGET below). A cold
 * call (the first of a caller in an instance) costs one request more: the caller's user document.
 * `npm run bench` runs this file and prints the measured counts beside the budgets
 * (scripts/bench/request-budget.ts, through REQUEST_BUDGET_REPORT).
 */
export const REQUEST_BUDGET: Record<string, number> = {
  // What each action measured warm (a visitor is never remembered: their calls include their user document).
  // user
  'user.me': 1,
  'user.updateProfile': 2,
  'user.requestBinding': 3,
  'user.recordConsents': 3,
  // community
  'community.tree': 2,
  // user
  'user.reviewBinding': 4,
  'user.pendingBindings': 1,
  'user.assignRole': 3,
  'user.revokeRole': 3,
  'user.listMembers': 2,
  // community
  'community.createUnit': 3,
  'community.renameUnit': 3,
  'community.archiveUnit': 3,
  'community.setContact': 3,
  // user
  'user.exportMine': 2,
  'user.withdrawConsent': 4,
  'user.deleteAccount': 2,
  // activity
  'activity.create': 2,
  'activity.update': 2,
  'activity.cancelActivity': 2,
  'activity.review': 3,
  'activity.roster': 2,
  'activity.checkinCode': 1,
  'activity.ranking': 1,
  // circle
  'circle.notice': 2,
  'circle.hide': 2,
  'circle.restore': 2,
  'circle.reviewQueue': 1,
  'circle.reports': 1,
  'circle.moderate': 2,
  // service
  'service.createPoint': 2,
  'service.createItem': 2,
  'service.setSchedule': 3,
  'service.cancelSlot': 2,
  'service.redeem': 2,
  // council
  'council.saveBody': 2,
  'council.bodies': 2,
  'council.propose': 2,
  'council.support': 3,
  'council.screen': 2,
  'council.topics': 2,
  'council.topic': 2,
  'council.openVote': 4,
  'council.castVote': 6,
  'council.paperBallot': 6,
  'council.closeVote': 3,
  'council.vote': 2,
  'council.topicFromDemand': 3,
  'council.comment': 2,
  'council.comments': 2,
  'council.commentQueue': 1,
  'council.moderateComment': 2,
  'council.scheduleMeeting': 4,
  'council.publishMinutes': 2,
  'council.meetings': 2,
  'council.startProject': 3,
  'council.reportProgress': 3,
  'council.project': 2,
  'council.openCampaign': 3,
  'council.campaignVote': 6,
  'council.campaignPaperBallot': 6,
  'council.closeCampaign': 2,
  'council.objectCampaign': 3,
  'council.answerObjections': 2,
  'council.objections': 2,
  'council.campaigns': 2,
  'council.campaign': 2,
  'council.threeRatings': 2,
  // demand
  'demand.categories': 1,
  'demand.similar': 2,
  'demand.report': 2,
  'demand.meToo': 2,
  'demand.get': 1,
  'demand.mine': 1,
  'demand.inbox': 2,
  'demand.accept': 2,
  'demand.reject': 2,
  'demand.merge': 2,
  'demand.assign': 2,
  'demand.update': 2,
  'demand.resolve': 2,
  'demand.confirm': 2,
  'demand.reopen': 2,
  'demand.escalate': 2,
  'demand.transfer': 3,
  'demand.extend': 2,
  'demand.park': 2,
  'demand.unpark': 2,
  'demand.ledger': 2,
  'demand.dashboard': 2,
  'demand.saveCategory': 2,
  // member
  'member.register': 1,
  'member.me': 1,
  'member.registrations': 1,
  'member.approve': 3,
  'member.reject': 2,
  'member.teams': 2,
  'member.saveTeam': 1,
  'member.setPost': 2,
  'member.postWish': 2,
  'member.wishesToVet': 1,
  'member.vetWish': 2,
  'member.publishTask': 1,
  'member.saveRota': 2,
  'member.hall': 2,
  'member.task': 1,
  'member.claim': 3,
  'member.cancel': 3,
  'member.askSwap': 2,
  'member.acceptSwap': 2,
  'member.mine': 2,
  'member.wishes': 2,
  'member.checkinCode': 1,
  'member.checkin': 2,
  'member.checkout': 2,
  'member.submitProof': 2,
  'member.proofsToVerify': 2,
  'member.verify': 4,
  'member.rejectProof': 3,
  'member.rate': 2,
  'member.pointsSettings': 1,
  'member.saveSettings': 1,
  'member.scoreMember': 2,
  'member.postStars': 2,
  'member.stars': 2,
  'member.objectStars': 2,
  'member.yearReport': 2,
  'member.unitReports': 1,
  'member.dashboard': 1,
  // a resident's actions of activity, circle and service (resident-budget-rows.ts)
  'activity.hours': 1,
  'circle.resolve': 2,
  'service.catalogue': 1,
  'service.item': 1,
  'service.nearby': 1,
  'service.slots': 1,
  'service.book': 3,
  'service.cancel': 2,
  'service.mine': 1,
  'service.rate': 2,
};

const WARM: Record<string, [string, unknown]> = {
  user: ['me', {}],
  community: ['tree', {}],
  activity: ['list', {}],
  circle: ['feed', {}],
  service: ['catalogue', { communityId: COMMUNITY }],
  council: ['topics', { communityId: COMMUNITY }],
  demand: ['categories', { communityId: COMMUNITY }],
  member: ['me', {}],
};

/**
 * Each table with the people it knows (the neighbourhood's actors, unless its function knows more).
 * `user` last: its table ends with withdrawing consent and deleting the account, which change the
 * actors themselves (a deleted visitor is refused until the timer has erased them).
 */
const TABLES: [string, readonly Row<string>[], Record<string, string>][] = [
  ['activity', ACTIVITY_ROWS, ACTORS],
  ['circle', CIRCLE_ROWS, ACTORS],
  ['service', SERVICE_ROWS, ACTORS],
  ['council', COUNCIL_ROWS, ACTORS],
  // The resident comes first among the people of demand and member: their actions are measured as a resident.
  ['demand', DEMAND_ROWS, DEMAND_PEOPLE],
  ['member', MEMBER_ROWS, MEMBER_PEOPLE],
  // A resident's actions of activity, circle and service that no table or budget file measures.
  ['resident', RESIDENT_ROWS, ACTORS],
  ['user', USER_ROWS, ACTORS],
];

/** Each action once: its first row, by its first person allowed to succeed. */
function firstOfEachAction(): { fn: string; row: Row<string>; actor: string; openid: string }[] {
  const seen = new Set<string>();
  return TABLES.flatMap(([table, rows, people]) =>
    rows.flatMap((row) => {
      const fn = row.fn ?? table;
      const actor = Object.keys(people).find((a) => (row.allowed === 'everyone' || row.allowed.includes(a)) && !row.notes?.[a]);
      if (!actor || seen.has(`${fn}.${row.action}`)) return [];
      seen.add(`${fn}.${row.action}`);
      return [{ fn, row, actor, openid: people[actor] }];
    }),
  );
}

/**
 * Actions a resident's budget file measures instead of a table row: each case there is the one that
 * costs most (a signup with the waitlist, a check-in on a first call), which a single warm row would not show.
 */
export const MEASURED_IN_FILES: Record<string, readonly string[]> = {
  'activity-db-budget.test.ts': ['activity.signup', 'activity.get', 'activity.list', 'activity.mine', 'activity.cancel', 'activity.approve'],
  'circle-db-budget.test.ts': ['circle.post', 'circle.feed', 'circle.get', 'circle.comment', 'circle.like', 'circle.unlike', 'circle.report', 'circle.remove'],
  'activity-checkin.test.ts': ['activity.checkin', 'activity.checkout'],
};

describe('every action of every function is measured', () => {
  it('by a row of a table here, or in a resident’s budget file that names it', async () => {
    const { contract } = await import('../../domain/contract');
    const declared = Object.entries(contract).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`));
    const rows = new Set(firstOfEachAction().map((c) => `${c.fn}.${c.row.action}`));
    const inFiles = Object.entries(MEASURED_IN_FILES).flatMap(([file, actions]) => {
      const text = fs.readFileSync(path.join(__dirname, file), 'utf8');
      return actions.filter((a) => text.includes(`'${a.split('.')[1]}'`));
    });
    const measured = new Set([...rows, ...inFiles]);
    expect(declared.filter((a) => !measured.has(a))).toEqual([]);
    // And no budget outlives its action.
    expect(Object.keys(REQUEST_BUDGET).filter((a) => !rows.has(a))).toEqual([]);
  });
});

describe('what each action costs in database requests, warm', () => {
  const app = neighbourhoodApp();
  const measured: Record<string, number> = {};
  afterAll(() => {
    const report = process.env.REQUEST_BUDGET_REPORT;
    if (report) fs.writeFileSync(report, JSON.stringify({ measured, budget: REQUEST_BUDGET }));
  });

  it.each(firstOfEachAction().map((c) => ({ ...c, name: `${c.fn}.${c.row.action} as ${c.actor}` })))('$name', async ({ fn, row, actor, openid }) => {
    const e: Emulator = app.emulator;
    const input = await row.input(e, 1000 + Object.keys(measured).length, actor);
    const [warmAction, warmInput] = WARM[fn];
    const warm = await measuredCall(e, openid, fn, warmAction, warmInput);
    expect(warm.res.error?.code).not.toBe('INVALID_ARGUMENT');
    const m = await measuredCall(e, openid, fn, row.action, input);
    expect(m.res).toMatchObject({ ok: true });
    measured[`${fn}.${row.action}`] = m.db;
    const budget = REQUEST_BUDGET[`${fn}.${row.action}`];
    // Every action of the tables has a budget: a new one must say what it may cost.
    expect({ action: `${fn}.${row.action}`, budget }).toEqual({ action: `${fn}.${row.action}`, budget: expect.any(Number) });
    expect({ action: `${fn}.${row.action}`, db: m.db <= budget ? 'within' : m.db }).toEqual({ action: `${fn}.${row.action}`, db: 'within' });
  });
});
