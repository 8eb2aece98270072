/** 发布纪要 (pure): the minutes checked before a call in the function's words (10–5000 characters). */

export type Checked<T> = { ok: true; input: T } | { ok: false; message: string };

export function checkMinutes(text: string): Checked<{ text: string }> {
  const t = text.trim();
  if (t.length < 10) return { ok: false, message: '会议纪要至少 10 个字' };
  if (t.length > 5000) return { ok: false, message: '会议纪要最多 5000 个字' };
  return { ok: true, input: { text: t } };
}
