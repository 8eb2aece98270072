/**
 * 召开会议 (pure): which of the three meetings a topic may have at its stage (听证会 and 协调会 from
 * its acceptance until the vote closes, 评议会 also while it is carried out, as the function's
 * meetingStageProblem), a draft in Shanghai wall-clock time, and the draft checked as the function
 * checks it (place 1–60 characters, 1–5000 places, a start later than now, an end after it).
 */
import { shanghaiDay as dayOf } from '../../../generated/domain';
import { NewMeeting, TopicStage } from '../../../services/council/types';

export type MeetingKind = NewMeeting['kind'];

export const KIND_NAMES: Record<MeetingKind, string> = { hearing: '听证会', coordination: '协调会', review: '评议会' };

/** The kinds a meeting on a topic at `stage` may be, in the order they are usually held. */
export function kindsAt(stage: TopicStage): { value: MeetingKind; name: string }[] {
  const open = stage === 'accepted' || stage === 'deliberating' || stage === 'voting';
  const carried = stage === 'decided' || stage === 'in_progress';
  const kinds: MeetingKind[] = open ? ['hearing', 'coordination', 'review'] : carried ? ['review'] : [];
  return kinds.map((value) => ({ value, name: KIND_NAMES[value] }));
}

export interface MeetingDraft {
  kind: MeetingKind;
  title: string;
  place: string;
  /** YYYY-MM-DD, a Shanghai calendar day (as the date picker gives it). */
  day: string;
  /** HH:mm, Shanghai wall-clock time. */
  start: string;
  end: string;
  capacity: string;
}

/** The Shanghai calendar day `days` after `now`. */
export const shanghaiDay = (now: number, days: number): string => dayOf(new Date(now + days * 24 * 3600_000));

/** Tomorrow evening in the community, 30 places: 协调会 while the topic is open, 评议会 once decided. */
export function defaultDraft(stage: TopicStage, now: number): MeetingDraft {
  const kinds = kindsAt(stage);
  const kind = kinds.some((k) => k.value === 'coordination') ? 'coordination' : (kinds[0]?.value ?? 'coordination');
  return { kind, title: '', place: '居委会二楼会议室', day: shanghaiDay(now, 1), start: '19:00', end: '20:30', capacity: '30' };
}

/** A Shanghai day and wall-clock time as the instant the function stores. */
export const instantOf = (day: string, time: string): Date => new Date(`${day}T${time}:00+08:00`);

export type CheckedMeeting = { ok: true; input: NewMeeting } | { ok: false; message: string };

export function checkMeeting(topicId: string, d: MeetingDraft, now: number): CheckedMeeting {
  const title = d.title.trim();
  const place = d.place.trim();
  const capacity = Number(d.capacity.trim());
  if (title && (title.length < 2 || title.length > 30)) return { ok: false, message: '会议名称应为 2–30 个字（可不填）' };
  if (!place) return { ok: false, message: '请填写会议地点' };
  if (place.length > 60) return { ok: false, message: '地点最多 60 个字' };
  const startAt = instantOf(d.day, d.start);
  const endAt = instantOf(d.day, d.end);
  if (Number.isNaN(startAt.getTime()) || Number.isNaN(endAt.getTime())) return { ok: false, message: '请选择会议日期和时间' };
  if (startAt.getTime() <= now) return { ok: false, message: '会议时间要晚于现在' };
  if (endAt <= startAt) return { ok: false, message: '结束时间要晚于开始时间' };
  if (!/^\d+$/.test(d.capacity.trim()) || capacity < 1 || capacity > 5000) return { ok: false, message: '名额应为 1–5000 的整数' };
  const input: NewMeeting = { topicId, kind: d.kind, place: { text: place }, startAt: startAt.toISOString(), endAt: endAt.toISOString(), capacity };
  return { ok: true, input: title ? { ...input, title } : input };
}
