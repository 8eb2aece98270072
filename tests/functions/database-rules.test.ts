import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/emulator';

/**
 * database.json is what gets created in the cloud: every collection the code touches must be in it,
 * no client may read or write any of them directly, and every index must be on fields the
 * documents actually have (an index on a misspelt field is silently useless).
 */

interface Declared {
  name: string;
  rules: { read: unknown; write: unknown };
  indexes: { name: string; keys: Record<string, number | string> }[];
}
const declared: Declared[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'database.json'), 'utf8')).collections;

function sources(dir: string, ext = '.ts'): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'generated' ? [] : sources(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}
const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const read = (file: string) => fs.readFileSync(file, 'utf8');

const functionSources = fs.readdirSync(path.join(ROOT, 'cloudfunctions')).flatMap((name) => sources(path.join(ROOT, 'cloudfunctions', name, 'src')));
const serverSources = [...sources(path.join(ROOT, 'server')), ...functionSources];
const repositories = sources(path.join(ROOT, 'server', 'repositories'));

/** `export const USERS = 'users'` in a repository: constant name → collection, and the file. */
const constants = repositories.flatMap((file) => [...read(file).matchAll(/export const ([A-Z][A-Z0-9_]*) = '([^']+)'/g)].map((m) => ({ constant: m[1], collection: m[2], file })));
/** Every `.collection(<argument>)` call outside type declarations. */
// Direct `.collection(X)` calls, and the shared in-transaction read helper's collection argument
// (the helper's own `.collection(collection)` passes through what its callers give it).
const collectionCalls = serverSources.flatMap((file) => [
  ...[...read(file).matchAll(/\.collection\(\s*([^)]*?)\s*\)/g)].map((m) => ({ file, arg: m[1] })).filter((c) => !/^\w+: string$/.test(c.arg) && !(file.endsWith('docs.ts') && c.arg === 'collection')),
  ...[...read(file).matchAll(/readInTransaction\(\s*\w+,\s*(\w+),/g)].map((m) => ({ file, arg: m[1] })),
]);

/** Top-level field names of a repository's document schema (`z.object({...})` or an `interface {...}`), best effort. */
function documentFields(file: string): Set<string> {
  const text = read(file);
  // Every document schema of the file: a repository may declare a nested one (a shift) before its own.
  const blocks = [...text.matchAll(/(?:DocSchema = z\.object\(\{|export interface \w+ \{)\n([\s\S]*?)\n\}/g)];
  const oneLine = /DocSchema = z\.object\(\{(.*)\}\);/.exec(text);
  const fields = blocks.length ? blocks.flatMap((block) => [...block[1].matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1])) : [...(oneLine?.[1] ?? '').matchAll(/(?:^|,)\s*(\w+):/g)].map((m) => m[1]);
  // Exported schemas are read as they are, so fields spread in from a shared shape count too.
  const exported: Record<string, unknown> = require(file);
  const shapes = Object.entries(exported)
    .filter(([name]) => name.endsWith('DocSchema'))
    .flatMap(([, schema]) => Object.keys(shapeOf(schema)));
  return new Set(['_id', ...fields, ...shapes]);
}

function shapeOf(schema: unknown): Record<string, unknown> {
  const def = typeof schema === 'object' && schema !== null && '_zod' in schema ? (schema as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def : null;
  return def?.shape ?? {};
}

describe('database.json declares what the code uses, shut to clients', () => {
  it('finds the collection constants and .collection() calls it checks (so an empty scan cannot pass)', () => {
    expect(constants.map((c) => c.collection).sort()).toEqual([
      'activities',
      'audit_log',
      'bindings',
      'bookings',
      'comments',
      'council_ballots',
      'council_bodies',
      'council_campaigns',
      'council_comments',
      'council_meetings',
      'council_objections',
      'council_progress',
      'council_projects',
      'council_roll',
      'council_supports',
      'council_topics',
      'council_votes',
      'demand_categories',
      'demands',
      'hours_ledger',
      'idempotency_keys',
      'member_claims',
      'member_days',
      'member_ratings',
      'member_registrations',
      'member_rotas',
      'member_settings',
      'member_stars',
      'member_tasks',
      'member_teams',
      'notice_reads',
      'notifications',
      'partners',
      'post_likes',
      'posts',
      'reports',
      'roster_exports',
      'service_items',
      'service_points',
      'service_slots',
      'signups',
      'subscriptions',
      'units',
      'users',
    ]);
    expect(collectionCalls.length).toBeGreaterThan(5);
  });

  it.each(constants.map((c) => [c.collection, rel(c.file), c]))('collection %s (from %s) is declared in database.json', (_name, _file, c) => {
    expect(declared.map((d) => d.name)).toContain(c.collection);
  });

  it('every .collection() call names a declared collection, by a repository constant or a literal', () => {
    const byConstant = new Map(constants.map((c) => [c.constant, c.collection]));
    const unknown = collectionCalls.flatMap(({ file, arg }) => {
      const literal = /^['"`]([^'"`]+)['"`]$/.exec(arg)?.[1];
      const name = literal ?? byConstant.get(arg);
      return name && declared.some((d) => d.name === name) ? [] : [`${rel(file)}: .collection(${arg})`];
    });
    expect(unknown).toEqual([]);
  });

  it('only repositories touch collections: use-cases and the kit go through them', () => {
    const outside = collectionCalls.filter((c) => !rel(c.file).startsWith('server/repositories/')).map((c) => `${rel(c.file)}: .collection(${c.arg})`);
    expect(outside).toEqual([]);
  });

  it('every declared collection has a repository that owns it (no stale declarations)', () => {
    const owned = new Set(constants.map((c) => c.collection));
    expect(declared.map((d) => d.name).filter((n) => !owned.has(n))).toEqual([]);
  });

  it.each(declared.map((d) => [d.name, d]))('no client may read or write %s directly', (_name, d) => {
    expect(d.rules).toEqual({ read: false, write: false });
  });

  it.each(declared.flatMap((d) => d.indexes.map((index) => [`${d.name}.${index.name}`, d.name, index] as const)))('index %s is on fields its documents have', (_label, name, index) => {
    const owner = constants.find((c) => c.collection === name);
    expect(owner).toBeDefined();
    const fields = documentFields(owner!.file);
    expect(fields.size).toBeGreaterThan(1);
    const missing = Object.keys(index.keys)
      .map((k) => k.split('.')[0])
      .filter((k) => !fields.has(k));
    expect(missing).toEqual([]);
    expect(Object.values(index.keys).every((dir) => dir === 1 || dir === -1 || dir === '2dsphere')).toBe(true);
  });

  it('the mini-program never opens the database itself: every read and write goes through a function', () => {
    const direct = sources(path.join(ROOT, 'miniprogram'))
      .filter((file) => /wx\.cloud\.database\(|cloud\.database\(\)/.test(read(file)))
      .map(rel);
    expect(direct).toEqual([]);
  });
});
