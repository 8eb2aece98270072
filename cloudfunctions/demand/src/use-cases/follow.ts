import { z } from 'zod/mini';
import { demandContract } from '../../../../domain/contract/demand';
import { SIMILAR_WITHIN_METRES, distanceMetres } from '../../../../domain/demands/geo';
import { Similar } from '../../../../domain/demands/model';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { getCategory } from '../../../../server/repositories/demand-categories';
import { addMeToo, getDemand, openOfCategory } from '../../../../server/repositories/demands';
import { demandForMove, entryBy } from '../moves';

type SimilarInput = z.infer<typeof demandContract.similar.input>;

/** How many open demands of a category a community's 我也遇到 search looks through. */
const LOOK_THROUGH = 100;

/**
 * Before submitting: open demands of the same category in the same building or within 100 m,
 * offered as 我也遇到. Only what the ledger shows (no text, no names).
 */
export async function similar(input: SimilarInput, ctx: RequestContext): Promise<{ items: Similar[] }> {
  const category = await getCategory(input.categoryId);
  if (!category || category.archived) throw new AppError('NOT_FOUND', '没有找到这个类别');
  const buildingId = input.buildingId ?? (ctx.user.communityId === category.communityId ? ctx.user.buildingId : null);
  if (!buildingId && !input.location) return { items: [] };
  const open = await openOfCategory(category.communityId, category._id, LOOK_THROUGH);
  const items: Similar[] = [];
  for (const d of open) {
    const distance = input.location && d.location ? distanceMetres(input.location, d.location) : null;
    const near = (buildingId !== null && d.buildingId === buildingId) || (distance !== null && distance <= SIMILAR_WITHIN_METRES);
    if (!near) continue;
    items.push({
      id: d._id,
      category: d.categoryName,
      building: d.buildingName,
      distanceMetres: distance === null ? null : Math.round(distance),
      state: d.state,
      createdAt: d.createdAt.toISOString(),
      meTooCount: d.meTooCount,
      meToo: d.meToo.includes(ctx.openid),
    });
  }
  items.sort((a, b) => (a.distanceMetres ?? 0) - (b.distanceMetres ?? 0));
  return { items: items.slice(0, 10) };
}

/** 我也遇到: a resident of the community follows the demand (told when it closes); saying it twice changes nothing. */
export async function meToo(input: { demandId: string }, ctx: RequestContext): Promise<{ meToo: boolean; meTooCount: number }> {
  const doc = await demandForMove(input.demandId, 'meToo', ctx).catch((error: unknown) => {
    // Saying it again is no error: the answer is the same as the first time.
    if (error instanceof AppError && error.code === 'FAILED_PRECONDITION') return null;
    throw error;
  });
  if (!doc) return alreadyFollowing(input.demandId, ctx);
  const added = await addMeToo(doc._id, [ctx.openid], entryBy(ctx, doc, 'meToo'));
  if (!added) return alreadyFollowing(input.demandId, ctx);
  return { meToo: true, meTooCount: doc.meTooCount + 1 };
}

async function alreadyFollowing(demandId: string, ctx: RequestContext): Promise<{ meToo: boolean; meTooCount: number }> {
  const doc = await getDemand(demandId);
  if (!doc || !doc.meToo.includes(ctx.openid)) throw new AppError('FAILED_PRECONDITION', '这件诉求已经关闭，不能再点“我也遇到”');
  return { meToo: true, meTooCount: doc.meTooCount };
}
