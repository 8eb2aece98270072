import { z } from 'zod/mini';
import { demandContract } from '../../../../domain/contract/demand';
import { levelAbove } from '../../../../domain/demands/access';
import { clockFor, extendedClock } from '../../../../domain/demands/clock';
import { shanghaiDay } from '../../../../domain/demands/deadlines';
import { Demand, LEVEL_NAMES } from '../../../../domain/demands/model';
import { AppError } from '../../../../domain/result';
import { CALENDAR } from '../../../../server/holidays';
import { RequestContext } from '../../../../server/kit/router';
import { getUnit } from '../../../../server/repositories/units';
import { risePatch } from '../escalation';
import { commitMove, demandForMove, entryBy, message } from '../moves';
import { demandView, viewerOf } from '../views';

type In<A extends keyof typeof demandContract> = z.infer<(typeof demandContract)[A]['input']>;
const answer = (doc: Parameters<typeof demandView>[0], ctx: RequestContext) => demandView(doc, viewerOf(ctx.user), ctx.now, { timeline: true });

/** Up one level by hand, with a reason; no miss is recorded. The new level's people are told. */
export async function escalate(input: In<'escalate'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'escalate', ctx);
  const to = levelAbove(doc.level)!;
  const next = await commitMove(doc, risePatch(doc, ctx.now), entryBy(ctx, doc, 'escalate', { toLevel: to, note: input.reason }), (next) =>
    message('demandEscalated', to, next, `升级${LEVEL_NAMES[to]}`, next.dueAt, input.reason),
  );
  return answer(next, ctx);
}

/** To another grid of the community, which gets a fresh deadline; its workers are told. */
export async function transfer(input: In<'transfer'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'transfer', ctx);
  const grid = await getUnit(input.gridId);
  if (!grid || grid.kind !== 'grid' || grid.archived || grid.communityId !== doc.communityId) throw new AppError('INVALID_ARGUMENT', '这个网格不在该居民区');
  if (grid._id === doc.gridId) throw new AppError('INVALID_ARGUMENT', '这件诉求已经在这个网格');
  const next = await commitMove(
    doc,
    {
      gridId: grid._id,
      gridName: grid.name,
      handler: null,
      handlerName: null,
      state: doc.state === 'in_progress' ? 'accepted' : doc.state,
      ...clockFor(doc.state === 'in_progress' ? 'accepted' : doc.state, doc.deadlineClass, ctx.now, CALENDAR),
    },
    entryBy(ctx, doc, 'transfer', { note: `转至${grid.name}：${input.reason}` }),
    (next) => message('demandEscalated', 'grid', next, '转派', next.dueAt, input.reason),
  );
  return answer(next, ctx);
}

/** A complex demand's one extension, granted by the committee with a reason. */
export async function extend(input: In<'extend'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'extend', ctx);
  const { clock, dueKind, clockStart, dueAt, warnAt } = doc;
  const extended = extendedClock({ clock, dueKind, clockStart, dueAt, warnAt }, doc.deadlineClass, CALENDAR);
  return answer(await commitMove(doc, { extended: true, ...extended }, entryBy(ctx, doc, 'extend', { note: input.reason })), ctx);
}

/** 挂账: waiting for outside work; no deadline runs until it is taken up again on or after the review day. */
export async function park(input: In<'park'>, ctx: RequestContext): Promise<Demand> {
  if (input.reviewOn <= shanghaiDay(ctx.now)) throw new AppError('INVALID_ARGUMENT', '复核日期应在今天之后');
  const doc = await demandForMove(input.demandId, 'park', ctx);
  const parked = { reason: input.reason, reviewOn: input.reviewOn };
  const next = await commitMove(
    doc,
    { state: 'parked', parked, ...clockFor('parked', doc.deadlineClass, ctx.now, CALENDAR, input.reviewOn) },
    entryBy(ctx, doc, 'park', { note: `${input.reason}（复核日期 ${input.reviewOn}）` }),
  );
  return answer(next, ctx);
}

/** Taken up again with a fresh resolve deadline. */
export async function unpark(input: In<'unpark'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'unpark', ctx);
  const state = doc.handler ? 'in_progress' : 'accepted';
  const next = await commitMove(doc, { state, parked: null, ...clockFor(state, doc.deadlineClass, ctx.now, CALENDAR) }, entryBy(ctx, doc, 'unpark', { note: input.note }));
  return answer(next, ctx);
}
