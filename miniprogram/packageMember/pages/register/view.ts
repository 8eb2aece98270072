/**
 * What 党员报到 shows and sends (pure): the times to serve offered as chips, the skills typed as a
 * list, and the first problem in the form in the function's own words (the contract's schemas).
 */
import { branchSchema, contactNameSchema, phoneSchema, serveTimesSchema, skillsSchema, workUnitSchema } from '../../../generated/domain';
import type { NewRegistration, Registration } from '../../../services/member/types';

/** The times most members can give; one typed by the member joins them. */
export const SERVE_TIMES = ['工作日白天', '工作日晚上', '周六上午', '周六下午', '周日上午', '周日下午'];

export interface Draft {
  workUnit: string;
  branch: string;
  contactName: string;
  contactPhone: string;
  /** "垃圾分类、电脑维修" as typed. */
  skills: string;
  serveTimes: string[];
}

export const EMPTY_DRAFT: Draft = { workUnit: '', branch: '', contactName: '', contactPhone: '', skills: '', serveTimes: [] };

/** "垃圾分类、电脑维修, 理发" → ['垃圾分类', '电脑维修', '理发']: any of 、，, ; or spaces between, no repeats. */
export function splitList(text: string): string[] {
  const items = text
    .split(/[、，,；;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.filter((s, i) => items.indexOf(s) === i);
}

/** The form again after a rejection, as it was sent. */
export function draftOf(r: Registration): Draft {
  return { workUnit: r.workUnit, branch: r.branch, contactName: r.contactName, contactPhone: r.contactPhone || '', skills: r.skills.join('、'), serveTimes: [...r.serveTimes] };
}

/** A chip on or off, keeping the order they were chosen in. */
export function toggled(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export type Checked = { ok: true; input: NewRegistration } | { ok: false; message: string };

/** The registration as the contract takes it, or the first thing to fix. */
export function checkDraft(d: Draft): Checked {
  const fields = [
    workUnitSchema.safeParse(d.workUnit),
    branchSchema.safeParse(d.branch),
    contactNameSchema.safeParse(d.contactName),
    phoneSchema.safeParse(d.contactPhone.trim()),
    skillsSchema.safeParse(splitList(d.skills)),
    serveTimesSchema.safeParse(d.serveTimes),
  ] as const;
  for (const f of fields) if (!f.success) return { ok: false, message: f.error.issues[0]?.message || '请检查填写的内容' };
  const [workUnit, branch, contactName, contactPhone, skills, serveTimes] = fields;
  if (!workUnit.success || !branch.success || !contactName.success || !contactPhone.success || !skills.success || !serveTimes.success) return { ok: false, message: '请检查填写的内容' };
  return { ok: true, input: { workUnit: workUnit.data, branch: branch.data, contactName: contactName.data, contactPhone: contactPhone.data, skills: skills.data, serveTimes: serveTimes.data } };
}
