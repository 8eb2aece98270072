import { z } from 'zod/mini';
import { userContract } from '../../../../domain/contract/user';
import { Role } from '../../../../domain/people';
import { canGrantRole, sameRole } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { waiveRole } from '../../../../server/repositories/member-registrations';
import { parsePartnerDocs, partnerLookup } from '../../../../server/repositories/partners';
import { parseUnitDocs, unitsLookup } from '../../../../server/repositories/units';
import { Lookup, setRolesIf, userWith } from '../../../../server/repositories/users';

type Input = z.infer<typeof userContract.assignRole.input>;

/**
 * Grants or takes away one role. Committee members act only in their own community and never on
 * admin; admins act anywhere. The person and the units (or partner) a granted role names are read in
 * one request; the roles are written only if the person is still as read (else read again), so two
 * changes at once both stand. Repeating a change changes nothing; every change is audited. Revoking
 * partyMember first clears what an approval owes (one request more), so neither approving again nor
 * the member timer adds it back, even when the approval's call died before adding it.
 */
export async function changeRole(change: 'assignRole' | 'revokeRole', input: Input, ctx: RequestContext): Promise<{ openid: string; roles: Role[] }> {
  if (!canGrantRole(ctx.user.roles, input.role)) throw new AppError('PERMISSION_DENIED', '你没有权限调整这个角色');
  const lookups = change === 'assignRole' ? scopeLookups(input.role) : [];
  for (let round = 0; ; round++) {
    const found = await userWith(input.openid, lookups);
    if (!found) throw new AppError('NOT_FOUND', '没有找到这位用户');
    if (round === 0 && change === 'revokeRole' && input.role.role === 'partyMember') await waiveRole(input.role.communityId, input.openid);
    if (change === 'assignRole') checkRoleScope(input.role, found.found);
    const target = found.user;
    const has = target.roles.some((r) => sameRole(r, input.role));
    const roles = change === 'assignRole' ? (has ? target.roles : [...target.roles, input.role]) : target.roles.filter((r) => !sameRole(r, input.role));
    if (roles.length === target.roles.length) return { openid: input.openid, roles };
    if (await setRolesIf(target, roles, ctx.now)) {
      await recordAudit({ actor: ctx.openid, action: change, target: input.openid, detail: { role: input.role }, at: ctx.now });
      return { openid: input.openid, roles };
    }
    if (round >= 4) throw new AppError('CONFLICT', '这位用户的角色正在被调整，请稍后再试');
  }
}

/** What a role names besides its community: a grid, a building or a co-building unit. */
function scopeLookups(role: Role): Lookup[] {
  if (role.role === 'admin') return [];
  const ids = [role.communityId, ...(role.role === 'gridWorker' ? [role.gridId] : []), ...(role.role === 'buildingLeader' ? [role.buildingId] : [])];
  return [unitsLookup(ids, 'units'), ...(role.role === 'provider' ? [partnerLookup(role.partnerId, 'partner')] : [])];
}

/** The community, grid, building or co-building unit a role names must exist and belong together. */
function checkRoleScope(role: Role, found: Record<string, Record<string, unknown>[]>): void {
  if (role.role === 'admin') return;
  const units = parseUnitDocs(found.units ?? []);
  const community = units.find((u) => u._id === role.communityId);
  if (!community || community.kind !== 'community' || community.archived) throw new AppError('NOT_FOUND', '没有找到这个居民区');
  if (role.role === 'gridWorker') {
    const grid = units.find((u) => u._id === role.gridId);
    if (!grid || grid.kind !== 'grid' || grid.archived || grid.communityId !== role.communityId) throw new AppError('INVALID_ARGUMENT', '这个网格不在该居民区');
  }
  if (role.role === 'buildingLeader') {
    const building = units.find((u) => u._id === role.buildingId);
    if (!building || building.kind !== 'building' || building.archived || building.communityId !== role.communityId) throw new AppError('INVALID_ARGUMENT', '这个楼组不在该居民区');
  }
  if (role.role === 'provider') {
    const partner = parsePartnerDocs(found.partner ?? [])[0];
    if (!partner || partner.communityId !== role.communityId) throw new AppError('INVALID_ARGUMENT', '这个共建单位不在该居民区');
  }
}
