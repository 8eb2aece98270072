import { Role } from '../people';
import { canManageCommunity, isAdmin } from '../permissions';
import { DeadlineClass, DEADLINE_RULES } from './deadlines';
import { DemandKind, DemandMove, DemandState, Level, LEVELS, isOpenState } from './model';

/**
 * Who may see and do what with a demand: pure rules the `demand` function enforces and the pages
 * use (`can` in every answer). The table test (tests/functions/demand-permissions.test.ts) checks
 * every action for every role.
 */

/** Who someone is to a community: their roles and, when bound, their building. */
export interface DemandViewer {
  openid: string;
  roles: readonly Role[];
  communityId: string | null;
  gridId: string | null;
  buildingId: string | null;
}

/** The facts of a demand the rules look at. */
export interface DemandFacts {
  communityId: string;
  gridId: string;
  kind: DemandKind;
  deadlineClass: DeadlineClass;
  state: DemandState;
  level: Level;
  /** The resident it is for. */
  reporter: string;
  /** The building leader or committee member who entered it for them. */
  enteredBy: string | null;
  handler: string | null;
  meToo: readonly string[];
  reopenedAt: readonly Level[];
  extended: boolean;
}

export const isGridWorkerOf = (roles: readonly Role[], communityId: string, gridId: string) => roles.some((r) => r.role === 'gridWorker' && r.communityId === communityId && r.gridId === gridId);
export const isMobileGridWorkerOf = (roles: readonly Role[], communityId: string) => roles.some((r) => r.role === 'mobileGridWorker' && r.communityId === communityId);
export const leaderBuildings = (roles: readonly Role[], communityId: string) => roles.flatMap((r) => (r.role === 'buildingLeader' && r.communityId === communityId ? [r.buildingId] : []));

/** The level above, or null at the street. */
export const levelAbove = (level: Level): Level | null => LEVELS[LEVELS.indexOf(level) + 1] ?? null;

/** People of a level: a grid's workers; the community's committee; the street (admins). Committee and street also act below them. */
export function handlesLevel(viewer: DemandViewer, d: Pick<DemandFacts, 'communityId' | 'gridId' | 'level'>): boolean {
  if (isAdmin(viewer.roles)) return true;
  if (d.level !== 'street' && canManageCommunity(viewer.roles, d.communityId)) return true;
  return d.level === 'grid' && isGridWorkerOf(viewer.roles, d.communityId, d.gridId);
}

/** The resident it is for, or whoever entered it for them. */
export const isSubject = (viewer: DemandViewer, d: Pick<DemandFacts, 'reporter' | 'enteredBy'>) => viewer.openid === d.reporter || viewer.openid === d.enteredBy;

/**
 * How much of a demand a viewer sees. `full`: everything (the subject, the committee, the street,
 * the assigned handler, the grid's workers; for a dispute the grid's workers only while it is theirs
 * to handle). `neighbour`: a me-too of a need, hazard or suggestion: text and photos, names only of
 * those who are not anonymous, never phones. `outline`: state, dates and timeline steps without
 * notes, photos or people (a me-too of a dispute, a grid worker after a dispute left the grid).
 * `none`: only the public ledger.
 */
export type DemandAccess = 'full' | 'neighbour' | 'outline' | 'none';
export function accessOf(viewer: DemandViewer, d: DemandFacts): DemandAccess {
  if (isSubject(viewer, d) || canManageCommunity(viewer.roles, d.communityId) || viewer.openid === d.handler) return 'full';
  const gridWorker = isGridWorkerOf(viewer.roles, d.communityId, d.gridId);
  if (gridWorker && (d.kind !== 'dispute' || d.level === 'grid')) return 'full';
  if (gridWorker) return 'outline';
  if (d.meToo.includes(viewer.openid)) return d.kind === 'dispute' ? 'outline' : 'neighbour';
  return 'none';
}

const WORKING: readonly DemandState[] = ['accepted', 'in_progress'];
const BEFORE_DONE: readonly DemandState[] = ['submitted', 'accepted', 'in_progress'];

type Rule = (viewer: DemandViewer, d: DemandFacts) => boolean;
const handles: Rule = (v, d) => handlesLevel(v, d);
const handlesOrAssigned: Rule = (v, d) => handlesLevel(v, d) || v.openid === d.handler;
const committee: Rule = (v, d) => canManageCommunity(v.roles, d.communityId);
const subject: Rule = (v, d) => isSubject(v, d);

/**
 * Each move: WHO may make it (else PERMISSION_DENIED) and WHEN it can be made (else
 * FAILED_PRECONDITION: the right person, at the wrong moment).
 */
export const MOVE_RULES: Record<DemandMove, { who: Rule; when: (d: DemandFacts) => boolean }> = {
  accept: { who: handles, when: (d) => d.state === 'submitted' },
  reject: { who: handles, when: (d) => d.state === 'submitted' },
  merge: { who: handles, when: (d) => BEFORE_DONE.includes(d.state) },
  assign: { who: handles, when: (d) => WORKING.includes(d.state) },
  update: { who: handlesOrAssigned, when: (d) => [...WORKING, 'parked'].includes(d.state) },
  resolve: { who: handlesOrAssigned, when: (d) => d.state === 'in_progress' },
  confirm: { who: subject, when: (d) => d.state === 'resolved' },
  reopen: { who: subject, when: (d) => d.state === 'resolved' && !d.reopenedAt.includes(d.level) },
  escalate: { who: handles, when: (d) => d.level !== 'street' && BEFORE_DONE.includes(d.state) },
  transfer: { who: handles, when: (d) => d.level === 'grid' && BEFORE_DONE.includes(d.state) },
  extend: { who: committee, when: (d) => DEADLINE_RULES[d.deadlineClass].extension !== null && !d.extended && WORKING.includes(d.state) },
  park: { who: committee, when: (d) => WORKING.includes(d.state) },
  unpark: { who: committee, when: (d) => d.state === 'parked' },
  meToo: {
    who: (v, d) => v.communityId === d.communityId && v.buildingId !== null && !isSubject(v, d),
    when: (d) => isOpenState(d.state),
  },
};

/** The moves a viewer may make on a demand now. */
export function movesOf(viewer: DemandViewer, d: DemandFacts): DemandMove[] {
  return (Object.keys(MOVE_RULES) as DemandMove[]).filter((m) => MOVE_RULES[m].who(viewer, d) && MOVE_RULES[m].when(d) && !(m === 'meToo' && d.meToo.includes(viewer.openid)));
}

/** Said to someone who may never make a move on this demand. */
export const NOT_YOURS = '你没有权限这样处理这件诉求';

/** Said to the right person at the wrong moment (FAILED_PRECONDITION). */
export const MOVE_REFUSALS: Record<DemandMove, string> = {
  accept: '这件诉求已不在待受理状态',
  reject: '这件诉求已不在待受理状态',
  merge: '这件诉求已办结或已关闭，不能合并',
  assign: '请先受理（立案）再分派',
  update: '这件诉求现在不能更新进展',
  resolve: '请先分派办理人再办结',
  confirm: '这件诉求还没有办结，暂时不能确认',
  reopen: '这件诉求在这一级已经重新打开过一次，或还没有办结',
  escalate: '这件诉求已在街道或已办结，不能再上报',
  transfer: '只有在网格、尚未办结的诉求可以转派',
  extend: '只有复杂诉求可以延期，且只能延期一次',
  park: '只有已立案、办理中的诉求可以挂账',
  unpark: '这件诉求没有挂账',
  meToo: '这件诉求已经关闭，或你已经点过“我也遇到”',
};
