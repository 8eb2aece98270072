/** The committee's list pages ask about my committee's community: found from my desk once, then kept by the page. */
import { Result } from '../../generated/domain';
import { myDesk } from './community';

export async function inMyCommunity<T>(page: { communityId: string }, fetch: (communityId: string) => Promise<Result<T>>): Promise<Result<T>> {
  if (!page.communityId) {
    const desk = await myDesk();
    if (!desk.ok) return desk;
    page.communityId = desk.data.communityId;
  }
  return fetch(page.communityId);
}
