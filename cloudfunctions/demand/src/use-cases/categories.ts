import { z } from 'zod/mini';
import { demandContract } from '../../../../domain/contract/demand';
import { Category } from '../../../../domain/demands/model';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { categoriesOf, communityWithCategories, getCategory, insertCategory, toCategory, updateCategory } from '../../../../server/repositories/demand-categories';

/** A community's categories for 我要反映 (the caller's own community by default); archived ones only for its committee. */
export async function categories(input: z.infer<typeof demandContract.categories.input>, ctx: RequestContext): Promise<{ items: Category[] }> {
  const communityId = input.communityId ?? ctx.user.communityId ?? ctx.user.roles.flatMap((r) => ('communityId' in r ? [r.communityId] : []))[0];
  if (!communityId) throw new AppError('FAILED_PRECONDITION', '请先绑定你所在的楼组');
  const all = await categoriesOf(communityId);
  const withArchived = input.includeArchived === true && canManageCommunity(ctx.user.roles, communityId);
  return { items: all.filter((c) => withArchived || !c.archived).map(toCategory) };
}

/** The committee adds or changes a category; a category in use is archived, never deleted. */
export async function saveCategory(input: z.infer<typeof demandContract.saveCategory.input>, ctx: RequestContext): Promise<Category> {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以设置诉求类别');
  const fields = { name: input.name, kind: input.kind, deadlineClass: input.deadlineClass, archived: input.archived ?? false };
  if (input.categoryId) {
    const existing = await getCategory(input.categoryId);
    if (!existing || existing.communityId !== input.communityId) throw new AppError('NOT_FOUND', '没有找到这个类别');
    await updateCategory(existing._id, fields, ctx.now);
    return toCategory({ ...existing, ...fields });
  }
  // The community and its categories in one request.
  const found = await communityWithCategories(input.communityId);
  if (!found || found.community.kind !== 'community') throw new AppError('NOT_FOUND', '没有找到这个居民区');
  const existing = found.categories;
  if (existing.some((c) => c.name === input.name)) throw new AppError('CONFLICT', '已有同名的类别');
  const doc = { _id: newId(ctx.now), communityId: input.communityId, ...fields, order: existing.length + 1, createdAt: ctx.now, updatedAt: ctx.now };
  await insertCategory(doc);
  return toCategory(doc);
}
