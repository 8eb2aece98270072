import { z } from 'zod/mini';
import { Activity, ActivityFields } from '../../../../domain/activities';
import { timesProblem } from '../../../../domain/activity-rules';
import { activityContract } from '../../../../domain/contract/activity';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { notifyActivity } from '../../../../server/notifications';
import { fieldsToDoc, publishActivity } from '../../../../server/activity-publish';
import { ActivityDoc, getActivity, updateActivity } from '../../../../server/repositories/activities';
import { updateActivityAndCapacity } from '../../../../server/repositories/activity-seats';
import { cancelAllLive, signupsOf } from '../../../../server/repositories/signups';
import { getUnit } from '../../../../server/repositories/units';
import { toActivity } from '../views';
import { promoteWaitlist } from './promote';

type CreateInput = z.infer<typeof activityContract.create.input>;
type UpdateInput = z.infer<typeof activityContract.update.input>;

/** Committee members of the activity's community (and admins) publish and manage it. */
export async function loadManagedActivity(activityId: string, ctx: RequestContext): Promise<ActivityDoc> {
  const activity = await getActivity(activityId);
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
 * one) that moves `seatsLeft` with the capacity, so signups taking seats at that moment never race it.
 */
export async function updateActivityFields(input: UpdateInput, ctx: RequestContext): Promise<Activity> {
  for (let attempt = 1; ; attempt++) {
    const activity = await loadManagedActivity(input.activityId, ctx);
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
    if (merged.capacity > activity.capacity) await promoteWaitlist(activity._id, null, ctx.now);
    const updated = await getActivity(activity._id);
    if (!updated) throw new AppError('NOT_FOUND', '没有找到这个活动');
    return toActivity(updated);
  }
}

/** Cancels the activity; every live signup ends and everyone signed up is told why. */
export async function cancelActivity(input: { activityId: string; reason: string }, ctx: RequestContext): Promise<Activity> {
  const activity = await loadManagedActivity(input.activityId, ctx);
  if (activity.status === 'cancelled') return toActivity(activity);
  // The activity closes first, so no signup can start after the list of those to end is read.
  await updateActivity(activity._id, { status: 'cancelled', cancelReason: input.reason, updatedAt: ctx.now });
  const live = await signupsOf(activity._id, { status: ['pending', 'confirmed', 'waitlisted'], limit: 1000 });
  await cancelAllLive(live, `活动已取消：${input.reason}`, ctx.now);
  const notice = { id: activity._id, title: activity.title, startAt: activity.startAt, placeText: activity.place.text };
  await notifyActivity(
    live.map((s) => ({ kind: 'activityCancelled', openid: s.openid, activity: notice, reason: input.reason })),
    ctx.now,
  );
  return toActivity({ ...activity, status: 'cancelled', cancelReason: input.reason });
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
