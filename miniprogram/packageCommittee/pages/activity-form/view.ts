/**
 * The activity form's values and choices (pure, so the page stays thin): what the form shows for a
 * new or an edited activity; ./fields turns them into activity fields. People type times in
 * Shanghai time (UTC+8 all year); the API takes UTC ISO strings.
 */
import { SERIES, SERIES_NAMES, shanghaiClock, shanghaiInstant } from '../../../generated/domain';
import type { ManagedActivity, Tree } from '../../services/types';

const DAY_MS = 24 * 60 * 60 * 1000;

export type Rule = 'off' | 'optional' | 'required';
export type AudienceKind = 'community' | 'grids' | 'buildings' | 'public';

export const RULES: Rule[] = ['off', 'optional', 'required'];
export const RULE_NAMES = ['不需要', '选填', '必填'];
export const SERIES_OPTIONS = SERIES.map((s) => SERIES_NAMES[s]);
export const AUDIENCES: { kind: AudienceKind; name: string }[] = [
  { kind: 'community', name: '本居民区' },
  { kind: 'grids', name: '指定网格' },
  { kind: 'buildings', name: '指定楼组' },
  { kind: 'public', name: '所有人' },
];
/** A shift's fields as the shift editor names them, and how many shifts an activity may have. */
export const SHIFT_FIELDS = ['role', 'date', 'startTime', 'endTime', 'capacity', 'hours'];
export const MAX_SHIFTS = 20;
export const COMPANION_OPTIONS = Array.from({ length: 11 }, (_, n) => (n === 0 ? '不可带同行人' : `最多 ${n} 人`));

export interface ShiftValues {
  role: string;
  /** The shift's day and times, Shanghai time; it ends the same day. */
  date: string;
  startTime: string;
  endTime: string;
  capacity: string;
  hours: string;
}

export interface LocationValue {
  longitude: number;
  latitude: number;
  name: string;
}

/** Everything the form holds, as typed: text stays text until it is checked. */
export interface FormValues {
  title: string;
  seriesIndex: number;
  description: string;
  placeText: string;
  location: LocationValue | null;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  capacity: string;
  approval: 'auto' | 'committee';
  audienceKind: AudienceKind;
  gridIds: string[];
  buildingIds: string[];
  phone: Rule;
  companionsMax: number;
  note: Rule;
  noteLabel: string;
  shifts: ShiftValues[];
  pointsPerHour: string;
  checkinRadius: string;
  /** An edited activity's cover, kept as it is (the form does not upload images). */
  cover: string;
}

export interface Option {
  id: string;
  name: string;
  checked: boolean;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-11-28" + "09:30" in Shanghai → "2026-11-28T01:30:00.000Z"; '' when either is not a real date or time. */
export function shanghaiIso(date: string, time: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return '';
  const [y, mo, day, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  if (mo < 1 || mo > 12 || day < 1 || day > 31 || h > 23 || mi > 59) return '';
  const at = shanghaiInstant(y, mo, day, h, mi);
  // 2026-02-30 rolls over to March: not a real day.
  if (shanghaiClock(at).day !== day) return '';
  return at.toISOString();
}

/** An ISO instant → its Shanghai date and time ("2026-11-28", "09:30"); empty strings when it is not a date. */
export function shanghaiParts(iso: string): { date: string; time: string } {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { date: '', time: '' };
  const t = shanghaiClock(ms);
  return { date: `${t.year}-${pad(t.month)}-${pad(t.day)}`, time: `${pad(t.hour)}:${pad(t.minute)}` };
}

/** A new activity: next week 09:00–11:00, signup open from now until 20:00 the evening before. */
export function defaultValues(now: number): FormValues {
  const today = shanghaiParts(new Date(now).toISOString());
  const day = shanghaiParts(new Date(now + 7 * DAY_MS).toISOString()).date;
  const eve = shanghaiParts(new Date(now + 6 * DAY_MS).toISOString()).date;
  return {
    title: '',
    seriesIndex: SERIES.indexOf('community'),
    description: '',
    placeText: '',
    location: null,
    startDate: day,
    startTime: '09:00',
    endDate: day,
    endTime: '11:00',
    opensDate: today.date,
    opensTime: today.time,
    closesDate: eve,
    closesTime: '20:00',
    capacity: '30',
    approval: 'auto',
    audienceKind: 'community',
    gridIds: [],
    buildingIds: [],
    phone: 'off',
    companionsMax: 0,
    note: 'off',
    noteLabel: '',
    shifts: [],
    pointsPerHour: '',
    checkinRadius: '',
    cover: '',
  };
}

/** A new shift row: the activity's day and times. */
export function newShift(v: Pick<FormValues, 'startDate' | 'startTime' | 'endTime'>): ShiftValues {
  return { role: '', date: v.startDate, startTime: v.startTime, endTime: v.endTime, capacity: '10', hours: '2' };
}

/** What the form shows for an activity being edited. */
export function valuesFrom(a: ManagedActivity): FormValues {
  const start = shanghaiParts(a.startAt);
  const end = shanghaiParts(a.endAt);
  const opens = shanghaiParts(a.signupOpensAt);
  const closes = shanghaiParts(a.signupClosesAt);
  const audience = a.audience;
  const loc = a.place.location;
  return {
    title: a.title,
    seriesIndex: Math.max(0, SERIES.indexOf(a.series)),
    description: a.description,
    placeText: a.place.text,
    location: loc ? { longitude: loc.coordinates[0], latitude: loc.coordinates[1], name: a.place.text } : null,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    opensDate: opens.date,
    opensTime: opens.time,
    closesDate: closes.date,
    closesTime: closes.time,
    capacity: String(a.capacity),
    approval: a.approval,
    audienceKind: audience.kind,
    gridIds: audience.kind === 'grids' ? audience.ids : [],
    buildingIds: audience.kind === 'buildings' ? audience.ids : [],
    phone: a.form.phone,
    companionsMax: a.form.companionsMax,
    note: a.form.note,
    noteLabel: a.form.noteLabel || '',
    shifts: a.shifts.map((s) => {
      const from = shanghaiParts(s.startAt);
      return { role: s.role, date: from.date, startTime: from.time, endTime: shanghaiParts(s.endAt).time, capacity: String(s.capacity), hours: String(s.hours) };
    }),
    pointsPerHour: String(a.pointsPerHour),
    checkinRadius: a.checkinRadiusMetres === null ? '' : String(a.checkinRadiusMetres),
    cover: a.cover || '',
  };
}

/** The community's grids or buildings to choose from, with the chosen ones ticked. */
export function unitOptions(tree: Tree, kind: 'grid' | 'building', chosen: string[]): Option[] {
  return tree.units.filter((u) => u.kind === kind && !u.archived).map((u) => ({ id: u.id, name: u.name, checked: chosen.includes(u.id) }));
}
