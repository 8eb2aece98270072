import { z } from 'zod/mini';
import { Body } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { MAX_PAGE } from '../../../../../domain/common';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { newId } from '../../../../../server/kit/ids';
import { RequestContext } from '../../../../../server/kit/router';
import { BodyDoc, bodiesOf, getBody, insertBody, updateBody } from '../../../../../server/repositories/council-bodies';
import { decodeCursor, encodeCursor } from '../../../../../server/repositories/docs';
import { getUnits } from '../../../../../server/repositories/units';
import { getUsers } from '../../../../../server/repositories/users';
import { toBody } from '../../views';

type SaveInput = z.infer<typeof councilContract.saveBody.input>;
type ListInput = z.infer<typeof councilContract.bodies.input>;

/**
 * The committee keeps its community's bodies as a tree (群英荟 → councils → working committees):
 * the parent must be a body of the same community and never the body itself or one below it;
 * the scope's grids or buildings and every member must belong to the community.
 */
export async function saveBody(input: SaveInput, ctx: RequestContext): Promise<Body> {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以设置议事机构');
  const existing = input.bodyId ? await getBody(input.bodyId) : null;
  if (input.bodyId && (!existing || existing.communityId !== input.communityId)) throw new AppError('NOT_FOUND', '没有找到这个议事机构');
  await checkParent(input, existing);
  if (input.scope.kind !== 'community') {
    const kind = input.scope.kind === 'grids' ? 'grid' : 'building';
    const units = await getUnits(input.scope.ids);
    const fits = (id: string) => units.some((u) => u._id === id && u.kind === kind && u.communityId === input.communityId && !u.archived);
    if (!input.scope.ids.every(fits)) throw new AppError('INVALID_ARGUMENT', '议事范围里有不属于本居民区的网格或楼组');
  }
  const people = [...new Set([...input.members, ...(input.convener ? [input.convener] : [])])];
  const found = await getUsers(people);
  if (found.length !== people.length || found.some((u) => u.communityId !== input.communityId)) throw new AppError('INVALID_ARGUMENT', '成员须是本居民区的居民');
  const fields = { parentId: input.parentId, kind: input.kind, name: input.name, scope: input.scope, convener: input.convener, members: [...new Set(input.members)], updatedAt: ctx.now };
  if (existing) {
    await updateBody(existing._id, fields);
    return toBody({ ...existing, ...fields });
  }
  const doc: BodyDoc = { _id: newId(ctx.now), communityId: input.communityId, createdAt: ctx.now, ...fields };
  await insertBody(doc);
  return toBody(doc);
}

async function checkParent(input: SaveInput, existing: BodyDoc | null): Promise<void> {
  // Walk up from the parent: meeting the body itself would make a loop; the tree is shallow (1+7+49).
  for (let id = input.parentId, depth = 0; id; depth++) {
    if (existing && id === existing._id) throw new AppError('INVALID_ARGUMENT', '上级机构不能是它自己或它的下级');
    const parent = await getBody(id);
    if (!parent || parent.communityId !== input.communityId) throw new AppError('INVALID_ARGUMENT', '上级机构不属于本居民区');
    if (depth > 20) throw new AppError('INVALID_ARGUMENT', '机构层级过深');
    id = parent.parentId;
  }
}

/** The community's bodies, public to anyone (who sits on them is part of the record). */
export async function bodies(input: ListInput): Promise<{ items: Body[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  const docs = await bodiesOf(input.communityId, decodeCursor(input.cursor), limit + 1);
  const page = docs.slice(0, limit);
  return { items: page.map(toBody), nextCursor: docs.length > limit ? encodeCursor(page[page.length - 1]._id) : null };
}
