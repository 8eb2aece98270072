/** What 微心愿 sends (pure): the wish in the function's own words. */
import { taskNoteSchema, taskTitleSchema } from '../../../generated/domain';

export function checkWish(title: string, note: string): { ok: true; title: string; note: string } | { ok: false; message: string } {
  const t = taskTitleSchema.safeParse(title);
  if (!t.success) return { ok: false, message: t.error.issues[0]?.message || '请写下心愿' };
  const n = taskNoteSchema.safeParse(note);
  if (!n.success) return { ok: false, message: n.error.issues[0]?.message || '说明太长了' };
  return { ok: true, title: t.data, note: n.data };
}

/** 1–5 stars for the chips. */
export const STAR_CHOICES = [1, 2, 3, 4, 5];
