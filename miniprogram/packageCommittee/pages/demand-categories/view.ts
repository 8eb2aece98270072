/** 诉求类别 (pure): each category with its kind and deadline class in words, the pickers' choices, and the new one checked with the function's schema. */
import { DEADLINE_CLASSES, DEADLINE_CLASS_NAMES, DEMAND_KINDS, DEMAND_KIND_NAMES, categoryNameSchema } from '../../../generated/domain';
import type { Category, CategoryChange } from '../../../services/demand/types';

export const KIND_CHOICES = DEMAND_KINDS.map((value) => ({ value, name: DEMAND_KIND_NAMES[value] }));
export const CLASS_CHOICES = DEADLINE_CLASSES.map((value) => ({ value, name: DEADLINE_CLASS_NAMES[value] }));

export interface CategoryRow {
  id: string;
  name: string;
  note: string;
  archived: boolean;
}

export const categoryRow = (c: Category): CategoryRow => ({
  id: c.id,
  name: c.name,
  note: `${DEMAND_KIND_NAMES[c.kind]} · ${DEADLINE_CLASS_NAMES[c.deadlineClass]}${c.archived ? ' · 已停用' : ''}`,
  archived: c.archived,
});

export type Checked = { ok: true; change: CategoryChange } | { ok: false; message: string };

export function newCategory(communityId: string, name: string, kindIndex: number, classIndex: number): Checked {
  const checked = categoryNameSchema.safeParse(name);
  if (!checked.success) return { ok: false, message: checked.error.issues[0]?.message || '请填写类别名称' };
  const kind = KIND_CHOICES[kindIndex];
  const cls = CLASS_CHOICES[classIndex];
  if (!kind || !cls) return { ok: false, message: '请选择类型和办理时限' };
  return { ok: true, change: { communityId, name: checked.data, kind: kind.value, deadlineClass: cls.value } };
}

/** The same category, used again or no longer (停用 keeps its demands and their figures). */
export const archiveChange = (c: Category, archived: boolean): CategoryChange => ({
  communityId: c.communityId,
  categoryId: c.id,
  name: c.name,
  kind: c.kind,
  deadlineClass: c.deadlineClass,
  archived,
});
