import { AttendanceWindow, CHECKIN_OPENS_BEFORE_MS, creditedHours, pointsFor, shanghaiMonth } from '../../../../domain/attendance';
import { newId } from '../../../../server/kit/ids';
import { ActivityDoc } from '../../../../server/repositories/activities';
import { creditOnce } from '../../../../server/repositories/hours-ledger';
import { SignupDoc, recordCheckout } from '../../../../server/repositories/signups';

/** Where check-in and check-out (by scan or by the scheduler) share their rules. */

/** The window a signup's hours count in: its shift's, or the activity's. */
export function windowOf(activity: ActivityDoc, shiftId: string | null): AttendanceWindow {
  const shift = shiftId ? activity.shifts.find((s) => s.id === shiftId) : undefined;
  return shift ? { startAt: shift.startAt, endAt: shift.endAt, maxHours: shift.hours } : { startAt: activity.startAt, endAt: activity.endAt, maxHours: null };
}

export function checkinOpen(window: AttendanceWindow, now: Date): boolean {
  return now.getTime() >= window.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS && now < window.endAt;
}

/**
 * Which of my signups a scan is for. A shift's code is for my signup to that shift. A code for the
 * whole activity is for my signup to the activity or, when I signed up for shifts, the shift it fits:
 * to check in, the earliest one open now; to check out, the earliest one I am checked in to.
 */
export function signupForScan(mine: SignupDoc[], activity: ActivityDoc, shiftId: string | null, purpose: 'checkin' | 'checkout', now: Date): SignupDoc | undefined {
  const candidates = mine
    .filter((s) => s.status === 'confirmed' && (shiftId === null || s.shiftId === shiftId))
    .sort((a, b) => windowOf(activity, a.shiftId).startAt.getTime() - windowOf(activity, b.shiftId).startAt.getTime());
  const fits = purpose === 'checkin' ? candidates.find((s) => !s.checkinAt && checkinOpen(windowOf(activity, s.shiftId), now)) : candidates.find((s) => s.checkinAt && !s.checkoutAt);
  // Nothing fits: a repeated scan (the one already done answers) or a scan at the wrong time.
  return fits ?? candidates.find((s) => (purpose === 'checkin' ? s.checkinAt : s.checkoutAt)) ?? candidates[0];
}

/**
 * Ends a stay at `checkoutAt`: credits the hours to the ledger (once per signup) and records the
 * check-out on the signup. Whoever credits first (a scan, its retry, the scheduler) sets the result.
 */
export async function creditStay(activity: ActivityDoc, signup: SignupDoc & { checkinAt: Date }, checkoutAt: Date): Promise<SignupDoc> {
  const window = windowOf(activity, signup.shiftId);
  const hours = creditedHours(signup.checkinAt, checkoutAt, window);
  // Hours count in the month they were worked: a check-out after midnight at a month's end is late, not next month's.
  const workedUntil = new Date(Math.min(checkoutAt.getTime(), window.endAt.getTime()));
  const entry = await creditOnce({
    _id: newId(checkoutAt),
    signupId: signup._id,
    activityId: activity._id,
    shiftId: signup.shiftId,
    communityId: activity.communityId,
    openid: signup.openid,
    hours,
    points: pointsFor(hours, activity.pointsPerHour),
    ...shanghaiMonth(workedUntil),
    at: checkoutAt,
  });
  await recordCheckout(signup._id, entry.at, entry.hours);
  return { ...signup, checkoutAt: entry.at, hours: entry.hours, checkoutDueAt: null };
}
