import { z } from 'zod/mini';
import { demandContract } from '../../../../domain/contract/demand';
import { handlesLevel, isGridWorkerOf } from '../../../../domain/demands/access';
import { clockFor } from '../../../../domain/demands/clock';
import { Demand, isOwnDemandPhoto } from '../../../../domain/demands/model';
import { AppError } from '../../../../domain/result';
import { CALENDAR } from '../../../../server/holidays';
import { RequestContext } from '../../../../server/kit/router';
import { addMeToo, getDemands } from '../../../../server/repositories/demands';
import { getUser } from '../../../../server/repositories/users';
import { checkedForMove, commitMove, demandForMove, entryBy, message, reporterSide } from '../moves';
import { demandView, viewerOf } from '../views';

type In<A extends keyof typeof demandContract> = z.infer<(typeof demandContract)[A]['input']>;

const ownPhotos = (photos: readonly string[], ctx: RequestContext) => {
  if (photos.some((p) => !isOwnDemandPhoto(p, ctx.openid))) throw new AppError('INVALID_ARGUMENT', '照片需是你自己刚上传的，请重新选择照片');
};
const answer = (doc: Parameters<typeof demandView>[0], ctx: RequestContext) => demandView(doc, viewerOf(ctx.user), ctx.now, { timeline: true });

/** 立案: the resolve deadline starts now; the reporter is told. */
export async function accept(input: In<'accept'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'accept', ctx);
  const next = await commitMove(
    doc,
    { state: 'accepted', acceptedAt: ctx.now, ...clockFor('accepted', doc.deadlineClass, ctx.now, CALENDAR) },
    entryBy(ctx, doc, 'accept', { note: input.note ?? null }),
    (next) => message('demandAccepted', reporterSide(next), next, '已立案', next.dueAt),
  );
  return answer(next, ctx);
}

/** 不予受理, with the reason the reporter reads. */
export async function reject(input: In<'reject'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'reject', ctx);
  const next = await commitMove(
    doc,
    { state: 'rejected', open: false, rejectedReason: input.reason, ...clockFor('rejected', doc.deadlineClass, ctx.now, CALENDAR) },
    entryBy(ctx, doc, 'reject', { note: input.reason }),
    (next) => message('demandAccepted', reporterSide(next), next, '不予受理', ctx.now, input.reason),
  );
  return answer(next, ctx);
}

/** A duplicate of another open demand of the community: it closes as merged and its people follow the other one. */
export async function merge(input: In<'merge'>, ctx: RequestContext): Promise<Demand> {
  // Both demands in one read.
  const both = await getDemands([input.demandId, input.into]);
  const doc = checkedForMove(both.find((d) => d._id === input.demandId) ?? null, 'merge', ctx);
  const into = input.into === doc._id ? null : both.find((d) => d._id === input.into);
  if (!into || into.communityId !== doc.communityId) throw new AppError('INVALID_ARGUMENT', '要合并到的诉求不在这个居民区');
  if (!into.open || into.state === 'duplicate') throw new AppError('FAILED_PRECONDITION', '要合并到的诉求已经关闭');
  const next = await commitMove(
    doc,
    { state: 'duplicate', open: false, duplicateOf: into._id, ...clockFor('duplicate', doc.deadlineClass, ctx.now, CALENDAR) },
    entryBy(ctx, doc, 'merge', { note: input.note ?? null }),
  );
  // Its people not following the other demand yet join it, in one conditional update.
  const people = [...new Set([doc.reporter, ...(doc.enteredBy ? [doc.enteredBy] : []), ...doc.meToo])];
  const joining = people.filter((openid) => openid !== into.reporter && openid !== into.enteredBy && !into.followers.includes(openid));
  const entry = entryBy(ctx, into, 'meToo', { note: '合并的重复诉求' });
  const joined = joining.length > 0 && (await addMeToo(into._id, joining, entry));
  // One of them joined meanwhile: each joins on their own (someone already there is skipped).
  if (!joined && joining.length > 1) for (const openid of joining) await addMeToo(into._id, [openid], entry);
  return answer(next, ctx);
}

/** Gives it to a handler of its level (or the grid's worker) → in_progress. */
export async function assign(input: In<'assign'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'assign', ctx);
  const handler = input.handlerOpenid && input.handlerOpenid !== ctx.openid ? await getUser(input.handlerOpenid) : ctx.user;
  if (!handler) throw new AppError('NOT_FOUND', '没有找到这位办理人');
  if (!handlesLevel(viewerOf(handler), doc) && !isGridWorkerOf(handler.roles, doc.communityId, doc.gridId)) {
    throw new AppError('INVALID_ARGUMENT', '办理人需是这一级或这个网格的工作人员');
  }
  const next = await commitMove(
    doc,
    { state: 'in_progress', handler: handler._id, handlerName: handler.displayName },
    entryBy(ctx, doc, 'assign', { note: input.note ?? `由${handler.displayName}办理` }),
  );
  return answer(next, ctx);
}

/** A progress note on the timeline; the deadline keeps running. */
export async function update(input: In<'update'>, ctx: RequestContext): Promise<Demand> {
  const photos = input.photos ?? [];
  ownPhotos(photos, ctx);
  const doc = await demandForMove(input.demandId, 'update', ctx);
  return answer(await commitMove(doc, {}, entryBy(ctx, doc, 'update', { note: input.note, photos })), ctx);
}

/** Done, with a note and after-photos; the reporter has 3 days to confirm and is asked to. */
export async function resolve(input: In<'resolve'>, ctx: RequestContext): Promise<Demand> {
  ownPhotos(input.photos, ctx);
  const doc = await demandForMove(input.demandId, 'resolve', ctx);
  const next = await commitMove(
    doc,
    { state: 'resolved', resolvedAt: ctx.now, ...clockFor('resolved', doc.deadlineClass, ctx.now, CALENDAR) },
    entryBy(ctx, doc, 'resolve', { note: input.note, photos: input.photos }),
    (next) => message('demandResolved', reporterSide(next), next, '请确认', next.dueAt, input.note),
  );
  return answer(next, ctx);
}
