/** 社区架构 (pure): the community's grids with their buildings, whom residents call, and each change checked with the function's schemas. */
import { unitContactInputSchema, unitNameSchema } from '../../../generated/domain';
import type { Unit } from '../../services/community';

export interface BuildingRow {
  id: string;
  name: string;
}

export interface GridRow {
  id: string;
  name: string;
  contact: string;
  buildings: BuildingRow[];
}

export interface TreeView {
  community: { id: string; name: string; contact: string } | null;
  grids: GridRow[];
}

/** What the committee is changing, shown in one card above the tree. */
export interface Edit {
  unitId: string;
  what: 'name' | 'contact';
  title: string;
  name: string;
  phone: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export const NO_CONTACT = '未设置：居民在“联系我们”里看不到';

export const contactText = (u: Unit): string => (u.contact ? `${u.contact.name} ${u.contact.phone}` : NO_CONTACT);

/** 2号楼 before 10号楼: by the number in the name where both have one. */
function byName(a: Unit, b: Unit): number {
  const na = parseInt(a.name.replace(/^\D*/, ''), 10);
  const nb = parseInt(b.name.replace(/^\D*/, ''), 10);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function treeView(units: Unit[], communityId: string): TreeView {
  const community = units.find((u) => u.id === communityId && u.kind === 'community');
  const live = (kind: Unit['kind'], parentId: string) => units.filter((u) => u.kind === kind && u.parentId === parentId && !u.archived).sort(byName);
  return {
    community: community ? { id: community.id, name: community.name, contact: contactText(community) } : null,
    grids: live('grid', communityId).map((g) => ({ id: g.id, name: g.name, contact: contactText(g), buildings: live('building', g.id).map((b) => ({ id: b.id, name: b.name })) })),
  };
}

export function renameEdit(unit: Unit): Edit {
  return { unitId: unit.id, what: 'name', title: `给“${unit.name}”改名`, name: unit.name, phone: '' };
}

export function contactEdit(unit: Unit): Edit {
  const whose = unit.kind === 'community' ? '居委会' : unit.name;
  return { unitId: unit.id, what: 'contact', title: `${whose}的联系电话`, name: unit.contact ? unit.contact.name : '', phone: unit.contact ? unit.contact.phone : '' };
}

export function checkName(name: string): Checked<string> {
  const checked = unitNameSchema.safeParse(name.trim());
  return checked.success ? { ok: true, value: checked.data } : { ok: false, message: checked.error.issues[0]?.message || '请填写名称' };
}

/** Both left empty clears the phone; otherwise both are checked as the function will. */
export function checkContact(name: string, phone: string): Checked<{ name: string; phone: string } | null> {
  if (!name.trim() && !phone.trim()) return { ok: true, value: null };
  const checked = unitContactInputSchema.safeParse({ name: name.trim(), phone: phone.replace(/\s/g, '') });
  return checked.success ? { ok: true, value: checked.data } : { ok: false, message: checked.error.issues[0]?.message || '请填写联系人和电话' };
}
