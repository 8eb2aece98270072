import { z } from 'zod/mini';
import { MAX_PAGE } from '../../../../domain/common';
import { userContract } from '../../../../domain/contract/user';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { QueuePosition, pendingBindingsOf } from '../../../../server/repositories/bindings';
import { decodeCursor, encodeCursor } from '../../../../server/repositories/docs';
import { bindingsView } from '../profile';

type Input = z.infer<typeof userContract.pendingBindings.input>;

/** The committee's queue of binding requests, oldest first. */
export async function pendingBindings(input: Input, ctx: RequestContext) {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以查看申请');
  const limit = input.limit ?? MAX_PAGE;
  const docs = await pendingBindingsOf(input.communityId, decodePosition(input.cursor), limit + 1);
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: await bindingsView(page), nextCursor: docs.length > limit ? encodeCursor(`${last.createdAt.getTime().toString(36)}_${last._id}`) : null };
}

/** The cursor is `<createdAt in base 36>_<id>`: the queue is ordered by time, then id. */
function decodePosition(cursor: string | undefined): QueuePosition | null {
  const raw = decodeCursor(cursor);
  if (raw === null) return null;
  const cut = raw.indexOf('_');
  const ms = cut > 0 ? parseInt(raw.slice(0, cut), 36) : NaN;
  if (!Number.isSafeInteger(ms) || cut === raw.length - 1) throw new AppError('INVALID_ARGUMENT', '翻页参数不正确，请刷新后重试');
  return { createdAt: new Date(ms), id: raw.slice(cut + 1) };
}
