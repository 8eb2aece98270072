/**
 * 纸质票录入 (pure): the ballot being copied, from a topic's vote or a 群众评优 campaign, as one
 * sheet (title, options, how many may be marked, per household or per person, open or not), and a
 * paper ballot as the committee copies it: the building, the room as written, in a per-person vote
 * the resident of that room who signed it, and the choices it marks.
 */
import { CampaignView } from '../../../services/council/present-campaigns';
import { VoteView } from '../../../services/council/present';
import { Member, PaperBallot } from '../../../services/council/types';

export interface Sheet {
  id: string;
  question: string;
  options: string[];
  maxChoices: number;
  choiceHint: string;
  person: boolean;
  open: boolean;
  closes: string;
  turnout: string;
}

export function voteSheet(v: VoteView, unit: 'household' | 'person'): Sheet {
  return { id: v.id, question: v.question, options: v.options, maxChoices: v.maxChoices, choiceHint: v.choiceHint, person: unit === 'person', open: v.open, closes: v.closes, turnout: v.turnout };
}

export function campaignSheet(c: CampaignView): Sheet {
  return { id: c.id, question: c.title, options: c.nominees.map((n) => n.name), maxChoices: c.maxChoices, choiceHint: c.choiceHint, person: false, open: c.open, closes: c.closes, turnout: c.turnout };
}

/** The residents of a room, to name the voter of a per-person ballot. */
export function peopleOf(members: readonly Member[], room: string): { openid: string; name: string }[] {
  const r = room.trim();
  return r ? members.filter((m) => m.room === r).map((m) => ({ openid: m.openid, name: m.displayName })) : [];
}

export interface PaperDraft {
  buildingId: string;
  room: string;
  /** Per-person votes: who signed the ballot. */
  openid: string;
  choices: number[];
}

/** What both channels take: the household, the marks, and for a per-person vote the voter. */
export type PaperInput = Omit<PaperBallot, 'voteId'>;
export type CheckedPaper = { ok: true; input: PaperInput } | { ok: false; message: string };

export function checkPaper(d: PaperDraft, sheet: Pick<Sheet, 'maxChoices' | 'person'>): CheckedPaper {
  const room = d.room.trim();
  if (!d.buildingId) return { ok: false, message: '请选择楼栋' };
  if (!room) return { ok: false, message: '请填写室号，如 101' };
  if (sheet.person && !d.openid) return { ok: false, message: '按人表决：请选择在选票上签名的居民' };
  if (d.choices.length === 0) return { ok: false, message: '请勾选选票上的选项' };
  if (d.choices.length > sheet.maxChoices) return { ok: false, message: `最多选择 ${sheet.maxChoices} 项` };
  const choices = [...d.choices].sort((a, b) => a - b);
  return { ok: true, input: { buildingId: d.buildingId, room, choices, ...(sheet.person ? { openid: d.openid } : {}) } };
}
