import { z } from 'zod/mini';
import { Category, demandKindSchema } from '../../domain/demands/model';
import { deadlineClassSchema } from '../../domain/demands/deadlines';
import { database } from '../kit/cloud';
import { dataOf, docById, parseDocs } from './docs';
import { UNITS, UnitDoc, parseUnitDocs } from './units';

/** The only module that touches `demand_categories`: each community's categories of demands. */
export const DEMAND_CATEGORIES = 'demand_categories';

export const categoryDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  name: z.string(),
  kind: demandKindSchema,
  deadlineClass: deadlineClassSchema,
  archived: z.boolean(),
  /** Order on the page: the seeded ones first, then as added. */
  order: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CategoryDoc = z.infer<typeof categoryDocSchema>;

const categories = () => database().collection(DEMAND_CATEGORIES);

export const toCategory = (d: CategoryDoc): Category => ({
  id: d._id,
  communityId: d.communityId,
  name: d.name,
  kind: d.kind,
  deadlineClass: d.deadlineClass,
  archived: d.archived,
});

export async function getCategory(id: string): Promise<CategoryDoc | null> {
  return docById(DEMAND_CATEGORIES, categoryDocSchema, id);
}

/** A community's categories, in order; a community keeps tens of them. */
export async function categoriesOf(communityId: string): Promise<CategoryDoc[]> {
  const res = await categories().where({ communityId }).orderBy('order', 'asc').limit(200).get();
  return parseDocs(categoryDocSchema, DEMAND_CATEGORIES, dataOf(res));
}

export async function insertCategory(doc: CategoryDoc): Promise<void> {
  await categories().add({ data: doc });
}

export async function updateCategory(id: string, patch: Pick<CategoryDoc, 'name' | 'kind' | 'deadlineClass' | 'archived'>, now: Date): Promise<void> {
  await categories()
    .doc(id)
    .update({ data: { ...patch, updatedAt: now } });
}

const firstRow = (res: unknown) => (typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list[0] : undefined) as Record<string, unknown> | undefined;

/**
 * A category with every unit of its community (where a report's building and grid are found), in
 * one request: an aggregation of the category joined to `units` by its community. Null when there
 * is no such category.
 */
export async function categoryWithUnits(id: string): Promise<{ category: CategoryDoc; units: UnitDoc[] } | null> {
  const res = await categories().aggregate().match({ _id: id }).lookup({ from: UNITS, localField: 'communityId', foreignField: 'communityId', as: 'units' }).end();
  const row = firstRow(res);
  if (!row) return null;
  const { units, ...doc } = row as { units?: unknown[] };
  return { category: parseDocs(categoryDocSchema, DEMAND_CATEGORIES, [doc])[0], units: parseUnitDocs(units ?? []) };
}

/**
 * A community's unit with its categories (for adding one), in one request: the unit joined to its
 * categories. Null when there is no such unit.
 */
export async function communityWithCategories(communityId: string): Promise<{ community: UnitDoc; categories: CategoryDoc[] } | null> {
  const res: unknown = await database()
    .collection(UNITS)
    .aggregate()
    .match({ _id: communityId })
    .lookup({ from: DEMAND_CATEGORIES, localField: '_id', foreignField: 'communityId', as: 'categories' })
    .end();
  const row = firstRow(res);
  if (!row) return null;
  const { categories: found, ...unit } = row as { categories?: unknown[] };
  return { community: parseUnitDocs([unit])[0], categories: parseDocs(categoryDocSchema, DEMAND_CATEGORIES, found ?? []) };
}
