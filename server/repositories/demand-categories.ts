import { z } from 'zod/mini';
import { Category, demandKindSchema } from '../../domain/demands/model';
import { deadlineClassSchema } from '../../domain/demands/deadlines';
import { database } from '../kit/cloud';
import { dataOf, docById, parseDocs } from './docs';

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
