import { z } from 'zod/mini';
import { userContract } from '../../../../domain/contract/user';
import { Binding } from '../../../../domain/people';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { bindingForReview, decide } from '../../../../server/repositories/bindings';
import { bindUser } from '../../../../server/repositories/users';
import { placeAmong } from '../../../../server/places';
import { bindingsView } from '../profile';

type Input = z.infer<typeof userContract.reviewBinding.input>;

/**
 * A committee member of the building's community approves (the user becomes its resident) or
 * rejects with a reason. The request, its place and its requester are read in one request; the
 * decision is written only on a request still waiting as the reviewer saw it (of two reviewers at
 * once, one wins), then the person is bound, and the review audited.
 */
export async function reviewBinding(input: Input, ctx: RequestContext): Promise<Binding> {
  const { bindings, units, requesters } = await bindingForReview(input.bindingId);
  const binding = bindings[0];
  if (!binding) throw new AppError('NOT_FOUND', '没有找到这条绑定申请');
  if (!canManageCommunity(ctx.user.roles, binding.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以审核');
  const approve = input.decision === 'approve';
  // A building archived while the request waited takes no new residents: the request can only be rejected.
  if (approve) placeAmong(binding.buildingId, units);
  const review = { status: approve ? ('approved' as const) : ('rejected' as const), reason: approve ? null : (input.reason ?? null), reviewedBy: ctx.openid, reviewedAt: ctx.now };
  if (binding.status !== 'pending' || !(await decide(binding, review))) throw new AppError('CONFLICT', '这条申请已经处理过了');
  if (approve) await bindUser(binding.openid, { buildingId: binding.buildingId, gridId: binding.gridId, communityId: binding.communityId, room: binding.room }, ctx.now);
  await recordAudit({ actor: ctx.openid, action: 'reviewBinding', target: binding.openid, detail: { bindingId: binding._id, decision: input.decision }, at: ctx.now });
  return (await bindingsView([{ ...binding, ...review }], { users: requesters, units }))[0];
}
