/**
 * 发布任务与排班 (pure): a wish to vet as the committee reads it, an open task with its places left,
 * and the task and rota forms checked with the function's own schemas before anything is sent.
 */
import { TASK_KIND_NAMES, clockTimeSchema, placeNameSchema, placesSchema, shanghaiDay, taskHoursSchema, taskNoteSchema, taskTitleSchema } from '../../../generated/domain';
import type { RotaInput, Task, TaskInput } from '../../services/party-types';
import { shanghaiDateTime } from '../../../utils/time';

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((name, i) => ({ value: String(i + 1), name: `周${name}` }));

export interface WishRow {
  id: string;
  title: string;
  note: string;
  /** Who asked, for the committee only: members never see it before they claim. */
  wisher: string;
  time: string;
}

export function wishRow(t: Task): WishRow {
  const w = t.wisher;
  return {
    id: t.id,
    title: t.title,
    note: t.note,
    wisher: w ? `居民：${w.displayName}${w.building ? ` · ${w.building}` : ''}${w.room ? ` ${w.room}室` : ''}（仅居委会可见，发布后党员看不到）` : '',
    time: `提出于 ${shanghaiDateTime(t.createdAt)}`,
  };
}

export interface OpenRow {
  id: string;
  title: string;
  kind: string;
  place: string;
  when: string;
  /** "余 2/3 个名额". */
  places: string;
  full: boolean;
}

export function openRow(t: Task): OpenRow {
  return {
    id: t.id,
    title: t.title,
    kind: TASK_KIND_NAMES[t.kind],
    place: t.place ?? '',
    when: t.startAt ? `${shanghaiDateTime(t.startAt)} 开始` : t.claimBy ? `${shanghaiDateTime(t.claimBy)} 前认领` : '',
    places: `余 ${t.placesLeft}/${t.places} 个名额`,
    full: t.placesLeft <= 0,
  };
}

/** What the form holds, as typed. */
export interface TaskForm {
  title: string;
  note: string;
  place: string;
  places: string;
  hours: string;
  /** YYYY-MM-DD, Shanghai: claims close at the end of that day. */
  claimByDate: string;
  weekdays: string[];
  start: string;
  end: string;
  weeks: string;
}

export function blankForm(now = new Date()): TaskForm {
  return { title: '', note: '', place: '', places: '2', hours: '1', claimByDate: shanghaiDay(new Date(now.getTime() + 7 * 86_400_000)), weekdays: [], start: '07:00', end: '09:00', weeks: '2' };
}

type Checked<T> = { ok: true; input: T } | { ok: false; message: string };

/** The first problem with a field, in the schema's own words. */
function check<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } } },
  value: unknown,
  fallback: string,
): { ok: true; value: T } | { ok: false; message: string } {
  const got = schema.safeParse(value);
  return got.success ? { ok: true, value: got.data } : { ok: false, message: got.error.issues[0]?.message || fallback };
}

export function taskInput(communityId: string, f: TaskForm, now = new Date()): Checked<TaskInput> {
  const title = check(taskTitleSchema, f.title.trim(), '请填写标题');
  if (!title.ok) return title;
  const note = check(taskNoteSchema, f.note.trim(), '说明太长');
  if (!note.ok) return note;
  const places = check(placesSchema, Number(f.places), '请填写名额');
  if (!places.ok) return places;
  const hours = check(taskHoursSchema, Number(f.hours), '请填写时长');
  if (!hours.ok) return hours;
  const claimBy = new Date(`${f.claimByDate}T23:59:00+08:00`);
  if (Number.isNaN(claimBy.getTime()) || claimBy <= now) return { ok: false, message: '认领截止日期应在今天或以后' };
  const input: TaskInput = { communityId, title: title.value, note: note.value, places: places.value, hours: hours.value, claimBy: claimBy.toISOString() };
  if (f.place.trim()) {
    const place = check(placeNameSchema, f.place.trim(), '地点格式不对');
    if (!place.ok) return place;
    input.place = place.value;
  }
  return { ok: true, input };
}

export function rotaInput(communityId: string, f: TaskForm): Checked<RotaInput> {
  const title = check(taskTitleSchema, f.title.trim(), '请填写标题');
  if (!title.ok) return title;
  const place = check(placeNameSchema, f.place.trim(), '请填写值守地点');
  if (!place.ok) return place;
  if (f.weekdays.length === 0) return { ok: false, message: '请至少选一天' };
  for (const t of [f.start, f.end]) if (!clockTimeSchema.safeParse(t).success) return { ok: false, message: '时间格式应为 08:00' };
  if (f.end <= f.start) return { ok: false, message: '结束时间应晚于开始时间' };
  const places = check(placesSchema, Number(f.places), '请填写名额');
  if (!places.ok) return places;
  const weeks = Math.min(4, Math.max(1, Math.round(Number(f.weeks)) || 2));
  return { ok: true, input: { communityId, title: title.value, place: place.value, weekdays: f.weekdays.map(Number).sort(), start: f.start, end: f.end, places: places.value, weeks } };
}
