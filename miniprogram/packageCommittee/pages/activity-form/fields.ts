/**
 * The activity form's values as the functions' activity fields (pure): checked with the same schema
 * and time rules as the functions, the first problem in plain words, and on an edit only the fields
 * that changed.
 */
import { SERIES, activityFieldsSchema, fieldLabel, timesProblem } from '../../../generated/domain';
import type { ActivityChanges, ActivityFields } from '../../services/types';
import { FormValues, shanghaiIso } from './view';

/** A typed number; '' stays undefined, anything else that is not a number stays NaN for the schema to refuse. */
function numberOf(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

/** The activity fields the values stand for, unchecked (numbers may be NaN, times ''). */
export function rawFields(v: FormValues): Record<string, unknown> {
  const place: Record<string, unknown> = { text: v.placeText };
  if (v.location) place.location = { type: 'Point', coordinates: [v.location.longitude, v.location.latitude] };
  const ids = v.audienceKind === 'grids' ? v.gridIds : v.audienceKind === 'buildings' ? v.buildingIds : null;
  const form: Record<string, unknown> = { phone: v.phone, companionsMax: v.companionsMax, note: v.note };
  if (v.note !== 'off' && v.noteLabel.trim()) form.noteLabel = v.noteLabel;
  const fields: Record<string, unknown> = {
    title: v.title,
    description: v.description,
    series: SERIES[v.seriesIndex],
    place,
    startAt: shanghaiIso(v.startDate, v.startTime),
    endAt: shanghaiIso(v.endDate, v.endTime),
    signupOpensAt: shanghaiIso(v.opensDate, v.opensTime),
    signupClosesAt: shanghaiIso(v.closesDate, v.closesTime),
    capacity: numberOf(v.capacity),
    approval: v.approval,
    audience: ids ? { kind: v.audienceKind, ids: [...ids].sort() } : { kind: v.audienceKind },
    form,
    shifts: v.shifts.map((s) => ({
      role: s.role,
      startAt: shanghaiIso(s.date, s.startTime),
      endAt: shanghaiIso(s.date, s.endTime),
      capacity: numberOf(s.capacity),
      hours: numberOf(s.hours),
    })),
  };
  if (v.cover) fields.cover = v.cover;
  const points = numberOf(v.pointsPerHour);
  if (points !== undefined) fields.pointsPerHour = points;
  const radius = numberOf(v.checkinRadius);
  if (v.location && radius !== undefined) fields.checkinRadiusMetres = radius;
  return fields;
}

interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
}

/** One schema issue in words: our own Chinese message, else the field's Chinese name and what is wrong. */
export function problemText(issue: Issue): string {
  const label = fieldLabel(issue.path) || '内容';
  const shift = issue.path[0] === 'shifts' && typeof issue.path[1] === 'number' ? `第 ${issue.path[1] + 1} 个岗位的` : '';
  if (/[\u4e00-\u9fa5]/.test(issue.message)) return `${shift}${issue.message}`;
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return `${shift}${label}不能小于 ${issue.minimum}`;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `${shift}${label}不能大于 ${issue.maximum}`;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_format') return `请填写${shift}${label}`;
  return `${shift}${label}格式不正确`;
}

export type Checked = { ok: true; fields: ActivityFields; raw: Record<string, unknown> } | { ok: false; problem: string };

/**
 * The values as activity fields, checked with the same schema and time rules as the functions;
 * otherwise the first problem in plain words. `lockedShifts`: an edited activity's shifts, which
 * cannot change.
 */
export function checkValues(v: FormValues, lockedShifts?: ActivityFields['shifts']): Checked {
  if (v.audienceKind === 'grids' && v.gridIds.length === 0) return { ok: false, problem: '请至少选择一个网格' };
  if (v.audienceKind === 'buildings' && v.buildingIds.length === 0) return { ok: false, problem: '请至少选择一个楼组' };
  const raw = rawFields(v);
  if (lockedShifts) raw.shifts = lockedShifts;
  const parsed = activityFieldsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: problemText(parsed.error.issues[0]) };
  const times = timesProblem(parsed.data);
  if (times) return { ok: false, problem: times };
  return { ok: true, fields: parsed.data, raw };
}

const FIELD_KEYS: (keyof ActivityChanges)[] = [
  'title',
  'description',
  'series',
  'place',
  'startAt',
  'endAt',
  'signupOpensAt',
  'signupClosesAt',
  'capacity',
  'approval',
  'audience',
  'form',
  'cover',
  'pointsPerHour',
  'checkinRadiusMetres',
];

/** The fields that differ from what was loaded (shifts never: they cannot change once published). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: ActivityFields): ActivityChanges {
  const changes: ActivityChanges = {};
  for (const key of FIELD_KEYS) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    Object.assign(changes, { [key]: fields[key] });
  }
  return changes;
}
