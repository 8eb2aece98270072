/**
 * 异议答复 (pure): a posted campaign's objections as the committee reads them (the reason and the
 * day, never who), whether the answer may be given yet (only once the days of objections are over,
 * as the function says), and the answer checked as the function checks it (2–500 characters).
 */
import { Campaign, Objection } from '../../../services/council/types';
import { shanghaiDateTime } from '../../../utils/time';

export interface ObjectionsView {
  title: string;
  rows: { key: string; reason: string; when: string }[];
  /** '' when the answer may be given now; else why not yet (or why not at all). */
  notYet: string;
  /** The public answer, once given. */
  answered: string;
}

export function objectionsView(c: Campaign, items: readonly Objection[], now: number): ObjectionsView {
  const until = c.objectionsUntil ? Date.parse(c.objectionsUntil) : 0;
  const notYet = c.status === 'final' ? '' : c.status !== 'objected' ? '这次评优没有待答复的异议' : until > now ? `公示期至 ${shanghaiDateTime(c.objectionsUntil as string)}，期满后统一答复` : '';
  return {
    title: c.title,
    rows: items.map((o, i) => ({ key: `${i}`, reason: o.reason, when: shanghaiDateTime(o.createdAt) })),
    notYet,
    answered: c.objectionAnswer ? `已答复：${c.objectionAnswer}` : '',
  };
}

export function checkAnswer(text: string): { ok: true; answer: string } | { ok: false; message: string } {
  const answer = text.trim();
  if (answer.length < 2) return { ok: false, message: '答复至少 2 个字' };
  if (answer.length > 500) return { ok: false, message: '答复最多 500 个字' };
  return { ok: true, answer };
}
