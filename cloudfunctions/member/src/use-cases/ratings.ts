import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { shanghaiDate } from '../../../../domain/members/rules';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { insertRating, ratingIdOf } from '../../../../server/repositories/member-ratings';
import { pointsSettingsOf, savePointsSettings } from '../../../../server/repositories/member-settings';
import { taskWithVerifiedClaims } from '../../../../server/repositories/member-tasks';
import { requireCommittee } from '../access';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/**
 * A household rates the service a task gave, once: a wish only by the wish's household, other
 * tasks by any household of the community. The rating keeps no rater, only the household's hash in
 * its id, so the members rated see a number and a count and can never learn who.
 */
export async function rate(input: In<'rate'>, ctx: RequestContext) {
  // The task with who served it, in one request.
  const found = await taskWithVerifiedClaims(input.taskId);
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个任务');
  const { task } = found;
  if (!ctx.user.buildingId || !ctx.user.room || ctx.user.communityId !== task.communityId) throw new AppError('PERMISSION_DENIED', '本社区绑定房屋的居民才能评价');
  if (task.kind === 'wish' && (task.wisher?.buildingId !== ctx.user.buildingId || task.wisher?.room !== ctx.user.room)) {
    throw new AppError('PERMISSION_DENIED', '只有提出心愿的家庭可以评价');
  }
  const members = found.verified.map((c) => c.openid);
  if (members.length === 0) throw new AppError('FAILED_PRECONDITION', '服务核实后才能评价');
  if (members.includes(ctx.openid)) throw new AppError('PERMISSION_DENIED', '不能评价自己的服务');
  const household = `${ctx.user.buildingId}|${ctx.user.room}`;
  const ok = await insertRating({
    _id: ratingIdOf(task._id, household),
    taskId: task._id,
    communityId: task.communityId,
    members,
    stars: input.stars,
    year: Number(shanghaiDate(ctx.now).slice(0, 4)),
    createdAt: ctx.now,
  });
  if (!ok) throw new AppError('FAILED_PRECONDITION', '你家已经评价过这项服务');
  return { rated: true as const };
}

export async function pointsSettings(input: In<'pointsSettings'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  return pointsSettingsOf(input.communityId);
}

/** Points apply to services verified from now on; what was credited stays as it was. */
export async function saveSettings(input: In<'saveSettings'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  await savePointsSettings(input.communityId, input.points, ctx.now);
  return input.points;
}
