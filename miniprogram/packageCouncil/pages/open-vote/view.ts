/**
 * 发起表决 (pure): the committee's draft of a vote checked as the function checks it (2–10 options
 * of 1–40 characters, up to as many choices as options, a window of 3–7 days), and when it closes.
 */
import { NewVote } from '../../../services/council/types';
import { shanghaiDateTime } from '../../../utils/time';

export interface VoteDraft {
  question: string;
  options: string[];
  maxChoices: number;
  unit: 'household' | 'person';
  days: number;
}

export const DAY_CHOICES = [3, 4, 5, 6, 7];
export const UNIT_CHOICES = [
  { value: 'household', name: '每户一票' },
  { value: 'person', name: '每人一票' },
];

export const defaultDraft = (title: string): VoteDraft => ({ question: `是否同意：${title}？`, options: ['同意', '不同意', '弃权'], maxChoices: 1, unit: 'household', days: 5 });

export type CheckedVote = { ok: true; input: NewVote } | { ok: false; message: string };

export function checkVote(topicId: string, d: VoteDraft): CheckedVote {
  const question = d.question.trim();
  const options = d.options.map((o) => o.trim()).filter(Boolean);
  if (question.length < 2 || question.length > 100) return { ok: false, message: '表决事项应为 2–100 个字' };
  if (options.length < 2) return { ok: false, message: '至少两个选项' };
  if (options.length > 10) return { ok: false, message: '最多 10 个选项' };
  if (options.some((o) => o.length > 40)) return { ok: false, message: '每个选项最多 40 个字' };
  if (new Set(options).size !== options.length) return { ok: false, message: '选项不能重复' };
  if (!Number.isInteger(d.maxChoices) || d.maxChoices < 1 || d.maxChoices > options.length) return { ok: false, message: '可选项数应在 1 和选项数之间' };
  if (!DAY_CHOICES.includes(d.days)) return { ok: false, message: '表决期为 3–7 天' };
  return { ok: true, input: { topicId, question, options, maxChoices: d.maxChoices, unit: d.unit, days: d.days } };
}

/** "2026年12月8日 10:00 截止" for a vote opened at `now`. */
export const closingText = (now: number, days: number): string => `${shanghaiDateTime(new Date(now + days * 24 * 3600_000).toISOString())} 截止`;
