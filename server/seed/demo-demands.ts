import { DeadlineClass } from '../../domain/demands/deadlines';
import { DemandKind } from '../../domain/demands/model';
import { CategoryDoc } from '../repositories/demand-categories';

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
    _id: id, communityId, name, kind, deadlineClass, archived: false, order: i + 1, createdAt: now, updatedAt: now,
  }));
}

/** Buildings stand about 60 m apart in rows of four around the community's point, so a 随手拍 snaps to one. */
export function demoBuildingLocation(b: number): { type: 'Point'; coordinates: [number, number] } {
  return { type: 'Point', coordinates: [121.3205 + 0.00065 * (b % 4), 31.2980 + 0.00055 * Math.floor(b / 4)] };
}
