import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** database.json: collections, indexes and security rules, the same file for the emulator and the cloud. */
const indexSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  keys: z.record(z.string().min(1), z.union([z.literal(1), z.literal(-1)])),
  unique: z.boolean().optional(),
  sparse: z.boolean().optional(),
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

export function readDatabaseDeclaration(file = path.join(PROJECT_ROOT, 'database.json')): DatabaseDeclaration {
  const parsed = databaseDeclarationSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function defaultDataDir(): string {
  return process.env.YOULIN_DATA_DIR ? path.resolve(process.env.YOULIN_DATA_DIR) : path.join(PROJECT_ROOT, '.youlin');
}
