import { z } from 'zod/mini';
import { activityContract } from '../../../../domain/contract/activity';
import { SignupStatus } from '../../../../domain/activities';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { ActivityDoc, ORPHAN_HOLDER_MS, getActivity } from '../../../../server/repositories/activities';
import { ApprovedSeats, ReviewRead, activityForReview, takeApprovedSeats } from '../../../../server/repositories/activity-handover';
import { fillSeatCounters, giveBackSeats, hasSeatCounters, holderKeyOf } from '../../../../server/repositories/activity-seats';
import { confirmApproved, rejectUndecided } from '../../../../server/repositories/signup-decisions';
import { SignupDoc, getSignups, liveKeyOf } from '../../../../server/repositories/signups';
import { seatsLeft } from '../views';
import { managedActivity } from './manage-activity';
import { promoteWaitlist } from './promote';

type Input = z.infer<typeof activityContract.review.input>;
type Outcome = { signupId: string; status: SignupStatus; message: string | null };
type Decided = { outcomes: Map<string, Outcome>; after: ActivityDoc };

/** Others taking seats at this moment each refuse one take: read again and decide again this often. */
const ATTEMPTS = 5;
/** The waitlist a rejection reads beside its signups: whom a freed place in the queue goes to. */
const WAITLIST_READ = 20;
/**
 * Seats another review took this recently for the very signup decided here are that review's, about
 * to confirm it: confirmed here too. Well inside ORPHAN_HOLDER_MS, after which the timer gives back
 * seats held for a signup that is not confirmed.
 */
const FINISH_WITHIN_MS = ORPHAN_HOLDER_MS / 2;

const DONE = '这条报名已经处理过了';
const FULL = '名额已满，仍为待审核';
const MOVING = '这条报名正在变动，请稍后再审核';
const GONE = '没有找到这条报名';

const byAge = (a: SignupDoc, b: SignupDoc) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id);
const waiting = (s: SignupDoc) => s.status === 'pending' || s.status === 'waitlisted';
const holderKey = (activityId: string, s: SignupDoc | ApprovedSeats) => holderKeyOf(liveKeyOf(activityId, s.shiftId, s.openid));

/**
 * The committee approves signups (oldest first, never past capacity: the rest stay pending with a
 * message) or rejects them with a reason, one or up to 100, in the same few requests for one as for
 * a hundred: one read of the activity with the signups, then for approvals ONE conditional update on
 * the activity taking all their seats and ONE conditional write confirming them all; a rejection is
 * one conditional write a signup. Each decision makes its message due, sent by the activity timer
 * (`tellReviewed`). Rejecting a pending signup gives its place in the queue to the next on the waitlist.
 */
export async function review(input: Input, ctx: RequestContext) {
  const reject = input.decision === 'reject';
  const read = await activityForReview(input.activityId, input.signupIds, reject ? { waitlist: WAITLIST_READ } : {});
  managedActivity(read?.activity, ctx);
  if (!read) throw new AppError('NOT_FOUND', '没有找到这个活动');
  const missing: Outcome[] = input.signupIds.filter((id) => !read.signups.some((s) => s._id === id)).map((id) => ({ signupId: id, status: 'cancelled', message: GONE }));
  const { outcomes, after } = reject ? await rejectAll(read, input.reason ?? null, ctx.now) : await approveAll(read, input.signupIds, ctx.now);
  return { results: [...missing, ...outcomes.values()], confirmed: after.confirmed, seatsLeft: seatsLeft(after) };
}

/**
 * The approvals' seats are taken first, in one conditional update, then the signups confirmed in
 * one write. A take refused (seats taken meanwhile, someone holding seats already) reads again, with
 * the holder entries of everyone still waiting, and decides again. A call that dies between the two
 * writes leaves seats held for signups still pending: the `reconcileSeats` timer gives them back.
 */
async function approveAll(first: ReviewRead, ids: string[], now: Date): Promise<Decided> {
  let read = first;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { activity } = read;
    const plan = planApprovals(read, now);
    // An activity published before `seatsLeft` was kept gets it first.
    if (activity.status === 'published' && !hasSeatCounters(activity)) await fillSeatCounters(activity);
    else if (plan.take.length === 0 || (await takeApprovedSeats(activity, plan.take, now))) return confirm(activity, plan, now);
    const again = await activityForReview(activity._id, ids, { holderKeys: read.signups.filter(waiting).map((s) => holderKey(activity._id, s)) });
    if (!again) throw new AppError('NOT_FOUND', '没有找到这个活动');
    read = again;
  }
  throw new AppError('CONFLICT', '报名正在变动，请稍后再审核');
}

interface Plan {
  outcomes: Map<string, Outcome>;
  /** Whose seats this call takes. */
  take: ApprovedSeats[];
  /** Whose seats another review has just taken: confirmed here as well. */
  finish: SignupDoc[];
}

/** Oldest first, each party that fits the seats left of its activity or shift as read. */
function planApprovals({ activity, signups, held }: ReviewRead, now: Date): Plan {
  const plan: Plan = { outcomes: new Map(), take: [], finish: [] };
  const free = new Map<string | null, number>();
  for (const s of [...signups].sort(byAge)) {
    const say = (status: SignupStatus, message: string | null) => plan.outcomes.set(s._id, { signupId: s._id, status, message });
    if (!waiting(s)) {
      say(s.status, DONE);
      continue;
    }
    if (activity.status !== 'published') {
      say(s.status, '活动已取消');
      continue;
    }
    const holder = held.get(holderKey(activity._id, s));
    if (holder) {
      // With committee approval only a review holds seats for a signup not yet confirmed. Otherwise
      // they are a signup call's of the same person, or a cancellation's, in flight.
      const another = holder.id === s._id && activity.approval === 'committee' && now.getTime() - holder.at.getTime() < FINISH_WITHIN_MS;
      if (another) plan.finish.push(s);
      say(another ? 'confirmed' : s.status, another ? DONE : MOVING);
      continue;
    }
    const left = free.get(s.shiftId) ?? seatsLeft(activity, s.shiftId);
    if (left < s.seats) {
      say(s.status, FULL);
      continue;
    }
    free.set(s.shiftId, left - s.seats);
    plan.take.push({ _id: s._id, openid: s.openid, seats: s.seats, shiftId: s.shiftId });
    say('confirmed', null);
  }
  return plan;
}

/**
 * The seats are held: the signups are confirmed in one write, their messages due. One cancelled or
 * decided meanwhile is not confirmed, and the seats taken for it go back.
 */
async function confirm(activity: ActivityDoc, plan: Plan, now: Date): Promise<Decided> {
  const ids = [...plan.take.map((s) => s._id), ...plan.finish.map((s) => s._id)];
  let taken = plan.take.reduce((n, s) => n + (s.shiftId === null ? s.seats : 0), 0);
  if (ids.length > 0 && (await confirmApproved(ids, now)) < ids.length) {
    const current = new Map((await getSignups(ids)).map((s) => [s._id, s]));
    const changed = (s: { _id: string }) => {
      const found = current.get(s._id);
      if (found?.status === 'confirmed') return false;
      plan.outcomes.set(s._id, { signupId: s._id, status: found?.status ?? 'cancelled', message: found ? DONE : GONE });
      return true;
    };
    plan.finish.forEach(changed);
    const freed = new Set<string | null>();
    for (const s of plan.take.filter(changed)) {
      if (!(await giveBackSeats(activity._id, holderKey(activity._id, s), { id: s._id, seats: s.seats, shiftId: s.shiftId ?? undefined }, now))) continue;
      freed.add(s.shiftId);
      if (s.shiftId === null) taken -= s.seats;
    }
    // A cancellation meanwhile served the waitlist while these seats were held: it is served again.
    for (const shiftId of freed) await promoteWaitlist(activity._id, shiftId, now);
  }
  // The counts as this call left them (what a read now would show, but for others' calls at this moment).
  return { outcomes: plan.outcomes, after: { ...activity, confirmed: activity.confirmed + taken } };
}

/**
 * Each signup still waiting is rejected by its own conditional write; one decided or cancelled
 * since the read is said as it is now. A pending one leaving the committee's queue lets the next
 * waitlisted up while seats are free, from the waitlist as read when it was read whole.
 */
async function rejectAll({ activity, signups, waitlist }: ReviewRead, reason: string | null, now: Date): Promise<Decided> {
  const outcomes = new Map<string, Outcome>();
  const undecided = [...signups].sort(byAge).filter((s) => {
    outcomes.set(s._id, { signupId: s._id, status: waiting(s) ? 'rejected' : s.status, message: waiting(s) ? null : DONE });
    return waiting(s);
  });
  const rejected = await rejectUndecided(
    undecided.map((s) => s._id),
    reason,
    now,
  );
  const missed = undecided.filter((s) => !rejected.has(s._id)).map((s) => s._id);
  for (const s of missed.length > 0 ? await getSignups(missed) : []) outcomes.set(s._id, { signupId: s._id, status: s.status, message: DONE });
  const queues = new Set(undecided.filter((s) => s.status === 'pending' && rejected.has(s._id)).map((s) => s.shiftId));
  let promoted = 0;
  // No seat free as read, nobody moves up (a seat freed since is handed on by the call that freed it).
  for (const shiftId of [...queues].filter((id) => seatsLeft(activity, id) > 0)) {
    promoted += await promoteWaitlist(activity._id, shiftId, now, waitlist.length < WAITLIST_READ ? waitlist.filter((w) => w.shiftId === shiftId) : undefined);
  }
  // With auto approval a promotion takes seats: the counts are read again.
  const after = promoted > 0 && activity.approval === 'auto' ? ((await getActivity(activity._id)) ?? activity) : activity;
  return { outcomes, after };
}
