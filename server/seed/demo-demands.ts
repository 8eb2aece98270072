import { DeadlineClass } from '../../domain/demands/deadlines';
import { DemandKind } from '../../domain/demands/model';
import { clockFor } from '../../domain/demands/clock';
import { NO_HOLIDAYS } from '../../domain/demands/deadlines';
import { statsOf } from '../../domain/demands/stats';
import { CategoryDoc } from '../repositories/demand-categories';
import { DemandDoc } from '../repositories/demands';

/**
 * The demo community's categories of demands (诉求类别), each with its kind and deadline class:
 * what Shanghai's residents most often bring to their grid.
 */
const CATEGORIES: [id: string, name: string, kind: DemandKind, cls: DeadlineClass][] = [
  ['demo-cat-stair-light', '楼道照明', 'hazard', 'general'],
  ['demo-cat-fire-exit', '消防通道', 'hazard', 'urgent'],
  ['demo-cat-noise', '噪音', 'dispute', 'general'],
  ['demo-cat-leak', '漏水', 'dispute', 'general'],
  ['demo-cat-elder-errand', '助老代办', 'need', 'general'],
  ['demo-cat-policy', '政策咨询', 'need', 'consult'],
  ['demo-cat-repair', '公共设施报修', 'hazard', 'general'],
  ['demo-cat-greenery', '绿化环境', 'suggestion', 'general'],
  ['demo-cat-parking', '停车管理', 'dispute', 'complex'],
  ['demo-cat-renovation', '加装电梯与旧改', 'suggestion', 'complex'],
  ['demo-cat-neighbour', '邻里纠纷', 'dispute', 'general'],
  ['demo-cat-visit', '上门探访', 'need', 'general'],
];

export const DEMO_CATEGORY = Object.fromEntries(CATEGORIES.map(([id, name]) => [name, id])) as Record<string, string>;

export function demoCategories(communityId: string, now: Date): CategoryDoc[] {
  return CATEGORIES.map(([id, name, kind, deadlineClass], i) => ({
    _id: id,
    communityId,
    name,
    kind,
    deadlineClass,
    archived: false,
    order: i + 1,
    createdAt: now,
    updatedAt: now,
  }));
}

/** Buildings stand about 60 m apart in rows of four around the community's point, so a 随手拍 snaps to one. */
export function demoBuildingLocation(b: number): { type: 'Point'; coordinates: [number, number] } {
  return { type: 'Point', coordinates: [121.3205 + 0.00065 * (b % 4), 31.298 + 0.00055 * Math.floor(b / 4)] };
}

let seeded = 0;
/**
 * A demand written straight into the store, in any state, as the function would have left it (its
 * clock from clockFor, its figures from statsOf): for tables and sweeps that need many quickly.
 */
export function demoDemand(overrides: Partial<DemandDoc> & { at?: Date } = {}): DemandDoc {
  const at = overrides.at ?? new Date();
  const state = overrides.state ?? 'submitted';
  const cls = overrides.deadlineClass ?? 'general';
  const base: Omit<DemandDoc, 'stats' | 'version'> = {
    _id: `seeded-${++seeded}-${Math.random().toString(36).slice(2, 8)}`,
    communityId: 'demo-community',
    gridId: 'demo-grid-1',
    gridName: '第1微网格',
    buildingId: 'demo-building-1',
    buildingName: '1号楼',
    kind: 'need',
    categoryId: 'demo-cat-elder-errand',
    categoryName: '助老代办',
    deadlineClass: cls,
    text: '想请网格员帮忙代办老年卡',
    photos: [],
    location: null,
    urgent: false,
    anonymous: false,
    channel: 'app',
    reporter: 'demo-resident-1',
    reporterName: '王秀英',
    enteredBy: null,
    enteredByName: null,
    followers: ['demo-resident-1'],
    state,
    level: 'grid',
    open: !['closed', 'rejected', 'duplicate'].includes(state),
    handler: null,
    handlerName: null,
    ...clockFor(state, cls, at, NO_HOLIDAYS, overrides.parked?.reviewOn ?? '2099-01-01'),
    misses: [],
    deadlines: [],
    lastSweep: null,
    reopenedAt: [],
    extended: false,
    parked: null,
    rejectedReason: null,
    duplicateOf: null,
    rating: null,
    closedHow: null,
    meToo: [],
    meTooCount: 0,
    timeline: [{ at, action: 'report', actorKind: 'reporter', actor: 'demo-resident-1', actorName: '王秀英', level: 'grid', toLevel: null, note: null, photos: [], missed: null }],
    createdAt: at,
    acceptedAt: state === 'submitted' ? null : at,
    resolvedAt: state === 'resolved' ? at : null,
    closedAt: null,
    updatedAt: at,
  };
  const { at: _at, ...rest } = overrides;
  void _at;
  const doc = { ...base, ...rest } as Omit<DemandDoc, 'stats' | 'version'>;
  if (!rest.deadlines) doc.deadlines = doc.clock === 'deadline' && doc.dueKind ? [{ level: doc.level, kind: doc.dueKind, dueAt: doc.dueAt }] : [];
  if (rest.meToo && !rest.followers) doc.followers = [doc.reporter, ...rest.meToo];
  return { ...doc, stats: statsOf(doc), version: 1 };
}
