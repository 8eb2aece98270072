import { canManageCommunity } from '../../../domain/permissions';
import { AppError } from '../../../domain/result';
import { RequestContext } from '../../../server/kit/router';

/** Who may do what in `member`: the committee of the community (or an admin), and its approved party members. */

export function requireCommittee(ctx: RequestContext, communityId: string): void {
  if (!canManageCommunity(ctx.user.roles, communityId)) throw new AppError('PERMISSION_DENIED', '只有本社区居委会可以操作');
}

export const isPartyMember = (ctx: RequestContext, communityId: string) => ctx.user.roles.some((r) => r.role === 'partyMember' && r.communityId === communityId);

export function requirePartyMember(ctx: RequestContext, communityId: string): void {
  if (!isPartyMember(ctx, communityId) && !canManageCommunity(ctx.user.roles, communityId)) {
    throw new AppError('PERMISSION_DENIED', '报到通过的在职党员才能查看和认领任务');
  }
}

/** Only a member themselves acts on their claim. */
export function requireOwnClaim(ctx: RequestContext, claim: { openid: string }): void {
  if (claim.openid !== ctx.openid) throw new AppError('PERMISSION_DENIED', '这不是你认领的任务');
}
