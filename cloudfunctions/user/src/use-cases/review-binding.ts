import { z } from 'zod/mini';
import { userContract } from '../../../../domain/contract/user';
import { Binding } from '../../../../domain/people';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { inTransaction } from '../../../../server/kit/transaction';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { getBinding, reviewInTransaction } from '../../../../server/repositories/bindings';
import { bindInTransaction } from '../../../../server/repositories/users';
import { placeOfBuilding } from '../../../../server/places';
import { bindingsView } from '../profile';

type Input = z.infer<typeof userContract.reviewBinding.input>;

/** A committee member of the building's community approves (the user becomes its resident) or rejects with a reason. */
export async function reviewBinding(input: Input, ctx: RequestContext): Promise<Binding> {
  const binding = await getBinding(input.bindingId);
  if (!binding) throw new AppError('NOT_FOUND', '没有找到这条绑定申请');
  if (!canManageCommunity(ctx.user.roles, binding.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以审核');
  const approve = input.decision === 'approve';
  // A building archived while the request waited takes no new residents: the request can only be rejected.
  if (approve) await placeOfBuilding(binding.buildingId);
  const review = { status: approve ? ('approved' as const) : ('rejected' as const), reason: approve ? null : (input.reason ?? null), reviewedBy: ctx.openid, reviewedAt: ctx.now };
  await inTransaction(async (tx) => {
    // Re-read inside the transaction: two reviewers at once must not both act.
    const current = await getBinding(input.bindingId, tx);
    if (current?.status !== 'pending') throw new AppError('CONFLICT', '这条申请已经处理过了');
    await reviewInTransaction(tx, binding._id, review);
    if (approve) {
      await bindInTransaction(tx, binding.openid, { buildingId: binding.buildingId, gridId: binding.gridId, communityId: binding.communityId, room: binding.room }, ctx.now);
    }
  });
  await recordAudit({ actor: ctx.openid, action: 'reviewBinding', target: binding.openid, detail: { bindingId: binding._id, decision: input.decision }, at: ctx.now });
  return (await bindingsView([{ ...binding, ...review }]))[0];
}
