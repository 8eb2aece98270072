/** Whose inbox 网格工作台 opens (pure): the grid of my 网格员 role, my committee's community, or the street for an admin; or what the link asks for. */
import { Role } from '../../../generated/domain';
import type { InboxQuery } from '../../../services/demand/types';

export const INBOX_TITLES: Record<InboxQuery['scope'], string> = { grid: '网格工作台', community: '居委会诉求待办', street: '街道诉求待办' };
export const NO_INBOX = '只有网格员、居委会和街道可以使用工作台';

export function inboxQueryFor(roles: readonly Role[], query: { scope?: string; gridId?: string; communityId?: string }): InboxQuery | null {
  const grid = roles.find((r): r is Extract<Role, { role: 'gridWorker' }> => r.role === 'gridWorker' && (!query.gridId || r.gridId === query.gridId));
  const committee = roles.find((r): r is Extract<Role, { role: 'committee' }> => r.role === 'committee' && (!query.communityId || r.communityId === query.communityId));
  const admin = roles.some((r) => r.role === 'admin');
  if (query.scope === 'street' && admin) return { scope: 'street' };
  if (query.scope === 'community' && (committee || admin)) {
    const communityId = query.communityId || (committee ? committee.communityId : '');
    return communityId ? { scope: 'community', communityId } : null;
  }
  if (grid && query.scope !== 'community') return { scope: 'grid', gridId: grid.gridId };
  if (committee) return { scope: 'community', communityId: committee.communityId };
  if (admin) return { scope: 'street' };
  return null;
}
