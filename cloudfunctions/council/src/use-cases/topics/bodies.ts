import { z } from 'zod/mini';
import { Body } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { MAX_PAGE } from '../../../../../domain/common';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { newId } from '../../../../../server/kit/ids';
import { RequestContext } from '../../../../../server/kit/router';
import { BodyDoc, bodiesLookup, bodiesOf, insertBody, parseBodyDocs, updateBody } from '../../../../../server/repositories/council-bodies';
import { decodeCursor, encodeCursor } from '../../../../../server/repositories/docs';
import { parseUnitDocs, unitWith, unitsLookup } from '../../../../../server/repositories/units';
import { communitiesOfLookup, parseCommunitiesOf } from '../../../../../server/repositories/user-lookups';
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
  const people = [...new Set([...input.members, ...(input.convener ? [input.convener] : [])])];
  const scopeIds = input.scope.kind === 'community' ? [] : input.scope.ids;
  // The community with its bodies (the tree to check), the scope's units and the people named: one read.
  const read = await unitWith(input.communityId, {
    bodies: bodiesLookup(input.communityId, 'bodies'),
    ...(scopeIds.length > 0 ? { units: unitsLookup(scopeIds, 'units') } : {}),
    ...(people.length > 0 ? { people: communitiesOfLookup(people, 'people') } : {}),
  });
  if (!read || read.unit.kind !== 'community') throw new AppError('NOT_FOUND', '没有找到这个居民区');
  const tree = new Map(parseBodyDocs(read.joined.bodies).map((b) => [b._id, b]));
  const existing = input.bodyId ? (tree.get(input.bodyId) ?? null) : null;
  if (input.bodyId && !existing) throw new AppError('NOT_FOUND', '没有找到这个议事机构');
  checkParent(input, existing, tree);
  if (input.scope.kind !== 'community') {
    const kind = input.scope.kind === 'grids' ? 'grid' : 'building';
    const units = parseUnitDocs(read.joined.units ?? []);
    const fits = (id: string) => units.some((u) => u._id === id && u.kind === kind && u.communityId === input.communityId && !u.archived);
    if (!input.scope.ids.every(fits)) throw new AppError('INVALID_ARGUMENT', '议事范围里有不属于本居民区的网格或楼组');
  }
  const found = parseCommunitiesOf(read.joined.people ?? []);
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

/** Walks up from the parent among the community's bodies: meeting the body itself would make a loop. */
function checkParent(input: SaveInput, existing: BodyDoc | null, tree: Map<string, BodyDoc>): void {
  for (let id = input.parentId, depth = 0; id; depth++) {
    if (existing && id === existing._id) throw new AppError('INVALID_ARGUMENT', '上级机构不能是它自己或它的下级');
    const parent = tree.get(id);
    if (!parent) throw new AppError('INVALID_ARGUMENT', '上级机构不属于本居民区');
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
