import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { decodeCursor, encodeCursor } from '../../../../server/repositories/docs';
import { claimsOf, currentClaimOf, liveClaimOf } from '../../../../server/repositories/member-claims';
import { getTask, openTasks, wishesOf } from '../../../../server/repositories/member-tasks';
import { requirePartyMember } from '../access';
import { eventTasks } from '../events';
import { toClaim, toTask } from '../views';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/** 任务大厅: open wishes, tasks and shifts; activities' volunteer shifts on the first page (or alone with kind=event). */
export async function hall(input: In<'hall'>, ctx: RequestContext) {
  requirePartyMember(ctx, input.communityId);
  const limit = input.limit ?? 20;
  if (input.kind === 'event') return { items: await eventTasks(input.communityId, ctx.now, limit), nextCursor: null };
  const page = await openTasks(input.communityId, input.kind ?? null, ctx.now, decodeCursor(input.cursor), limit + 1);
  const items = page.slice(0, limit).map((t) => toTask(t, ctx));
  const more = page.length > limit;
  if (!input.kind && !input.cursor && !more && items.length < limit) items.push(...(await eventTasks(input.communityId, ctx.now, limit - items.length)));
  return { items, nextCursor: more ? encodeCursor(page[limit - 1]._id) : null };
}

/**
 * One task. A wish still being vetted only for its resident, whoever posted it and the committee;
 * the resident's name and room only to them and to the member holding a claim on it.
 */
export async function task(input: In<'task'>, ctx: RequestContext) {
  const doc = await getTask(input.taskId);
  const own = doc?.wisher && (doc.wisher.openid === ctx.openid || doc.wisher.postedBy === ctx.openid);
  if (!doc || (doc.state === 'vetting' && !own && !canManageCommunity(ctx.user.roles, doc.communityId))) throw new AppError('NOT_FOUND', '没有找到这个任务');
  if (!own) requirePartyMember(ctx, doc.communityId);
  const claim = doc.kind === 'wish' ? await liveClaimOf(doc._id, ctx.openid) : null;
  return toTask(doc, ctx, claim !== null);
}

export async function mine(input: In<'mine'>, ctx: RequestContext) {
  const limit = input.limit ?? 20;
  const page = await claimsOf(ctx.openid, decodeCursor(input.cursor), limit + 1);
  return { items: page.slice(0, limit).map(toClaim), nextCursor: page.length > limit ? encodeCursor(page[limit - 1]._id) : null };
}

/** My 微心愿 with the claim on each (its id for 确认已实现, its state and the member's note; not who). */
export async function wishes(input: In<'wishes'>, ctx: RequestContext) {
  const limit = input.limit ?? 20;
  const page = await wishesOf(ctx.openid, decodeCursor(input.cursor), limit + 1);
  const items = await Promise.all(
    page.slice(0, limit).map(async (doc) => {
      const claim = doc.state === 'vetting' || doc.state === 'rejected' ? null : await currentClaimOf(doc._id);
      return { task: toTask(doc, ctx), claim: claim ? { id: claim._id, state: claim.state, note: claim.note } : null };
    }),
  );
  return { items, nextCursor: page.length > limit ? encodeCursor(page[limit - 1]._id) : null };
}
