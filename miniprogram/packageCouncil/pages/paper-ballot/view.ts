/**
 * 纸质票录入 (pure): a household's paper ballot as the committee copies it: the building, the room
 * as written on the ballot, and the choices it marks. Per-person votes also need the voter, which
 * this form does not take yet (the function refuses without it, in words).
 */
import { PaperBallot } from '../../../services/council/types';

export interface PaperDraft {
  buildingId: string;
  room: string;
  choices: number[];
}

export type CheckedPaper = { ok: true; input: PaperBallot } | { ok: false; message: string };

export function checkPaper(voteId: string, d: PaperDraft, maxChoices: number): CheckedPaper {
  const room = d.room.trim();
  if (!d.buildingId) return { ok: false, message: '请选择楼栋' };
  if (!room) return { ok: false, message: '请填写室号，如 101' };
  if (d.choices.length === 0) return { ok: false, message: '请勾选选票上的选项' };
  if (d.choices.length > maxChoices) return { ok: false, message: `最多选择 ${maxChoices} 项` };
  return { ok: true, input: { voteId, buildingId: d.buildingId, room, choices: [...d.choices].sort((a, b) => a - b) } };
}
