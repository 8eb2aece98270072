import { Role } from './people';

/** Pure permission rules; use-cases ask these, pages use them to decide what to show. */

export function isAdmin(roles: readonly Role[]): boolean {
  return roles.some((r) => r.role === 'admin');
}

export function committeeCommunities(roles: readonly Role[]): string[] {
  return roles.flatMap((r) => (r.role === 'committee' ? [r.communityId] : []));
}

/** Admins manage every community; committee members only their own. */
export function canManageCommunity(roles: readonly Role[], communityId: string | null): boolean {
  if (isAdmin(roles)) return true;
  return communityId !== null && committeeCommunities(roles).includes(communityId);
}

/** A committee member grants community roles in their own community, never admin; an admin grants anything. */
export function canGrantRole(roles: readonly Role[], role: Role): boolean {
  if (isAdmin(roles)) return true;
  if (role.role === 'admin') return false;
  return canManageCommunity(roles, role.communityId);
}

export function sameRole(a: Role, b: Role): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

/** Only the user themselves and committee members of the user's community see the full phone. */
export function canSeePhone(viewerOpenid: string, viewerRoles: readonly Role[], subject: { openid: string; communityId: string | null }): boolean {
  return viewerOpenid === subject.openid || canManageCommunity(viewerRoles, subject.communityId);
}

/** The co-building units (共建单位) someone provides services for. */
export function providerPartners(roles: readonly Role[]): string[] {
  return roles.flatMap((r) => (r.role === 'provider' ? [r.partnerId] : []));
}
