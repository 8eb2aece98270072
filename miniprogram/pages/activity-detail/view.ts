/** Turns what the activity API answers into what the activity pages show (pure, so the pages stay thin). */
import { SERIES_NAMES, SIGNUP_STATUS_NAMES } from '../../generated/domain';
import { ActivityDetail, MySignup, SignupAnswers } from '../../services/activity/types';
import { shanghaiDateTime, shanghaiWeekday } from '../../utils/time';

type Activity = ActivityDetail['activity'];

/** Check-in opens this long before the start (the functions' rule, `checkinOpen`). */
const CHECKIN_OPENS_BEFORE_MS = 60 * 60 * 1000;

export interface ActivityView {
  title: string;
  series: string;
  time: string;
  place: string;
  seats: string;
  approval: string;
  /** 报名截止 with the weekday; '' once cancelled. */
  deadline: string;
  /** 友邻居民区居委会, and its duty phone to call ('' when it has none). */
  organiser: string;
  phone: string;
  description: string;
}

export interface StateView {
  signupId: string;
  status: MySignup['status'];
  text: string;
  /** Pending, confirmed or waitlisted before the start: may be cancelled. */
  cancellable: boolean;
  canCheckin: boolean;
  canCheckout: boolean;
  checkin: string;
  checkout: string;
  /** What happens next while it waits for the committee ('' otherwise). */
  next: string;
  /** The shift I signed up for ("下午班 11月1日 14:00–17:00"), or ''. */
  shift: string;
}

export interface ShiftView {
  id: string;
  role: string;
  time: string;
  /** Seats left in this shift, or 已满（可候补）. */
  seats: string;
}

export interface FormView {
  phone: 'off' | 'optional' | 'required';
  note: 'off' | 'optional' | 'required';
  noteLabel: string;
  /** Picker labels for 0..companionsMax companions; empty when companions are not asked. */
  companions: string[];
  /** The shifts to choose one of; empty when the activity has none. */
  shifts: ShiftView[];
}

export interface FormValues {
  phone: string;
  companions: number;
  note: string;
}

const LIVE: MySignup['status'][] = ['pending', 'confirmed', 'waitlisted'];

/** "2026年11月1日 10:00–12:00", or both dates when it spans days. */
/** "12月10日（周四）20:00": with the weekday, and without this year's number. */
export function withWeekday(iso: string): string {
  const thisYear = `${shanghaiDateTime(new Date().toISOString()).split('年')[0]}年`;
  const text = shanghaiDateTime(iso).replace(' ', `（${shanghaiWeekday(iso)}）`);
  return text.startsWith(thisYear) ? text.slice(thisYear.length) : text;
}

export function timeRange(startAt: string, endAt: string): string {
  // with the weekday, and without this year's number: "12月10日（周四）10:00–12:00" (fits a list row's line)
  const [startDay] = shanghaiDateTime(startAt).split(' ');
  const [endDay, endTime] = shanghaiDateTime(endAt).split(' ');
  return startDay === endDay ? `${withWeekday(startAt)}–${endTime}` : `${withWeekday(startAt)} – ${withWeekday(endAt)}`;
}

function seatsText(a: Activity): string {
  if (a.status === 'cancelled') return '活动已取消';
  if (a.shifts.length > 0) {
    const left = a.shifts.reduce((sum, s) => sum + Math.max(0, s.capacity - s.confirmed), 0);
    return left > 0 ? `${a.shifts.length} 个班次，共剩余 ${left} 个名额` : `${a.shifts.length} 个班次，名额都已满`;
  }
  return a.seatsLeft > 0 ? `剩余 ${a.seatsLeft} 个名额（共 ${a.capacity} 个）` : `名额已满（共 ${a.capacity} 个）`;
}

export function shiftView(s: Activity['shifts'][number]): ShiftView {
  const left = Math.max(0, s.capacity - s.confirmed);
  return { id: s.id, role: s.role, time: timeRange(s.startAt, s.endAt), seats: left > 0 ? `剩余 ${left} 个名额` : '名额已满，可报名候补' };
}

export function activityView(a: Activity): ActivityView {
  return {
    title: a.title,
    series: SERIES_NAMES[a.series],
    time: timeRange(a.startAt, a.endAt),
    place: a.place.text,
    seats: seatsText(a),
    approval: a.approval === 'committee' ? '报名后由居委会审核' : '报名即确认，无需审核',
    deadline: a.status === 'cancelled' ? '' : withWeekday(a.signupClosesAt),
    organiser: a.organiser ? a.organiser.name : '',
    phone: a.organiser?.phone ?? '',
    description: a.description,
  };
}

/** What my signup's state reads as: 待审核 / 已通过 / 候补第 N 位 / 未通过：理由 / 已取消. */
export function statusText(s: MySignup, approval: Activity['approval']): string {
  switch (s.status) {
    case 'confirmed':
      return approval === 'committee' ? '已通过' : SIGNUP_STATUS_NAMES.confirmed;
    case 'waitlisted':
      return s.waitlistPosition ? `候补第 ${s.waitlistPosition} 位` : SIGNUP_STATUS_NAMES.waitlisted;
    case 'rejected':
      return s.reason ? `${SIGNUP_STATUS_NAMES.rejected}：${s.reason}` : SIGNUP_STATUS_NAMES.rejected;
    default:
      return SIGNUP_STATUS_NAMES[s.status];
  }
}

/** The signup the page is about: a live one if I have it, else the latest. */
export function currentSignup(signups: MySignup[]): MySignup | null {
  const live = signups.filter((s) => LIVE.includes(s.status));
  const pool = live.length > 0 ? live : signups;
  return pool.reduce<MySignup | null>((latest, s) => (!latest || s.createdAt > latest.createdAt ? s : latest), null);
}

export function isLive(s: MySignup | null): boolean {
  return s !== null && LIVE.includes(s.status);
}

function windowOf(a: Activity, shiftId: string | null): { startAt: number; endAt: number } {
  const shift = shiftId ? a.shifts.find((x) => x.id === shiftId) : undefined;
  const w = shift || a;
  return { startAt: Date.parse(w.startAt), endAt: Date.parse(w.endAt) };
}

export function stateView(s: MySignup | null, a: Activity, now: number): StateView | null {
  if (!s) return null;
  const w = windowOf(a, s.shiftId);
  const near = a.status === 'published' && s.status === 'confirmed' && now >= w.startAt - CHECKIN_OPENS_BEFORE_MS && now < w.endAt;
  return {
    signupId: s.id,
    status: s.status,
    text: statusText(s, a.approval),
    cancellable: isLive(s) && now < Date.parse(a.startAt),
    canCheckin: near && !s.checkinAt,
    canCheckout: s.status === 'confirmed' && !!s.checkinAt && !s.checkoutAt && now >= w.startAt,
    checkin: s.checkinAt ? `已签到 ${shanghaiDateTime(s.checkinAt)}` : '',
    checkout: s.checkoutAt ? `已签退 ${shanghaiDateTime(s.checkoutAt)}${s.hours !== null ? `，计 ${s.hours} 小时` : ''}` : '',
    shift: shiftText(a, s.shiftId),
    next: s.status === 'pending' ? `居委会会在报名截止（${withWeekday(a.signupClosesAt)}）前审核，结果会通知你，也可以在「我的活动」里查看` : '',
  };
}

function shiftText(a: Activity, shiftId: string | null): string {
  const shift = shiftId ? a.shifts.find((x) => x.id === shiftId) : undefined;
  return shift ? `${shift.role} ${timeRange(shift.startAt, shift.endAt)}` : '';
}

export function formView(a: Activity): FormView {
  const companions = a.form.companionsMax > 0 ? Array.from({ length: a.form.companionsMax + 1 }, (_, n) => (n === 0 ? '不带同行人' : `${n} 人`)) : [];
  return { phone: a.form.phone, note: a.form.note, noteLabel: a.form.noteLabel || '备注', companions, shifts: a.shifts.map(shiftView) };
}

/** The form's answers, or what is missing. */
export function answersFrom(form: FormView, values: FormValues): { ok: true; answers: SignupAnswers } | { ok: false; hint: string } {
  const answers: SignupAnswers = {};
  const phone = values.phone.trim();
  if (form.phone !== 'off') {
    if (phone) {
      if (!/^1[3-9]\d{9}$/.test(phone)) return { ok: false, hint: '请填写 11 位手机号' };
      answers.phone = phone;
    } else if (form.phone === 'required') return { ok: false, hint: '请填写手机号' };
  }
  if (form.companions.length > 0 && values.companions > 0) answers.companions = values.companions;
  const note = values.note.trim();
  if (form.note !== 'off') {
    if (note) answers.note = note.slice(0, 200);
    else if (form.note === 'required') return { ok: false, hint: `请填写${form.noteLabel}` };
  }
  return { ok: true, answers };
}
