import { z } from 'zod/mini';
import { userContract } from '../../../../domain/contract/user';
import { Role } from '../../../../domain/people';
import { canGrantRole, sameRole } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { getPartner } from '../../../../server/repositories/partners';
import { getUnit } from '../../../../server/repositories/units';
import { inTransaction } from '../../../../server/kit/transaction';
import { getUser, getUserInTransaction, setRolesInTransaction } from '../../../../server/repositories/users';

type Input = z.infer<typeof userContract.assignRole.input>;

/**
 * Grants or takes away one role. Committee members act only in their own community and never on
 * admin; admins act anywhere. Repeating a change changes nothing; every change is audited.
 */
export async function changeRole(change: 'assignRole' | 'revokeRole', input: Input, ctx: RequestContext): Promise<{ openid: string; roles: Role[] }> {
  if (!canGrantRole(ctx.user.roles, input.role)) throw new AppError('PERMISSION_DENIED', '你没有权限调整这个角色');
  if (!(await getUser(input.openid))) throw new AppError('NOT_FOUND', '没有找到这位用户');
  if (change === 'assignRole') await checkRoleScope(input.role);
  // Read and write the roles in one transaction: two changes to one person at once must both stand.
  const { roles, changed } = await inTransaction(async (tx) => {
    const target = await getUserInTransaction(tx, input.openid);
    if (!target) throw new AppError('NOT_FOUND', '没有找到这位用户');
    const has = target.roles.some((r) => sameRole(r, input.role));
    const next = change === 'assignRole' ? (has ? target.roles : [...target.roles, input.role]) : target.roles.filter((r) => !sameRole(r, input.role));
    const differs = next.length !== target.roles.length;
    if (differs) await setRolesInTransaction(tx, target._id, next, ctx.now);
    return { roles: next, changed: differs };
  });
  if (changed) await recordAudit({ actor: ctx.openid, action: change, target: input.openid, detail: { role: input.role }, at: ctx.now });
  return { openid: input.openid, roles };
}

/** The community, grid, building or co-building unit a role names must exist and belong together. */
async function checkRoleScope(role: Role): Promise<void> {
  if (role.role === 'admin') return;
  const community = await getUnit(role.communityId);
  if (!community || community.kind !== 'community' || community.archived) throw new AppError('NOT_FOUND', '没有找到这个居民区');
  if (role.role === 'gridWorker') {
    const grid = await getUnit(role.gridId);
    if (!grid || grid.kind !== 'grid' || grid.archived || grid.communityId !== role.communityId) throw new AppError('INVALID_ARGUMENT', '这个网格不在该居民区');
  }
  if (role.role === 'buildingLeader') {
    const building = await getUnit(role.buildingId);
    if (!building || building.kind !== 'building' || building.archived || building.communityId !== role.communityId) throw new AppError('INVALID_ARGUMENT', '这个楼组不在该居民区');
  }
  if (role.role === 'provider') {
    const partner = await getPartner(role.partnerId);
    if (!partner || partner.communityId !== role.communityId) throw new AppError('INVALID_ARGUMENT', '这个共建单位不在该居民区');
  }
}
