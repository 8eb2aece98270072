import { z } from 'zod/mini';
import { Signup } from '../../../../domain/activities';
import { distanceMetres } from '../../../../domain/attendance';
import { activityContract } from '../../../../domain/contract/activity';
import { AppError } from '../../../../domain/result';
import { TOKEN_REFRESH_SECONDS, mintCheckinToken, verifyCheckinToken } from '../../../../server/checkin-token';
import { RequestContext } from '../../../../server/kit/router';
import { ActivityDoc } from '../../../../server/repositories/activities';
import { activityWithSignups } from '../../../../server/repositories/activity-seats';
import { SignupDoc, claimCheckin, getSignup } from '../../../../server/repositories/signups';
import { toSignup } from '../views';
import { checkinOpen, creditStay, signupForScan, windowOf } from './attendance';
import { loadManagedActivity } from './manage-activity';

type CodeInput = z.infer<typeof activityContract.checkinCode.input>;
type ScanInput = z.infer<typeof activityContract.checkin.input>;

/** The organiser's live QR: a token for this activity (or shift) that dies in 30 s; the page refreshes it. */
export async function checkinCode(input: CodeInput, ctx: RequestContext) {
  const activity = await loadManagedActivity(input.activityId, ctx);
  if (activity.status !== 'published') throw new AppError('FAILED_PRECONDITION', '活动已取消，不能签到');
  const shift = input.shiftId ? activity.shifts.findIndex((s) => s.id === input.shiftId) + 1 : 0;
  if (input.shiftId && shift === 0) throw new AppError('NOT_FOUND', '没有找到这个岗位');
  const { token, expiresAt } = mintCheckinToken({ activityId: activity._id, shift, issuedAt: ctx.now });
  return { token, expiresAt: expiresAt.toISOString(), refreshInSeconds: TOKEN_REFRESH_SECONDS };
}

/** A volunteer scans the code on arrival. Scanning again, or many times at once, keeps the first time. */
export async function checkin(input: ScanInput, ctx: RequestContext): Promise<Signup> {
  const { activity, signup } = await readScan(input, 'checkin', ctx);
  if (signup.checkinAt) return toSignup(signup);
  const window = windowOf(activity, signup.shiftId);
  if (!checkinOpen(window, ctx.now)) {
    throw new AppError('FAILED_PRECONDITION', ctx.now < window.startAt ? '还没到签到时间，开始前 1 小时内可以签到' : '活动已经结束，不能再签到');
  }
  if (await claimCheckin(signup._id, ctx.now, window.endAt)) return toSignup({ ...signup, checkinAt: ctx.now });
  // Another scan of mine got there first: its time is the answer.
  const first = await getSignup(signup._id);
  if (!first || !first.checkinAt) throw new AppError('FAILED_PRECONDITION', '报名状态已变化，请刷新后再试');
  return toSignup(first);
}

/** The volunteer scans again on leaving: the hours inside the shift are credited once. */
export async function checkout(input: ScanInput, ctx: RequestContext): Promise<Signup> {
  const { activity, signup } = await readScan(input, 'checkout', ctx);
  if (signup.checkoutAt) return toSignup(signup);
  if (!signup.checkinAt) throw new AppError('FAILED_PRECONDITION', '你还没有签到，请先扫码签到');
  // Hours count from the start: a check-out before it would close the stay at zero hours for good.
  if (ctx.now < windowOf(activity, signup.shiftId).startAt) throw new AppError('FAILED_PRECONDITION', '活动还没开始，开始后再扫码签退');
  return toSignup(await creditStay(activity, { ...signup, checkinAt: signup.checkinAt }, ctx.now));
}

/**
 * What every scan checks, cheapest first: the token (no database), the activity, where I am when the
 * activity asks, and my own confirmed signup the code is for (the activity and my signups read together).
 */
async function readScan(input: ScanInput, purpose: 'checkin' | 'checkout', ctx: RequestContext): Promise<{ activity: ActivityDoc; signup: SignupDoc }> {
  const check = verifyCheckinToken(input.token, input.activityId, ctx.now);
  if (!check.ok) throw tokenProblem(check.problem);
  // The activity and my signups to it, in one request.
  const found = await activityWithSignups(input.activityId, { openid: ctx.openid }, 50);
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个活动');
  const { activity, signups: mine } = found;
  if (activity.status !== 'published') throw new AppError('FAILED_PRECONDITION', '活动已取消');
  const shift = check.shift === 0 ? null : activity.shifts[check.shift - 1];
  if (shift === undefined) throw tokenProblem('forged');
  const shiftId = shift ? shift.id : null;
  checkWhereIAm(activity, input.location);
  const signup = signupForScan(mine, activity, shiftId, purpose, ctx.now);
  if (!signup) throw new AppError('FAILED_PRECONDITION', shiftId ? '你没有这个岗位的有效报名，不能签到' : '你没有这个活动的有效报名，不能签到');
  return { activity, signup };
}

/** Distinct answers for each way a scanned code can be wrong, so the volunteer knows what to do. */
function tokenProblem(problem: 'forged' | 'otherActivity' | 'expired'): AppError {
  switch (problem) {
    case 'forged':
      return new AppError('PERMISSION_DENIED', '签到码无效，请扫描组织者手机上的签到二维码');
    case 'otherActivity':
      return new AppError('INVALID_ARGUMENT', '这是其他活动的签到码，请确认你扫的是本活动的二维码');
    case 'expired':
      return new AppError('FAILED_PRECONDITION', '签到码已过期，请扫描组织者屏幕上最新的二维码');
  }
}

/** When the activity has a place on the map and a radius, the scan must come from within it. */
function checkWhereIAm(activity: ActivityDoc, location: ScanInput['location']): void {
  const place = activity.place.location;
  const radius = activity.checkinRadiusMetres;
  if (!place || radius === null) return;
  if (!location) throw new AppError('FAILED_PRECONDITION', '这个活动需要核对位置：请允许小程序使用你的位置后再扫码');
  const away = distanceMetres(place, location);
  if (away > radius) throw new AppError('FAILED_PRECONDITION', `你离活动地点约 ${Math.round(away)} 米，请到现场 ${radius} 米内再扫码`);
}
