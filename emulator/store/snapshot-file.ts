import { z } from 'zod';
import { decodeEJSON, toEJSONValue } from '../wire/ejson';
import { Database } from './database';
import { StoreError, isDoc } from './types';

/** The portable snapshot format of `db:export` / `db:import`. */
const FORMAT = 'youlin-circle-db';
const snapshotFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  collections: z.record(z.string(), z.array(z.unknown())),
});

export function exportSnapshot(db: Database): string {
  const snapshot = db.snapshot();
  const collections: Record<string, unknown[]> = {};
  for (const { name, docs } of snapshot.collections) collections[name] = docs.map(toEJSONValue);
  return JSON.stringify({ format: FORMAT, version: 1, exportedAt: new Date().toISOString(), collections }, null, 1);
}

/** Replaces the whole database with the file's contents; nothing changes if the file is invalid. */
export async function importSnapshot(db: Database, text: string): Promise<Record<string, number>> {
  const parsed = snapshotFileSchema.safeParse(decodeEJSONOrNull(text));
  if (!parsed.success) throw new StoreError('INVALID_PARAM', `不是 ${FORMAT} 导出文件：${z.prettifyError(parsed.error)}`);
  const collections = Object.entries(parsed.data.collections).map(([name, docs]) => {
    const valid = docs.filter(isDoc);
    if (valid.length !== docs.length || valid.some((d) => d._id === undefined)) {
      throw new StoreError('INVALID_PARAM', `集合 ${name} 里有不是文档或缺少 _id 的条目`);
    }
    return { name, docs: valid };
  });
  await db.restore({ seq: 0, collections });
  return Object.fromEntries(collections.map((c) => [c.name, c.docs.length]));
}

function decodeEJSONOrNull(text: string): unknown {
  try {
    return decodeEJSON(text);
  } catch {
    return null;
  }
}
