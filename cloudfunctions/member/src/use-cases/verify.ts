import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { PointsSettings } from '../../../../domain/members/model';
import { cappedHours, pointsFor, shanghaiDate, stayHours } from '../../../../domain/members/rules';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { logFailure } from '../../../../server/kit/log';
import { RequestContext } from '../../../../server/kit/router';
import { Budget, UNBOUNDED } from '../../../../server/kit/timers';
import { TimePosition } from '../../../../server/repositories/docs';
import { creditOnce, entryOfLookup } from '../../../../server/repositories/hours-ledger';
import { ClaimDoc, claimWithJoins, deadClaimKey, getClaim, moveClaim, verifiedSince } from '../../../../server/repositories/member-claims';
import { DayDoc, claimDaysLookup, creditDay, daysOfClaim, parseDays, partOf, releaseDayPart } from '../../../../server/repositories/member-days';
import { giveBackPlace } from '../../../../server/repositories/member-places';
import { pointsSettingsFrom, settingsJoin } from '../../../../server/repositories/member-settings';
import { TaskDoc, changeTask, claimedTaskJoin, openWishLookup, parseTaskDocs } from '../../../../server/repositories/member-tasks';
import { toClaim } from '../views';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

interface Decision {
  claim: ClaimDoc;
  task: TaskDoc;
  settings: PointsSettings;
  /** The member's day the work falls on, and the day already holding the claim's hours if another. */
  days: DayDoc[];
}

/**
 * The claim with its task, its community's points and its member's days, in ONE read. The committee
 * verifies; a wish's own resident (or whoever posted it for them) confirms it was fulfilled.
 */
async function decidable(claimId: string, ctx: RequestContext): Promise<Decision> {
  const found = await claimWithJoins(claimId, { task: claimedTaskJoin(), settings: settingsJoin(), days: claimDaysLookup(claimId, ctx.now, 'days') });
  const task = found ? parseTaskDocs(found.joined.task)[0] : undefined;
  if (!found || !task) throw new AppError('NOT_FOUND', '没有找到这条服务记录');
  const { claim } = found;
  const wisher = task.kind === 'wish' && (task.wisher?.openid === ctx.openid || task.wisher?.postedBy === ctx.openid);
  if (!wisher && !canManageCommunity(ctx.user.roles, task.communityId)) throw new AppError('PERMISSION_DENIED', '只有居委会或提出心愿的居民可以核实');
  if (claim.openid === ctx.openid) throw new AppError('PERMISSION_DENIED', '不能核实自己的服务');
  return { claim, task, settings: pointsSettingsFrom(found.joined.settings), days: parseDays(found.joined.days) };
}

const keptFor = (days: DayDoc[], claimId: string) => days.find((d) => partOf(d, claimId) !== undefined);

/**
 * Verifies a service and credits its hours once, in 4 requests and no transaction: the read, the
 * hours added to the member's day (ONE conditional write on its total as read, so two verifications
 * at once of claims of the same day cannot both pass the 8 h cap), the claim moved to verified (only
 * from submitted), the ledger entry (unique per claim). A repeated or concurrent verify credits once:
 * the day keeps each claim's hours under the claim, the ledger refuses a second entry. A call that
 * dies after the day's write leaves the hours kept for a claim still waiting in the committee's queue:
 * its next verify uses them, a rejection gives them back. One that dies after the claim's move has
 * its ledger entry written and a wish's move made by the `creditVerified` job (or a repeated verify).
 */
export async function verify(input: In<'verify'>, ctx: RequestContext) {
  const decision = await decidable(input.claimId, ctx);
  const { claim, task } = decision;
  if (claim.state === 'verified') return credited(claim, task, keptFor(decision.days, claim._id)?.date, ctx);
  if (claim.state !== 'submitted') throw new AppError('FAILED_PRECONDITION', '这条服务还没有提交，或已被退回');
  const { date, hours } = await creditDayOf(decision, ctx);
  const patch = {
    state: 'verified' as const,
    hours,
    points: pointsFor(claim.kind, hours, decision.settings),
    year: Number(date.slice(0, 4)),
    verifiedAt: ctx.now,
    creditedOn: date,
    updatedAt: ctx.now,
  };
  if (await moveClaim(claim._id, 'submitted', patch)) return credited({ ...claim, ...patch }, task, date, ctx);
  // Decided since the read: verified by a verify at the same moment (its answer), or rejected (the hours go back).
  const current = await getClaim(claim._id);
  if (current?.state === 'verified') return credited(current, task, date, ctx);
  await releaseDayPart(claim.openid, date, claim._id, hours);
  throw new AppError('FAILED_PRECONDITION', '这条服务已被退回');
}

/**
 * The claim's hours on its day: those kept for it already (a verify that died, or one at this
 * moment), else its hours capped by what the day holds, added in one conditional write, read again
 * and decided again when another write came first.
 */
async function creditDayOf({ claim, task, days }: Decision, ctx: RequestContext): Promise<{ date: string; hours: number }> {
  const raw = claim.checkinAt && claim.checkoutAt ? stayHours(claim.checkinAt, claim.checkoutAt, claim) : (task.hours ?? 0);
  const date = shanghaiDate(claim.checkoutAt ?? ctx.now);
  let found = days;
  for (let attempt = 0; attempt < 5; attempt++) {
    const kept = keptFor(found, claim._id);
    if (kept) return { date: kept.date, hours: partOf(kept, claim._id) ?? 0 };
    const day = found.find((d) => d.date === date) ?? null;
    const hours = cappedHours(raw, day?.hours ?? 0);
    if (await creditDay(claim.openid, date, day, claim._id, hours)) return { date, hours };
    found = await daysOfClaim(claim.openid, date, claim._id);
  }
  throw new AppError('CONFLICT', '核实的人很多，请稍后再试');
}

/** The verified claim's ledger entry (once: unique per claim) and a wish's fulfilment; answers the claim. */
async function credited(claim: ClaimDoc, task: TaskDoc, day: string | undefined, ctx: RequestContext) {
  await creditOnce(ledgerEntryOf(claim, day ?? creditedOn(claim, ctx.now), ctx.now));
  if (task.kind === 'wish' && task.state === 'open') await changeTask(task._id, 'open', { state: 'fulfilled', updatedAt: ctx.now });
  return toClaim(claim);
}

const LEDGER_PREFIX = 'member-';

/** The day a verified claim's hours were counted on, as its verify kept it (a claim verified before that was kept: the day it was worked). */
const creditedOn = (claim: ClaimDoc, now: Date) => claim.creditedOn ?? shanghaiDate(claim.checkoutAt ?? claim.verifiedAt ?? now);

/** A verified claim's ledger entry, its month and year those of the day its hours count on. */
function ledgerEntryOf(claim: ClaimDoc, date: string, now: Date) {
  const id = `${LEDGER_PREFIX}${claim._id}`;
  const at = claim.checkoutAt ?? claim.verifiedAt ?? now;
  return {
    _id: id,
    signupId: id,
    activityId: claim.taskId,
    shiftId: null,
    communityId: claim.communityId,
    openid: claim.openid,
    hours: claim.hours ?? 0,
    points: claim.points ?? 0,
    month: date.slice(0, 7),
    year: Number(date.slice(0, 4)),
    at,
  };
}

/**
 * Proof turned down with a reason: nothing is credited, the place is free again, hours a verify that
 * died kept for it go back. Rejecting again gives back hours still kept for it: those of a verify
 * racing the rejection, or of a rejection that died before releasing them.
 */
export async function rejectProof(input: In<'rejectProof'>, ctx: RequestContext) {
  const { claim, days } = await decidable(input.claimId, ctx);
  const kept = keptFor(days, claim._id);
  const release = () => kept && releaseDayPart(claim.openid, kept.date, claim._id, partOf(kept, claim._id) ?? 0);
  if (claim.state === 'rejected') {
    await release();
    return toClaim(claim);
  }
  if (claim.state !== 'submitted') throw new AppError('FAILED_PRECONDITION', '只能退回待核实的服务');
  const patch = { state: 'rejected' as const, reason: input.reason, liveKey: deadClaimKey(claim._id), updatedAt: ctx.now };
  if (!(await moveClaim(claim._id, 'submitted', patch))) throw new AppError('FAILED_PRECONDITION', '这条服务已经核实过了');
  await giveBackPlace(claim.taskId, ctx.now);
  await release();
  return toClaim({ ...claim, ...patch });
}

/** The job runs daily: claims verified this far back are looked at, so a missed run is covered. */
const LOOK_BACK_MS = 3 * 86_400_000;
const PAGE = 100;

/**
 * Timer job `creditVerified`: a verify that died after moving its claim to verified left it without
 * its ledger entry, and a wish without its move to fulfilled. Each claim verified in the last 3 days,
 * the newest first (a backlog the budget cannot finish is worked through over the following nights,
 * each claim first in line the night after its verify), gets what it lacks, once: the entry is unique
 * per claim and the wish moves only from open, so a verify finishing at the same moment writes the same.
 */
export async function creditVerified(now: Date, budget: Budget = UNBOUNDED): Promise<{ claims: number; credited: number; fulfilled: number }> {
  const since = new Date(now.getTime() - LOOK_BACK_MS);
  const total = { claims: 0, credited: 0, fulfilled: 0 };
  const lookups = [entryOfLookup(LEDGER_PREFIX, 'entry'), openWishLookup('openWish')];
  for (let after: TimePosition | null = null; !budget.spent();) {
    const page = await verifiedSince(since, after, PAGE, lookups);
    total.claims += page.length;
    for (const { claim, found } of page) {
      if (budget.spent()) break;
      try {
        if (found.entry.length === 0) {
          await creditOnce(ledgerEntryOf(claim, creditedOn(claim, now), now));
          total.credited++;
        }
        if (found.openWish.length > 0 && (await changeTask(claim.taskId, 'open', { state: 'fulfilled', updatedAt: now }))) total.fulfilled++;
      } catch (error) {
        logFailure('member', 'timer:creditVerified', error);
      }
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || !last.claim.verifiedAt) break;
    after = { time: last.claim.verifiedAt, id: last.claim._id };
  }
  return total;
}
