import { z } from 'zod/mini';
import { demandContract } from '../../../../domain/contract/demand';
import { clockFor } from '../../../../domain/demands/clock';
import { Demand, SATISFACTION_NAMES } from '../../../../domain/demands/model';
import { CALENDAR } from '../../../../server/holidays';
import { RequestContext } from '../../../../server/kit/router';
import { commitMove, demandForMove, entryBy, message } from '../moves';
import { demandView, viewerOf } from '../views';

type In<A extends keyof typeof demandContract> = z.infer<(typeof demandContract)[A]['input']>;
const answer = (doc: Parameters<typeof demandView>[0], ctx: RequestContext) => demandView(doc, viewerOf(ctx.user), ctx.now, { timeline: true });

/** The reporter's word closes it: solved or not, how satisfied, a comment. The me-toos are told. */
export async function confirm(input: In<'confirm'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'confirm', ctx);
  const rating = { solved: input.solved, satisfaction: input.satisfaction, comment: input.comment ?? null };
  const note = `${input.solved ? '已解决' : '未解决'}，${SATISFACTION_NAMES[input.satisfaction]}${input.comment ? `：${input.comment}` : ''}`;
  const next = await commitMove(
    doc,
    { state: 'closed', open: false, closedAt: ctx.now, closedHow: 'confirmed', rating, ...clockFor('closed', doc.deadlineClass, ctx.now, CALENDAR) },
    entryBy(ctx, doc, 'confirm', { note }),
    (next) => message('demandClosed', next.meToo, next, '已办结', ctx.now),
  );
  return answer(next, ctx);
}

/** Not done after all: back to in_progress at the same level with a fresh resolve deadline, once per level. */
export async function reopen(input: In<'reopen'>, ctx: RequestContext): Promise<Demand> {
  const doc = await demandForMove(input.demandId, 'reopen', ctx);
  const next = await commitMove(
    doc,
    { state: 'in_progress', reopenedAt: [...doc.reopenedAt, doc.level], ...clockFor('in_progress', doc.deadlineClass, ctx.now, CALENDAR) },
    entryBy(ctx, doc, 'reopen', { note: input.reason }),
  );
  return answer(next, ctx);
}
