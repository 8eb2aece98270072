import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { Signup } from '../../../../domain/activities';
import { answersProblem, audienceIncludes } from '../../../../domain/activity-rules';
import { activityContract } from '../../../../domain/contract/activity';
import { PRIVACY_VERSION } from '../../../../domain/people';
import { AppError } from '../../../../domain/result';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { getUser } from '../../../../server/repositories/users';
import { ActivityDoc, ORPHAN_HOLDER_MS } from '../../../../server/repositories/activities';
import { SeatClaim, fillSeatCounters, giveBackSeats, hasSeatCounters, holderKeyOf, signupSituation, takeSeats } from '../../../../server/repositories/activity-seats';
import { SignupDoc, insertSignup, liveKeyOf, signupByIdOrLiveKey, waitlistAhead } from '../../../../server/repositories/signups';
import { seatsLeft, toSignup } from '../views';
import { promoteWaitlist } from './promote';

type Input = z.infer<typeof activityContract.signup.input>;

/** A seat freed between the refused take and the read, a counter being filled in: try again this often. */
const ATTEMPTS = 4;

/**
 * What this instance last read about an activity's seats, for a few seconds: only a hint of whether
 * trying to take seats is worth a request. When it says the activity (or shift) is full or needs the
 * committee, the signup reads first; what it then does is decided on that fresh read alone, exactly
 * as after a refused take. A stale hint costs one request, never a wrong status.
 */
const hints = new Map<string, { takes: boolean; at: number }>();
const HINT_MS = 5_000;

function worthTaking(key: string, now: Date): boolean {
  const hint = hints.get(key);
  return !hint || now.getTime() - hint.at > HINT_MS || hint.takes;
}

function remember(key: string, takes: boolean, now: Date): void {
  if (hints.size > 500) hints.clear();
  hints.set(key, { takes, at: now.getTime() });
}

/**
 * Signs the caller up: confirmed when seats remain (auto approval), pending for the committee, or
 * waitlisted when full. No transaction: a confirmed signup is the router's read of the caller, ONE
 * conditional update that takes the seats only if everything that decides them holds at that instant
 * (`takeSeats`: published, inside the window, not started, open to this person, their answers fit
 * the form, auto approval, enough seats, no seats held by this person yet), and the signup's insert.
 *
 * When the take is refused, one read (`signupSituation`) tells why: an earlier signup of this person
 * (a retry, a double tap) is answered again; a closed or refused signup gets its clear error; a full
 * activity a waitlisted signup, and committee approval a pending one. Waitlisted and pending signups
 * hold no seats, so their insert needs no transaction: the waitlist is ordered by createdAt and id.
 *
 * Seats are taken before the signup is written, and the holder entry names the signup-to-be, so:
 * - the same person calling twice at once never holds seats twice: the second take finds the holder;
 * - a take whose insert is refused (the person already had a live signup) gives the seats back and
 *   serves the waitlist, so the final state is exact;
 * - a call that dies between the two writes leaves a named holder with no signup: after
 *   ORPHAN_HOLDER_MS the person's next signup, or the `reconcileSeats` timer, gives the seats back.
 *
 * A retry with the same idempotency key has one effect and the same answer without the generic
 * idempotency wrapper: the key fixes the signup's id, so the retry finds the first call's signup
 * (by id, or its holder entry) and answers what that call answered (`firstAnswer`).
 */
export async function signup(input: Input, ctx: RequestContext): Promise<Signup> {
  // A phone is personal data: kept only under the accepted privacy notice (never after it was
  // withdrawn), so the consent is read as it is now, not as this instance remembers the caller.
  if (input.answers.phone !== undefined && (await getUser(ctx.openid))?.privacy?.version !== PRIVACY_VERSION) {
    throw new AppError('FAILED_PRECONDITION', '请先在“我的”中阅读并同意隐私保护指引，再填写手机号报名');
  }
  const shiftId = input.shiftId ?? null;
  const seats = 1 + (input.answers.companions ?? 0);
  const liveKey = liveKeyOf(input.activityId, shiftId, ctx.openid);
  const holderKey = holderKeyOf(liveKey);
  const keyed = ctx.idempotencyKey !== null;
  const id = ctx.idempotencyKey !== null ? keyedSignupId(ctx.openid, input.activityId, shiftId, ctx.idempotencyKey) : newId(ctx.now);
  // The activity's community is a condition of the take (the signup records it): the person's own,
  // until a read shows the activity belongs to another (a public one). Someone not bound to a
  // building yet can only join public activities; they read first.
  let community = ctx.user.communityId;
  const claim: Omit<SeatClaim, 'communityId'> = { activityId: input.activityId, shiftId, seats, signupId: id, holderKey, place: ctx.user, answers: input.answers, now: ctx.now };
  const draft = (status: SignupDoc['status'], waitlistPosition: number | null, communityId: string): SignupDoc => ({
    _id: id,
    activityId: input.activityId,
    shiftId,
    communityId,
    openid: ctx.openid,
    status,
    liveKey,
    answers: { phone: input.answers.phone ?? null, companions: input.answers.companions ?? 0, note: input.answers.note ?? null },
    seats,
    reason: null,
    createdAt: ctx.now,
    decidedAt: status === 'confirmed' ? ctx.now : null,
    checkinAt: null,
    checkoutAt: null,
    hours: null,
    firstAnswer: { status, waitlistPosition },
  });
  const repeated = async (): Promise<Signup | null> => answerFor(await signupByIdOrLiveKey(id, liveKey), id, liveKey, keyed);
  const hintKey = `${input.activityId}|${shiftId ?? '-'}|${seats}`;

  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (community !== null && (attempt > 1 || worthTaking(hintKey, ctx.now)) && (await takeSeats({ ...claim, communityId: community }))) {
      const doc = draft('confirmed', null, community);
      if (await insertSignup(doc)) return toSignup(doc);
      // The person already has a signup (a retry of an older call, or a live one): these seats go back.
      await giveBackSeats(input.activityId, holderKey, { id, seats, shiftId: shiftId ?? undefined }, ctx.now);
      await promoteWaitlist(input.activityId, shiftId, ctx.now);
      const answer = await repeated();
      if (answer) return answer;
      continue;
    }

    const situation = await signupSituation({ activityId: input.activityId, shiftId, signupId: id, liveKey, now: ctx.now, holderKey });
    const activity = situation.activity;
    if (!activity) throw new AppError('NOT_FOUND', '没有找到这个活动');
    // A retry with the same key answers what the first call answered, whatever has happened since.
    const first = keyed ? situation.existing.find((s) => s._id === id) : undefined;
    if (first) return firstAnswerOf(first);
    checkMayJoin(activity, shiftId, input, ctx);
    const live = situation.existing.find((s) => s.liveKey === liveKey);
    if (live) return currentAnswerOf(live);
    if (situation.holder) {
      // Seats taken for this person by a call that has not written its signup yet, or never will.
      if (ctx.now.getTime() - situation.holder.at.getTime() < ORPHAN_HOLDER_MS) throw new AppError('CONFLICT', '上一次报名还在处理中，请稍候');
      if (await giveBackSeats(activity._id, holderKey, situation.holder, ctx.now)) await promoteWaitlist(activity._id, shiftId, ctx.now);
      continue;
    }
    if (!hasSeatCounters(activity)) {
      await fillSeatCounters(activity);
      continue;
    }
    const fits = seatsLeft(activity, shiftId) >= seats;
    remember(hintKey, fits && activity.approval === 'auto', ctx.now);
    // Seats came free between the take and the read (or the hint was stale, or the activity is
    // another community's): take them.
    if (fits && activity.approval === 'auto') {
      community = activity.communityId;
      continue;
    }
    const status = fits ? 'pending' : 'waitlisted';
    const position = status === 'waitlisted' ? situation.waitlistAhead + 1 : null;
    const doc = draft(status, position, activity.communityId);
    if (await insertSignup(doc)) return toSignup(doc, position);
    const answer = await repeated();
    if (answer) return answer;
  }
  throw new AppError('CONFLICT', '报名的人很多，请稍后再试');
}

/** The signup id a call with an idempotency key gets: the same for every retry of that call. */
function keyedSignupId(openid: string, activityId: string, shiftId: string | null, key: string): string {
  return crypto
    .createHash('sha256')
    .update(`signup|${openid}|${activityId}|${shiftId ?? '-'}|${key}`)
    .digest('hex')
    .slice(0, 32);
}

/** What a repeated signup answers: the first answer of this very call (same key), else the live signup as it is now. */
async function answerFor(docs: SignupDoc[], id: string, liveKey: string, keyed: boolean): Promise<Signup | null> {
  const first = keyed ? docs.find((s) => s._id === id) : undefined;
  if (first) return firstAnswerOf(first);
  const live = docs.find((s) => s.liveKey === liveKey);
  return live ? currentAnswerOf(live) : null;
}

function firstAnswerOf(doc: SignupDoc): Promise<Signup> | Signup {
  if (!doc.firstAnswer) return currentAnswerOf(doc);
  return toSignup({ ...doc, status: doc.firstAnswer.status, reason: null, checkinAt: null, checkoutAt: null, hours: null }, doc.firstAnswer.waitlistPosition);
}

async function currentAnswerOf(doc: SignupDoc): Promise<Signup> {
  return toSignup(doc, doc.status === 'waitlisted' ? (await waitlistAhead(doc)) + 1 : null);
}

function checkMayJoin(activity: ActivityDoc, shiftId: string | null, input: Input, ctx: RequestContext): void {
  if (activity.status !== 'published') throw new AppError('FAILED_PRECONDITION', '活动已取消');
  if (ctx.now < activity.signupOpensAt) throw new AppError('FAILED_PRECONDITION', '报名还没有开始');
  if (ctx.now >= activity.startAt) throw new AppError('FAILED_PRECONDITION', '活动已经开始，不能再报名');
  if (ctx.now > activity.signupClosesAt) throw new AppError('FAILED_PRECONDITION', '报名已经截止');
  if (shiftId && !activity.shifts.some((s) => s.id === shiftId)) throw new AppError('NOT_FOUND', '没有找到这个岗位');
  if (!audienceIncludes(activity.audience, activity.communityId, ctx.user)) {
    if (!ctx.user.buildingId) throw new AppError('PERMISSION_DENIED', '请先绑定楼组，再报名本社区活动');
    throw new AppError('PERMISSION_DENIED', ctx.user.communityId === activity.communityId ? '这个活动只面向部分楼组或网格的居民' : '这个活动只面向本居民区的居民');
  }
  const problem = answersProblem(activity.form, input.answers);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem);
}
