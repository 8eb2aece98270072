/** Who runs consultation for which community (pure: no calls, so view tests can use it). */
import { ApiError, Profile, Result, committeeCommunities, isAdmin } from '../../generated/domain';

export const NOT_COMMITTEE = '只有居委会成员可以使用这个页面';

/** The community whose consultation I run: my committee's (an admin: the one I live in); anyone else is refused in plain words. */
export function councilDeskOf(me: Profile): Result<{ communityId: string }> {
  const communityId = committeeCommunities(me.roles)[0] || (isAdmin(me.roles) && me.community ? me.community.id : '');
  if (communityId) return { ok: true, data: { communityId } };
  const error: ApiError = { code: 'PERMISSION_DENIED', message: NOT_COMMITTEE };
  return { ok: false, error };
}
