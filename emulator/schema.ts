import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What CloudBase's index API takes: a name, `unique`, and keys whose direction is 1, -1 or "2dsphere"
 * (WeChat's updateIndex reference). No sparse, TTL, partial, text or hashed indexes exist there.
 */
const INDEX_OPTIONS = ['name', 'keys', 'unique'];
const KEY_DIRECTIONS: unknown[] = [1, -1, '2dsphere'];

/** database.json: collections, indexes and security rules, the same file for the emulator and the cloud. */
const indexSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  keys: z.record(z.string().min(1), z.union([z.literal(1), z.literal(-1), z.literal('2dsphere')])),
  unique: z.boolean().optional(),
});
const collectionSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  description: z.string().optional(),
  rules: z.strictObject({ read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) }),
  indexes: z.array(indexSchema).default([]),
});
export const databaseDeclarationSchema = z.strictObject({
  $comment: z.string().optional(),
  collections: z.array(collectionSchema),
});
export type DatabaseDeclaration = z.infer<typeof databaseDeclarationSchema>;

export const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

/** Index options and key directions the cloud does not offer, each named with its collection and index. */
function unsupportedIndexParts(raw: unknown): string[] {
  const problems: string[] = [];
  const collections = isRecord(raw) && Array.isArray(raw.collections) ? raw.collections : [];
  for (const c of collections) {
    if (!isRecord(c) || !Array.isArray(c.indexes)) continue;
    for (const index of c.indexes) {
      if (!isRecord(index)) continue;
      const where = `collection "${String(c.name)}", index "${String(index.name)}"`;
      for (const option of Object.keys(index)) {
        if (!INDEX_OPTIONS.includes(option)) problems.push(`${where}: CloudBase indexes have no option "${option}" (they offer ${INDEX_OPTIONS.join(', ')})`);
      }
      for (const [field, direction] of Object.entries(isRecord(index.keys) ? index.keys : {})) {
        if (!KEY_DIRECTIONS.includes(direction)) problems.push(`${where}: key "${field}" has direction ${JSON.stringify(direction)}; CloudBase offers 1, -1 and "2dsphere"`);
      }
    }
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readDatabaseDeclaration(file = path.join(PROJECT_ROOT, 'database.json')): DatabaseDeclaration {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const unsupported = unsupportedIndexParts(raw);
  if (unsupported.length) throw new Error(`${file}: ${unsupported.join('; ')}`);
  const parsed = databaseDeclarationSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Where this install's emulator keeps compiled function code (HostOptions.codeCacheDir), with the other tools' caches. */
export const CODE_CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'youlin-emulator');

export function defaultDataDir(): string {
  return process.env.YOULIN_DATA_DIR ? path.resolve(process.env.YOULIN_DATA_DIR) : path.join(PROJECT_ROOT, '.youlin');
}
