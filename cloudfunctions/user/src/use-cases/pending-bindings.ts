import { z } from 'zod/mini';
import { MAX_PAGE } from '../../../../domain/common';
import { userContract } from '../../../../domain/contract/user';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { pendingWithNames } from '../../../../server/repositories/bindings';
import { decodePositionCursor, encodePositionCursor } from '../../../../server/repositories/docs';
import { bindingsView } from '../profile';

type Input = z.infer<typeof userContract.pendingBindings.input>;

/** The committee's queue of binding requests, oldest first, with their places' and requesters' names, in one request. */
export async function pendingBindings(input: Input, ctx: RequestContext) {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以查看申请');
  const limit = input.limit ?? MAX_PAGE;
  const { bindings: docs, units, requesters } = await pendingWithNames(input.communityId, decodePositionCursor(input.cursor), limit + 1);
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: await bindingsView(page, { users: requesters, units }), nextCursor: docs.length > limit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null };
}
