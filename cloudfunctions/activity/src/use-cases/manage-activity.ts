import { z } from 'zod/mini';
import { Activity, ActivityFields } from '../../../../domain/activities';
import { timesProblem } from '../../../../domain/activity-rules';
import { activityContract } from '../../../../domain/contract/activity';
import { canManageCommunity, committeeCommunities, isAdmin } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { notifyActivity } from '../../../../server/notifications';
import { fieldsToDoc, publishActivity } from '../../../../server/activity-publish';
import { ActivityDoc, cancelActivityIf, getActivity } from '../../../../server/repositories/activities';
import { activityWithSignups, updateActivityAndCapacity } from '../../../../server/repositories/activity-seats';
import { cancelAllLive } from '../../../../server/repositories/signups';
import { getUnit } from '../../../../server/repositories/units';
import { toActivity } from '../views';
import { promoteWaitlist } from './promote';

type CreateInput = z.infer<typeof activityContract.create.input>;
type UpdateInput = z.infer<typeof activityContract.update.input>;

/** Committee members of the activity's community (and admins) publish and manage it. */
export async function loadManagedActivity(activityId: string, ctx: RequestContext): Promise<ActivityDoc> {
  return managedActivity(await getActivity(activityId), ctx);
}

/** The activity as read, if it exists and the caller manages it. */
export function managedActivity<T extends Pick<ActivityDoc, 'communityId'>>(activity: T | null | undefined, ctx: RequestContext): T {
  if (!activity) throw new AppError('NOT_FOUND', '没有找到这个活动');
  if (!canManageCommunity(ctx.user.roles, activity.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以管理这个活动');
  return activity;
}

export async function createActivity(input: CreateInput, ctx: RequestContext): Promise<Activity> {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以发布活动');
  const community = await getUnit(input.communityId);
  if (!community || community.kind !== 'community' || community.archived) throw new AppError('NOT_FOUND', '没有找到这个居民区');
  const doc = await publishActivity(input.communityId, input.fields, { openid: ctx.openid, now: ctx.now });
  return toActivity(doc, { id: community._id, name: community.name }, community.contact?.phone ?? null);
}

/**
 * Edits an activity. Capacity never drops below the seats already confirmed; more seats promote the
 * waitlist. The change is one conditional update (capacity as read, confirmed seats within the new
 * one) that moves `seatsLeft` with the capacity, so signups taking seats at that moment never race it:
 * two requests, the activity with its waitlist and the update (more seats for people waiting add the
 * promotions and a read for the answer).
 */
export async function updateActivityFields(input: UpdateInput, ctx: RequestContext): Promise<Activity> {
  for (let attempt = 1; ; attempt++) {
    // The activity and its waitlist (for seats added), in one request.
    const found = await activityWithSignups(input.activityId, { status: 'waitlisted', shiftId: null }, 50, 'oldest');
    const activity = managedActivity(found?.activity, ctx);
    const waiting = found?.signups ?? [];
    if (activity.status === 'cancelled') throw new AppError('FAILED_PRECONDITION', '活动已取消，不能再修改');
    if (input.fields.shifts !== undefined) throw new AppError('FAILED_PRECONDITION', '岗位发布后不能修改，请取消后重新发布');
    const merged = { ...docToFields(activity), ...input.fields };
    const problem = timesProblem(merged);
    if (problem) throw new AppError('INVALID_ARGUMENT', problem);
    if (merged.capacity < activity.confirmed) {
      throw new AppError('FAILED_PRECONDITION', `已有 ${activity.confirmed} 个名额确认，名额不能少于这个数`);
    }
    if (!(await updateActivityAndCapacity(activity, { ...fieldsToDoc(merged), updatedAt: ctx.now }))) {
      // Seats were taken, or the capacity changed, since it was read: decide again on what is there now.
      if (attempt >= 10) throw new AppError('CONFLICT', '活动正在变动，请稍后再试');
      continue;
    }
    if (merged.capacity > activity.capacity && waiting.length > 0) {
      // More seats: the waitlist moves into them, and the answer shows who did.
      await promoteWaitlist(activity._id, null, ctx.now, waiting);
      const updated = await getActivity(activity._id);
      if (!updated) throw new AppError('NOT_FOUND', '没有找到这个活动');
      return toActivity(updated);
    }
    // Otherwise the answer is what was written, on the seat counts as read (as a read a moment later could show).
    const seatsLeft = activity.seatsLeft === undefined ? merged.capacity - activity.confirmed : activity.seatsLeft + merged.capacity - activity.capacity;
    return toActivity({ ...activity, ...fieldsToDoc(merged), seatsLeft, updatedAt: ctx.now });
  }
}

/**
 * Cancels the activity; every live signup ends and everyone signed up is told why. Two requests when
 * nobody had signed up: ONE conditional update cancels it only if it is published and the caller
 * manages its community, then the activity and its live signups are read together (none can start
 * after it closed). Each live signup adds its own end and its message.
 */
export async function cancelActivity(input: { activityId: string; reason: string }, ctx: RequestContext): Promise<Activity> {
  const closed = await cancelActivityIf(input.activityId, isAdmin(ctx.user.roles) ? 'any' : committeeCommunities(ctx.user.roles), input.reason, ctx.now);
  const found = await activityWithSignups(input.activityId, { status: { $in: ['pending', 'confirmed', 'waitlisted'] } }, 1000);
  const activity = managedActivity(found?.activity, ctx);
  const live = found?.signups ?? [];
  if (!closed) {
    // Cancelled already (or by someone else at this moment): the answer is the activity as it is.
    return toActivity(activity);
  }
  await cancelAllLive(live, `活动已取消：${input.reason}`, ctx.now);
  const notice = { id: activity._id, title: activity.title, startAt: activity.startAt, placeText: activity.place.text };
  await notifyActivity(
    live.map((s) => ({ kind: 'activityCancelled', openid: s.openid, activity: notice, reason: input.reason })),
    ctx.now,
  );
  return toActivity(activity);
}

function docToFields(doc: ActivityDoc): ActivityFields {
  const a = toActivity(doc);
  const fields: ActivityFields = {
    title: a.title,
    description: a.description,
    series: a.series,
    place: a.place,
    startAt: a.startAt,
    endAt: a.endAt,
    signupOpensAt: a.signupOpensAt,
    signupClosesAt: a.signupClosesAt,
    capacity: a.capacity,
    approval: a.approval,
    audience: a.audience,
    form: a.form,
    shifts: a.shifts.map((s) => ({ role: s.role, startAt: s.startAt, endAt: s.endAt, capacity: s.capacity, hours: s.hours })),
    pointsPerHour: a.pointsPerHour,
  };
  if (a.cover) fields.cover = a.cover;
  if (a.checkinRadiusMetres !== null) fields.checkinRadiusMetres = a.checkinRadiusMetres;
  return fields;
}
