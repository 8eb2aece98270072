import { z } from 'zod/mini';
import { Activity, Signup } from '../../../../domain/activities';
import { audienceIncludes } from '../../../../domain/activity-rules';
import { MAX_PAGE } from '../../../../domain/common';
import { activityContract } from '../../../../domain/contract/activity';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { ActivityDoc, activitiesOfCommunity, activityWith, visibleActivities } from '../../../../server/repositories/activities';
import { decodePositionCursor, encodePositionCursor } from '../../../../server/repositories/docs';
import { mySignupsLookup, placedSignups, signupsOfPersonWithActivities, waitlistPositions } from '../../../../server/repositories/signup-reads';
import { waitingByActivity } from '../../../../server/repositories/signups';
import { parseUnitDocs, unitLookup } from '../../../../server/repositories/units';
import { toActivity, toSignup, toSummary } from '../views';

/** A committee still finds an activity this long after it ended (to read its roster, export it). */
const MANAGED_AFTER_END_MS = 30 * 86_400_000;

/**
 * Upcoming activities whose audience includes me, soonest first, with seats left; with `communityId`,
 * as its committee, every activity of that community whatever its audience or status.
 */
export async function list(input: z.infer<typeof activityContract.list.input>, ctx: RequestContext) {
  const limit = input.limit ?? MAX_PAGE;
  const after = decodePositionCursor(input.cursor);
  let docs: ActivityDoc[];
  let waiting: Map<string, number> | null = null;
  if (input.communityId !== undefined) {
    if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以查看全部活动');
    const endedAfter = new Date(ctx.now.getTime() - MANAGED_AFTER_END_MS);
    // the committee's list (not the residents' hot one) also counts the signups waiting for it
    [docs, waiting] = await Promise.all([activitiesOfCommunity(input.communityId, { series: input.series, endedAfter, after, limit: limit + 1 }), waitingByActivity(input.communityId)]);
  } else {
    docs = await visibleActivities(ctx.user, { series: input.series, now: ctx.now, after, limit: limit + 1 });
  }
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  const items = page.map((doc) => (waiting ? { ...toSummary(doc), waiting: waiting.get(doc._id) ?? 0 } : toSummary(doc)));
  return { items, nextCursor: docs.length > limit ? encodePositionCursor({ time: last.startAt, id: last._id }) : null };
}

/**
 * One activity with my signups to it (one per shift at most), each with its waitlist place, and its
 * community (its name and the 居委会's duty phone for the organiser line): ONE aggregation.
 */
export async function get(input: { activityId: string }, ctx: RequestContext): Promise<{ activity: Activity; mySignups: Signup[] }> {
  const found = await activityWith(input.activityId, { community: unitLookup('communityId', 'community'), mine: mySignupsLookup(input.activityId, ctx.openid, 'mine') });
  const activity = found?.activity;
  const mayManage = activity ? canManageCommunity(ctx.user.roles, activity.communityId) : false;
  if (!found || !activity || (!mayManage && !audienceIncludes(activity.audience, activity.communityId, ctx.user))) throw new AppError('NOT_FOUND', '没有找到这个活动');
  const [community] = parseUnitDocs(found.joined.community);
  const ref = community ? { id: community._id, name: community.name } : null;
  const mySignups = placedSignups(found.joined.mine).map((s) => toSignup(s.doc, s.position));
  return { activity: toActivity(activity, ref, community?.contact?.phone ?? null), mySignups };
}

/** My signups, newest first, each with what to do next: the page with its activities in one read, the waitlist places of those waiting in one more. */
export async function mine(input: z.infer<typeof activityContract.mine.input>, ctx: RequestContext) {
  const limit = input.limit ?? MAX_PAGE;
  const rows = await signupsOfPersonWithActivities(ctx.openid, { status: input.status, after: decodePositionCursor(input.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const positions = await waitlistPositions(page.map((r) => r.signup));
  const items = [];
  for (const { signup: doc, activity } of page) {
    if (!activity) continue;
    const signup = toSignup(doc, positions.get(doc._id) ?? null);
    items.push({ signup, activity: toSummary(activity), nextStep: nextStep(signup, activity.startAt, ctx.now) });
  }
  const last = page[page.length - 1]?.signup;
  return { items, nextCursor: rows.length > limit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null };
}

function nextStep(signup: Signup, startAt: Date, now: Date): string {
  switch (signup.status) {
    case 'pending':
      return '等待居委会审核，结果会通过服务通知告诉你';
    case 'waitlisted':
      return `候补第 ${signup.waitlistPosition ?? '?'} 位，有人取消会按顺序自动递补并通知你`;
    case 'rejected':
      return signup.reason ? `未通过：${signup.reason}` : '未通过审核';
    case 'cancelled':
      return signup.reason ?? '已取消';
    case 'confirmed':
      if (signup.checkoutAt) return `已签退，记录志愿时长 ${signup.hours ?? 0} 小时`;
      if (signup.checkinAt) return '已签到，离开时请扫码签退';
      return now < startAt ? '报名成功，开始前可以取消；到场后扫组织者的二维码签到' : '活动进行中，请扫组织者的二维码签到';
  }
}
