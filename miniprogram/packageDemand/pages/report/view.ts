/**
 * What 我要反映 shows and sends (pure): the kinds, the community's categories of the chosen kind, the
 * first problem in the form in plain words (the function's own text schema), the report as the
 * contract takes it, and the neighbours' open demands offered as 我也遇到.
 */
import { DEADLINE_CLASS_NAMES, DEMAND_KINDS, DEMAND_KIND_NAMES, DemandKind, Profile, demandTextSchema } from '../../../generated/domain';
import type { Category, NewDemand, Similar } from '../../../services/demand/types';
import { shanghaiDateTime } from '../../../utils/time';

export interface KindOption {
  value: DemandKind;
  name: string;
}
export const KIND_OPTIONS: KindOption[] = DEMAND_KINDS.map((value) => ({ value, name: DEMAND_KIND_NAMES[value] }));

export const kindOf = (value: unknown): DemandKind | undefined => KIND_OPTIONS.find((k) => k.value === value)?.value;

export interface CategoryOption {
  id: string;
  name: string;
  /** 一般：1 个工作日内受理 … */
  note: string;
}

const CLASS_NOTES: Record<Category['deadlineClass'], string> = {
  urgent: '2 小时内响应，24 小时内处置',
  consult: '1 个工作日内答复',
  general: '1 个工作日内受理，5 个工作日内办结',
  complex: '1 个工作日内受理，15 个工作日内办结',
};

/** The categories of `kind` still in use, for the chips. */
export function categoryOptions(all: readonly Category[], kind: DemandKind): CategoryOption[] {
  return all.filter((c) => c.kind === kind && !c.archived).map((c) => ({ id: c.id, name: c.name, note: `${DEADLINE_CLASS_NAMES[c.deadlineClass]}：${CLASS_NOTES[c.deadlineClass]}` }));
}

/** Who reports and from where: a resident from their building; a mobile grid worker from where they stand. */
export interface Reporter {
  openid: string;
  communityId: string;
  buildingId: string;
  /** 1号楼 · 第一网格, or '' without a building. */
  placeText: string;
  /** A 移动网格员 away from home gives a location and at least one photo (随手拍). */
  mobile: boolean;
}

export const NOT_BOUND = '请先在“我的”绑定你所在的楼组，再反映诉求';

export function reporterOf(me: Profile): Reporter | null {
  const mobileRole = me.roles.find((r) => r.role === 'mobileGridWorker' || r.role === 'gridWorker' || r.role === 'committee');
  const communityId = (me.community && me.building ? me.community.id : '') || (mobileRole && 'communityId' in mobileRole ? mobileRole.communityId : '');
  if (!communityId) return null;
  const buildingId = me.building && me.community && me.community.id === communityId ? me.building.id : '';
  return {
    openid: me.openid,
    communityId,
    buildingId,
    placeText: buildingId && me.building ? (me.grid ? `${me.building.name} · ${me.grid.name}` : me.building.name) : '',
    mobile: !buildingId,
  };
}

export interface Draft {
  kind: DemandKind;
  categoryId: string;
  text: string;
  photos: number;
  urgent: boolean;
  anonymous: boolean;
  /** A mobile grid worker's location, once found. */
  located: boolean;
}

export type Checked = { ok: true; text: string } | { ok: false; message: string };

/** The first thing to fix, in the words the function would use. */
export function checkDraft(d: Draft, reporter: Reporter): Checked {
  if (!d.categoryId) return { ok: false, message: '请选择一个类别' };
  const text = demandTextSchema.safeParse(d.text);
  if (!text.success) return { ok: false, message: text.error.issues[0]?.message || '请写下要反映的情况' };
  if (reporter.mobile && !d.located) return { ok: false, message: '随手拍需要当前位置：请点“使用当前位置”' };
  if (reporter.mobile && d.photos === 0) return { ok: false, message: '随手拍请至少拍一张照片' };
  return { ok: true, text: text.data };
}

/** The report as the contract takes it; what is off stays out. */
export function reportInput(d: Draft, text: string, reporter: Reporter, photos: string[], location: { type: 'Point'; coordinates: [number, number] } | null): NewDemand {
  const input: NewDemand = { categoryId: d.categoryId, text };
  if (photos.length > 0) input.photos = photos;
  if (reporter.buildingId) input.buildingId = reporter.buildingId;
  else {
    input.communityId = reporter.communityId;
    if (location) input.location = location;
  }
  if (d.urgent) input.urgent = true;
  if (d.anonymous) input.anonymous = true;
  return input;
}

export interface SimilarRow {
  id: string;
  title: string;
  note: string;
  meToo: boolean;
}

/** A neighbour's open demand like mine: no text, no names, just what, where and since when. */
export function similarRow(s: Similar): SimilarRow {
  const where = s.building || (s.distanceMetres !== null ? `${Math.round(s.distanceMetres)} 米内` : '');
  const count = s.meTooCount > 0 ? `，${s.meTooCount} 位邻居也遇到` : '';
  return {
    id: s.id,
    title: where ? `${s.category} · ${where}` : s.category,
    note: `${shanghaiDateTime(s.createdAt)} 反映${count}`,
    meToo: s.meToo,
  };
}
