import { Emulator } from '../../emulator/app';
import { okCall } from './neighbourhood';

/** What the circle tests share: residents by building (resident i lives in building ((i-1) % 4) + 1). */

export const COMMITTEE = 'demo-committee';
/** Grid 1 holds buildings 1 and 2; grid 2 buildings 3 and 4. */
export const GRID1_RESIDENT = 'demo-resident-1';
export const GRID1_NEIGHBOUR = 'demo-resident-2';
export const GRID2_RESIDENT = 'demo-resident-3';
export const VISITOR = 'demo-visitor-1';

export async function postAs(emulator: Emulator, openid: string, content: string, extra: Record<string, unknown> = {}): Promise<any> {
  return okCall(emulator, openid, 'circle', 'post', { kind: 'neighbour', content, ...extra });
}

export async function noticeAs(emulator: Emulator, fields: Record<string, unknown> = {}, as = COMMITTEE): Promise<any> {
  return okCall(emulator, as, 'circle', 'notice', { communityId: 'demo-community', title: '停水通知', content: '周三上午九点到十二点停水，请提前储水。', audience: { kind: 'community' }, ...fields });
}

/** Every id a person sees in their feed, paging through to the end. */
export async function feedIds(emulator: Emulator, openid: string, data: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await okCall(emulator, openid, 'circle', 'feed', { ...data, ...(cursor ? { cursor } : {}) });
    ids.push(...res.items.map((i: { id: string }) => i.id));
    if (!res.nextCursor) return ids;
    cursor = res.nextCursor;
  }
  throw new Error('feed did not end');
}
