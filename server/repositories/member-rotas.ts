import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { dataOf, parseDocs } from './docs';

/** The only module that touches `member_rotas`: duty rotas (桶前值守 …) whose dated shifts live in member_tasks. */
export const MEMBER_ROTAS = 'member_rotas';

export const rotaDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  title: z.string(),
  place: z.string(),
  weekdays: z.array(z.number()),
  start: z.string(),
  end: z.string(),
  places: z.number(),
  createdAt: z.date(),
});
export type RotaDoc = z.infer<typeof rotaDocSchema>;

export async function insertRota(doc: RotaDoc): Promise<void> {
  await database().collection(MEMBER_ROTAS).add({ data: doc });
}

/** Every rota, in pages, for the timer that generates the coming weeks' shifts. */
export async function rotasAfter(afterId: string | null, limit: number): Promise<RotaDoc[]> {
  const where = afterId ? { _id: database().command.gt(afterId) } : {};
  return parseDocs(rotaDocSchema, MEMBER_ROTAS, dataOf(await database().collection(MEMBER_ROTAS).where(where).orderBy('_id', 'asc').limit(limit).get()));
}
