/**
 * The panels of 诉求详情 (pure): a note with photos (更新进展, 办结 with its after-photo, 挂账 with a
 * review day, 恢复办理), and the reporter's 确认 (solved or not, how satisfied, a comment). Each is
 * checked with the function's own schemas, so the first problem reads as the function would say it.
 */
import { SATISFACTION_NAMES, Satisfaction, calendarDaySchema, demandNoteSchema, reasonSchema, shanghaiDay } from '../../../generated/domain';

export type NoteMove = 'update' | 'resolve' | 'park' | 'unpark';

export interface NotePanel {
  move: NoteMove;
  title: string;
  placeholder: string;
  /** Photos are asked for (更新进展, 办结). */
  photos: boolean;
  /** A review day is asked for (挂账). */
  reviewOn: boolean;
  submitText: string;
}

export const NOTE_PANELS: Record<NoteMove, NotePanel> = {
  update: { move: 'update', title: '更新进展', placeholder: '做了什么、下一步是什么', photos: true, reviewOn: false, submitText: '提交进展' },
  resolve: { move: 'resolve', title: '办结', placeholder: '怎么解决的（反映人会看到并确认）', photos: true, reviewOn: false, submitText: '办结' },
  park: { move: 'park', title: '挂账', placeholder: '在等什么（如区里的维修资金）', photos: false, reviewOn: true, submitText: '挂账' },
  unpark: { move: 'unpark', title: '恢复办理', placeholder: '现在可以办了：说明情况', photos: false, reviewOn: false, submitText: '恢复办理' },
};

export const isNoteMove = (m: string): m is NoteMove => m in NOTE_PANELS;

export type NoteInput =
  | { move: 'update'; input: { note: string; photos?: string[] } }
  | { move: 'resolve'; input: { note: string; photos: string[] } }
  | { move: 'park'; input: { reason: string; reviewOn: string } }
  | { move: 'unpark'; input: { note: string } };

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const first = (r: { error?: { issues: { message: string }[] } }, fallback: string) => r.error?.issues[0]?.message || fallback;

/** Before uploading anything: is the panel ready to send? */
export function checkNote(move: NoteMove, note: string, photoCount: number, reviewOn: string): Checked<string> {
  const schema = move === 'park' ? reasonSchema : demandNoteSchema;
  const text = schema.safeParse(note);
  if (!text.success) return { ok: false, message: first(text, '请写下说明') };
  if (move === 'resolve' && photoCount === 0) return { ok: false, message: '请上传至少一张办理后的照片' };
  if (move === 'park' && !calendarDaySchema.safeParse(reviewOn).success) return { ok: false, message: '请选择复查日期' };
  return { ok: true, value: text.data };
}

/** The move's input once the photos are uploaded. */
export function noteInput(move: NoteMove, note: string, photos: string[], reviewOn: string): NoteInput {
  switch (move) {
    case 'update':
      return { move, input: photos.length > 0 ? { note, photos } : { note } };
    case 'resolve':
      return { move, input: { note, photos } };
    case 'park':
      return { move, input: { reason: note, reviewOn } };
    case 'unpark':
      return { move, input: { note } };
  }
}

export interface Choice<T> {
  value: T;
  name: string;
}
export const SOLVED_CHOICES: Choice<boolean>[] = [
  { value: true, name: '已解决' },
  { value: false, name: '没解决' },
];
export const SATISFACTION_CHOICES: Choice<Satisfaction>[] = (['satisfied', 'basic', 'unsatisfied'] as const).map((value) => ({ value, name: SATISFACTION_NAMES[value] }));

export interface RateDraft {
  /** '' until chosen. */
  solved: '' | 'yes' | 'no';
  satisfaction: '' | Satisfaction;
  comment: string;
}

export function rateInput(d: RateDraft): Checked<{ solved: boolean; satisfaction: Satisfaction; comment?: string }> {
  if (!d.solved) return { ok: false, message: '请选择问题是否已解决' };
  if (!d.satisfaction) return { ok: false, message: '请选择满意程度' };
  const comment = d.comment.trim();
  if (comment) {
    const checked = demandNoteSchema.safeParse(comment);
    if (!checked.success) return { ok: false, message: first(checked, '评价内容有误') };
  }
  return { ok: true, value: comment ? { solved: d.solved === 'yes', satisfaction: d.satisfaction, comment } : { solved: d.solved === 'yes', satisfaction: d.satisfaction } };
}

/** A review day a month from `now` (Shanghai), the park panel's default. */
export function defaultReviewDay(now: number): string {
  return shanghaiDay(new Date(now + 30 * 24 * 3600_000));
}
