import { z } from 'zod/mini';
import { userContract } from '../../../../domain/contract/user';
import { Binding } from '../../../../domain/people';
import { AppError } from '../../../../domain/result';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { inTransaction } from '../../../../server/kit/transaction';
import { BindingDoc, pendingBindingOf, replacePendingInTransaction } from '../../../../server/repositories/bindings';
import { touchInTransaction } from '../../../../server/repositories/users';
import { placeOfBuilding } from '../../../../server/places';
import { bindingsView } from '../profile';

type Input = z.infer<typeof userContract.requestBinding.input>;

/**
 * A resident asks to join a building with their room number; a committee member of that community
 * reviews it. A new request replaces the caller's pending one (it is marked superseded).
 */
export async function requestBinding(input: Input, ctx: RequestContext): Promise<Binding> {
  const place = await placeOfBuilding(input.buildingId);
  if (ctx.user.buildingId === input.buildingId && ctx.user.room === input.room) {
    throw new AppError('FAILED_PRECONDITION', '你已经是这个楼组的居民了');
  }
  const binding: BindingDoc = {
    _id: newId(ctx.now),
    openid: ctx.openid,
    buildingId: place.building.id,
    gridId: place.grid.id,
    communityId: place.community.id,
    room: input.room,
    status: 'pending',
    reason: null,
    reviewedBy: null,
    reviewedAt: null,
    createdAt: ctx.now,
  };
  await inTransaction(async (tx) => {
    // Two requests from one person at once both write the user, so one retries; each attempt reads
    // the pending request afresh, so the retry supersedes the winner's instead of leaving two pending.
    await touchInTransaction(tx, ctx.openid, ctx.now);
    const previous = await pendingBindingOf(ctx.openid);
    await replacePendingInTransaction(tx, previous, binding);
  });
  return (await bindingsView([binding]))[0];
}
