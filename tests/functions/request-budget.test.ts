import fs from 'node:fs';
import { Emulator } from '../../emulator/app';
import { TABLE as ACTIVITY_ROWS } from './activity-permission-rows';
import { measuredCall } from './activity-fixtures';
import { TABLE as CIRCLE_ROWS } from './circle-permission-rows';
import { TABLE as COUNCIL_ROWS } from './council-permission-rows';
import { ACTORS, Actor, COMMUNITY } from './neighbourhood';
import { ALL, Row, neighbourhoodApp } from './permission-table';
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
  'activity.review': 10,
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
  'council.openVote': 7,
  'council.castVote': 6,
  'council.paperBallot': 6,
  'council.closeVote': 6,
  'council.vote': 2,
  'council.topicFromDemand': 3,
  'council.comment': 2,
  'council.comments': 2,
  'council.commentQueue': 1,
  'council.moderateComment': 2,
  'council.scheduleMeeting': 6,
  'council.publishMinutes': 4,
  'council.meetings': 2,
  'council.startProject': 3,
  'council.reportProgress': 6,
  'council.project': 2,
  'council.openCampaign': 6,
  'council.campaignVote': 6,
  'council.campaignPaperBallot': 6,
  'council.closeCampaign': 5,
  'council.objectCampaign': 3,
  'council.answerObjections': 2,
  'council.objections': 2,
  'council.campaigns': 2,
  'council.campaign': 2,
  'council.threeRatings': 2,
};

const WARM: Record<string, [string, unknown]> = {
  user: ['me', {}],
  community: ['tree', {}],
  activity: ['list', {}],
  circle: ['feed', {}],
  service: ['catalogue', { communityId: COMMUNITY }],
  council: ['topics', { communityId: COMMUNITY }],
};

// `user` last: its table ends with withdrawing consent and deleting the account, which change the
// actors themselves (a deleted visitor is refused until the timer has erased them).
const TABLES: [string, readonly Row[]][] = [
  ['activity', ACTIVITY_ROWS],
  ['circle', CIRCLE_ROWS],
  ['service', SERVICE_ROWS],
  ['council', COUNCIL_ROWS],
  ['user', USER_ROWS],
];

/** Each action once: its first row, by its first person allowed to succeed. */
function firstOfEachAction(): { fn: string; row: Row; actor: Actor }[] {
  const seen = new Set<string>();
  return TABLES.flatMap(([table, rows]) =>
    rows.flatMap((row) => {
      const fn = row.fn ?? table;
      const actor = ALL.find((a) => (row.allowed === 'everyone' || row.allowed.includes(a)) && !row.notes?.[a]);
      if (!actor || seen.has(`${fn}.${row.action}`)) return [];
      seen.add(`${fn}.${row.action}`);
      return [{ fn, row, actor }];
    }),
  );
}

describe('what each action costs in database requests, warm', () => {
  const app = neighbourhoodApp();
  const measured: Record<string, number> = {};
  afterAll(() => {
    const report = process.env.REQUEST_BUDGET_REPORT;
    if (report) fs.writeFileSync(report, JSON.stringify({ measured, budget: REQUEST_BUDGET }));
  });

  it.each(firstOfEachAction().map((c) => ({ ...c, name: `${c.fn}.${c.row.action} as ${c.actor}` })))('$name', async ({ fn, row, actor }) => {
    const e: Emulator = app.emulator;
    const input = await row.input(e, 1000 + Object.keys(measured).length, actor);
    const [warmAction, warmInput] = WARM[fn];
    const warm = await measuredCall(e, ACTORS[actor], fn, warmAction, warmInput);
    expect(warm.res.error?.code).not.toBe('INVALID_ARGUMENT');
    const m = await measuredCall(e, ACTORS[actor], fn, row.action, input);
    expect(m.res).toMatchObject({ ok: true });
    measured[`${fn}.${row.action}`] = m.db;
    const budget = REQUEST_BUDGET[`${fn}.${row.action}`];
    // Every action of the tables has a budget: a new one must say what it may cost.
    expect({ action: `${fn}.${row.action}`, budget }).toEqual({ action: `${fn}.${row.action}`, budget: expect.any(Number) });
    expect({ action: `${fn}.${row.action}`, db: m.db <= budget ? 'within' : m.db }).toEqual({ action: `${fn}.${row.action}`, db: 'within' });
  });
});
