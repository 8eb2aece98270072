/**
 * 更新进展 (pure): a progress update checked before a call in the function's words: 0–100%, never
 * below the last, a day between the project's start and today (Shanghai), a 2–1000 character note.
 */
import { shanghaiClock } from '../../../generated/domain';
import { NewProgress } from '../../../services/council/types';
import { Checked } from '../minutes/view';

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in Shanghai, YYYY-MM-DD, whatever the phone's zone. */
export function shanghaiToday(now: number): string {
  const t = shanghaiClock(now);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

export interface ProgressDraft {
  percent: string;
  text: string;
  day: string;
}

export function checkProgress(topicId: string, d: ProgressDraft, last: { percent: number; startedOn: string }, today: string): Checked<NewProgress> {
  const percent = Number(d.percent.trim());
  const text = d.text.trim();
  if (!d.percent.trim() || !Number.isInteger(percent) || percent < 0 || percent > 100) return { ok: false, message: '进度请填 0 到 100 的整数' };
  if (percent < last.percent) return { ok: false, message: `进度不能低于上次的 ${last.percent}%` };
  if (text.length < 2) return { ok: false, message: '进展说明至少 2 个字' };
  if (text.length > 1000) return { ok: false, message: '进展说明最多 1000 个字' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.day)) return { ok: false, message: '请选择日期' };
  if (d.day > today) return { ok: false, message: '进展日期不能晚于今天' };
  if (d.day < last.startedOn) return { ok: false, message: '进展日期不能早于项目开始的日子' };
  return { ok: true, input: { topicId, percent, text, day: d.day } };
}
