import { Signup } from '../../../../domain/activities';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { ActivityDoc } from '../../../../server/repositories/activities';
import { activityWithHoldersOf, passSeats } from '../../../../server/repositories/activity-handover';
import { fillSeatCounters, giveBackSeats, hasSeatCounters, holderKeyOf } from '../../../../server/repositories/activity-seats';
import { signupWithWaitlist } from '../../../../server/repositories/signup-reads';
import { SignupDoc, confirmFromWaitlist, endSignupIf, liveKeyOf } from '../../../../server/repositories/signups';
import { seatsLeft, toSignup } from '../views';
import { promoteWaitlist } from './promote';

/** The waitlist a cancellation reads beside the signup: enough to hand on any seats one signup frees. */
const WAITLIST_READ = 20;
const ATTEMPTS = 3;
/** Others cancelling at the same moment each take the next of the same waitlist: one more read each time. */
const HAND_OVER_ATTEMPTS = 8;

/**
 * Cancels my own signup before the activity starts; a freed seat goes to the first on the waitlist. So
 * does a place in the committee's queue: a pending signup that leaves lets the next waitlisted be reviewed.
 *
 * The write first, each write conditional, no transaction: one read (the signup, its activity, its
 * waitlist), then ONE conditional write ends the signup only if it is still as read (of two taps at
 * once exactly one ends it, and only that one moves seats). A confirmed signup's seats then pass in
 * ONE conditional update on the activity straight to the first waitlisted whose parties fit (with auto
 * approval), so a newcomer signing up at that moment never finds them free and jumps the queue; each
 * is confirmed by a conditional write that also makes their 候补成功 message due, sent by the timer
 * (`tellPromoted`). A waitlisted or pending signup is the read and the write.
 *
 * A call that dies between its writes is repaired by the `reconcileSeats` timer: seats still held for
 * a signup ended over a minute ago, or handed to one still waitlisted, are given back and go to the waitlist.
 */
export async function cancelSignup(input: { signupId: string }, ctx: RequestContext): Promise<Signup> {
  for (let attempt = 1; ; attempt++) {
    const found = await signupWithWaitlist(input.signupId, WAITLIST_READ);
    if (!found || found.signup.openid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到你的这条报名');
    const { signup, activity, waitlist } = found;
    if (signup.status === 'cancelled') return toSignup(signup);
    if (signup.status === 'rejected') throw new AppError('FAILED_PRECONDITION', '这条报名未通过审核，不需要取消');
    if (!activity) throw new AppError('NOT_FOUND', '没有找到这个活动');
    if (ctx.now >= activity.startAt) throw new AppError('FAILED_PRECONDITION', '活动已经开始，不能取消报名');
    // An activity published before `seatsLeft` was kept gets it first, and is read again.
    if (signup.status === 'confirmed' && !hasSeatCounters(activity) && attempt < ATTEMPTS) {
      await fillSeatCounters(activity);
      continue;
    }
    if (await endSignupIf(signup._id, signup.status, ctx.now)) {
      if (signup.status === 'confirmed') await freeSeats(activity, signup, waitlist, ctx.now);
      // A place in the committee's queue came free: the next waitlisted goes to it.
      if (signup.status === 'pending') await promoteWaitlist(activity._id, signup.shiftId, ctx.now, waitlist);
      return toSignup({ ...signup, status: 'cancelled', decidedAt: ctx.now });
    }
    // Changed since the read (promoted, cancelled by another tap): decide again on what it is now.
    if (attempt >= ATTEMPTS) throw new AppError('CONFLICT', '报名状态刚刚变化，请刷新后再试');
  }
}

/** The first of the waitlist (in order) whose parties fit in `free` seats. */
function firstWhoFit(waitlist: SignupDoc[], free: number): SignupDoc[] {
  const chosen: SignupDoc[] = [];
  for (const candidate of waitlist) {
    if (free <= 0) break;
    if (candidate.seats > free) continue;
    chosen.push(candidate);
    free -= candidate.seats;
  }
  return chosen;
}

/**
 * My ended signup's seats go to the waitlist as read, or back to the activity; what cannot be handed
 * on goes the usual way. A hand-over refused (others cancelling at this moment handed the same people
 * seats, the counters moved) reads the activity and those people's holder entries and decides again.
 */
async function freeSeats(read: ActivityDoc, signup: SignupDoc, waitlist: SignupDoc[], now: Date): Promise<void> {
  let activity = read;
  let queue = waitlist;
  let handTo: SignupDoc[] = [];
  let handed = false;
  // My holder entry naming my own new signup (see `passSeats`), once a refusal read it.
  let heldBy: string | undefined;
  for (let attempt = 1; attempt <= HAND_OVER_ATTEMPTS && !handed; attempt++) {
    handTo = activity.approval === 'auto' && activity.status === 'published' ? firstWhoFit(queue, seatsLeft(activity, signup.shiftId) + signup.seats) : [];
    if (handTo.length === 0) break;
    handed = await passSeats(activity, signup.shiftId, signup, handTo, now, heldBy);
    if (handed) break;
    const current = await activityWithHoldersOf(activity._id, signup.shiftId, [signup.openid, ...queue.map((c) => c.openid)]);
    if (!current) return;
    activity = current.activity;
    const [own, ...held] = current.held;
    heldBy = own?.id;
    // Handed seats by another cancellation: served. Holding seats of their own signup call in flight:
    // it gives them back and serves the waitlist itself, so nobody after them is served first.
    const cut = held.findIndex((h, i) => h !== null && h.id !== queue[i]._id);
    queue = queue.filter((c, i) => (cut < 0 || i < cut) && held[i] === null);
  }
  // Nothing to hand on, or it could not be done: the seats go back.
  if (!handed && !(await giveBack(activity, signup, now, heldBy))) return;
  const given = handed ? handTo : [];
  let asPlanned = handed || handTo.length === 0;
  for (const candidate of given) {
    if (await confirmFromWaitlist(candidate._id, now)) continue;
    // They left the waitlist since the read: the seats held for them go back.
    const key = holderKeyOf(liveKeyOf(activity._id, signup.shiftId, candidate.openid));
    await giveBackSeats(activity._id, key, { id: candidate._id, seats: candidate.seats, shiftId: signup.shiftId ?? undefined }, now);
    asPlanned = false;
  }
  const stillFree = seatsLeft(activity, signup.shiftId) + signup.seats - given.reduce((n, s) => n + s.seats, 0);
  if (stillFree <= 0) return;
  // Seats still free: committee review takes the waitlist as read; otherwise only a waitlist longer
  // than read or a plan that failed leaves someone who fits (later arrivals: the reconcileSeats timer).
  if (activity.approval !== 'auto') await promoteWaitlist(activity._id, signup.shiftId, now, queue);
  else if (!asPlanned || waitlist.length === WAITLIST_READ) await promoteWaitlist(activity._id, signup.shiftId, now);
}

/**
 * The seats back to the activity. Refused, it reads my holder entry: naming my own new signup (mine
 * had none, from before holders were kept, and I signed up again since), only the counters move.
 */
async function giveBack(activity: ActivityDoc, signup: SignupDoc, now: Date, heldBy: string | undefined): Promise<boolean> {
  if (await passSeats(activity, signup.shiftId, signup, [], now, heldBy)) return true;
  const current = await activityWithHoldersOf(activity._id, signup.shiftId, [signup.openid]);
  const holder = current?.held[0];
  return !!current && !!holder && holder.id !== signup._id && passSeats(current.activity, signup.shiftId, signup, [], now, holder.id);
}
