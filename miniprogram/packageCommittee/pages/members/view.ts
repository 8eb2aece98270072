/** Members, their roles and the roles the committee may grant, as the members page shows them (pure). */
import { ROLE_NAMES, Role, canGrantRole, sameRole } from '../../../generated/domain';
import type { Member, MemberFilter, Tree } from '../../services/community';

export interface FilterOption {
  label: string;
  filter: MemberFilter;
}

export interface RoleChip {
  text: string;
  /** Whether I may take it away (committee: roles of my community, never admin). */
  revocable: boolean;
}

export interface MemberRow {
  openid: string;
  name: string;
  phone: string;
  home: string;
  roles: RoleChip[];
}

/** A role that may be granted, with its label. */
export interface RoleOption {
  label: string;
  role: Role;
}

/** Names of the community's units and partners by id, for role scopes. */
export function placeNames(tree: Tree): Map<string, string> {
  return new Map([...tree.units.map((u): [string, string] => [u.id, u.name]), ...tree.partners.map((p): [string, string] => [p.id, p.name])]);
}

/** 全部, then each grid, then each building of the community. */
export function filterOptions(tree: Tree, communityId: string): FilterOption[] {
  const live = tree.units.filter((u) => u.communityId === communityId && !u.archived);
  return [
    { label: '全部居民', filter: {} },
    ...live.filter((u) => u.kind === 'grid').map((u) => ({ label: u.name, filter: { gridId: u.id } })),
    ...live.filter((u) => u.kind === 'building').map((u) => ({ label: u.name, filter: { buildingId: u.id } })),
  ];
}

/** 网格员（第1微网格）, 服务提供方（友邻社区卫生服务中心）, 志愿者… */
export function roleText(role: Role, names: Map<string, string>): string {
  const scope = role.role === 'gridWorker' ? names.get(role.gridId) : role.role === 'provider' ? names.get(role.partnerId) : undefined;
  return scope ? `${ROLE_NAMES[role.role]}（${scope}）` : ROLE_NAMES[role.role];
}

/**
 * The roles of my community I may grant (domain/permissions `canGrantRole`): volunteer, grid worker
 * of each grid, committee, provider for each co-building unit; admin only for an admin.
 */
export function grantableRoles(myRoles: Role[], communityId: string, tree: Tree): RoleOption[] {
  const names = placeNames(tree);
  const grids = tree.units.filter((u) => u.kind === 'grid' && u.communityId === communityId && !u.archived);
  const candidates: Role[] = [
    { role: 'volunteer', communityId },
    ...grids.map((g): Role => ({ role: 'gridWorker', communityId, gridId: g.id })),
    { role: 'committee', communityId },
    ...tree.partners.filter((p) => p.communityId === communityId).map((p): Role => ({ role: 'provider', communityId, partnerId: p.id })),
    { role: 'admin' },
  ];
  return candidates.filter((r) => canGrantRole(myRoles, r)).map((role) => ({ label: roleText(role, names), role }));
}

export function memberRow(m: Member, myRoles: Role[], names: Map<string, string>): MemberRow {
  const home = [m.grid?.name, m.building?.name, m.room ? `${m.room}室` : ''].filter(Boolean).join(' ');
  const name = m.realName && m.realName !== m.displayName ? `${m.displayName}（${m.realName}）` : m.displayName;
  return {
    openid: m.openid,
    name,
    phone: m.phone || '未留手机号',
    home: home || '未绑定楼组',
    roles: m.roles.map((r) => ({ text: roleText(r, names), revocable: canGrantRole(myRoles, r) })),
  };
}

export function hasRole(roles: Role[], role: Role): boolean {
  return roles.some((r) => sameRole(r, role));
}
