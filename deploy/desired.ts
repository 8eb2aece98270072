import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ACLS, AccessRule } from '../emulator/deploy-admin';
import { DeployFunctions, codeHash, readCodeFiles, readFunctionSettings } from '../emulator/function-settings';
import { FunctionHost } from '../emulator/host/function-host';
import { DatabaseDeclaration, PROJECT_ROOT, readDatabaseDeclaration } from '../emulator/schema';
import { DesiredFunction, DesiredState, IndexSpec } from './model';

export interface RepositoryFiles {
  root: string;
  database: DatabaseDeclaration;
  functions: DeployFunctions;
}

export function readRepository(root = PROJECT_ROOT): RepositoryFiles {
  return {
    root,
    database: readDatabaseDeclaration(path.join(root, 'database.json')),
    functions: readFunctionSettings(path.join(root, 'deploy', 'functions.json')),
  };
}

/**
 * storage.rules.json: CloudBase's storage permission, either `{ "acl": "PRIVATE" }` (READONLY,
 * PRIVATE, ADMINWRITE, ADMINONLY) or a custom rule `{ "read": …, "write": … }`. Absent: not planned.
 */
const storageRuleFile = z.union([
  z.strictObject({ $comment: z.string().optional(), acl: z.enum(ACLS), rule: z.strictObject({ read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) }).optional() }),
  z.strictObject({ $comment: z.string().optional(), read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) }),
]);

export function readStorageRule(root: string): AccessRule | null {
  const file = path.join(root, 'storage.rules.json');
  if (!fs.existsSync(file)) return null;
  const parsed = storageRuleFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const value = parsed.data;
  if ('acl' in value) {
    if ((value.acl === 'CUSTOM') !== (value.rule !== undefined)) throw new Error(`${file}: CUSTOM needs a rule, and only CUSTOM takes one`);
    return value.rule ? { acl: value.acl, rule: value.rule } : { acl: value.acl };
  }
  return { acl: 'CUSTOM', rule: { read: value.read, write: value.write } };
}

/**
 * What the repository declares for an environment. Secrets are read from `env` (the deploying shell);
 * a missing one stops a cloud deploy before anything is touched, and is left unset on the emulator,
 * which runs with development defaults.
 */
export function desiredState(repo: RepositoryFiles, env: NodeJS.ProcessEnv, options: { requireSecrets: boolean }): DesiredState {
  const notes: string[] = [];
  const missing: string[] = [];
  const functionsRoot = path.join(repo.root, 'cloudfunctions');
  const names = fs
    .readdirSync(functionsRoot)
    .filter((name) => fs.existsSync(path.join(functionsRoot, name, 'src', 'index.ts')))
    .sort();
  const functions: DesiredFunction[] = names.map((name) => {
    const folder = path.join(functionsRoot, name);
    const settings = repo.functions.functions[name];
    if (!settings) throw new Error(`deploy/functions.json has no entry for cloudfunctions/${name}: add its runtime, timeout and memory`);
    if (!fs.existsSync(path.join(folder, 'index.js'))) throw new Error(`cloudfunctions/${name}/index.js is not built: run npm run build`);
    const configFile = path.join(folder, 'config.json');
    const config: { triggers?: unknown } = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
    // Read exactly as the emulator reads config.json, so both refuse the same things.
    const triggers = FunctionHost.triggersOf(name, config.triggers ?? []).map((t) => ({ name: t.name, type: 'timer' as const, config: t.config }));
    const fnEnv: Record<string, string> = { ...settings.env };
    const secrets: string[] = [];
    for (const secret of settings.secrets) {
      const value = env[secret];
      if (value) {
        fnEnv[secret] = value;
        secrets.push(secret);
      } else if (options.requireSecrets) missing.push(`${secret} (${name})`);
      else if (!notes.some((n) => n.startsWith(`${secret} `))) notes.push(`${secret} is not set in this shell: left unset on the emulator, which uses its development default`);
    }
    const files = readCodeFiles(folder);
    return { name, folder, files, codeHash: codeHash(files), runtime: settings.runtime, timeout: settings.timeout, memorySize: settings.memorySize, env: fnEnv, secrets, triggers };
  });
  if (missing.length) {
    throw new Error(`set these secrets in the environment before deploying (never in a file in the repository): ${missing.join(', ')}`);
  }
  const collections = repo.database.collections.map((c) => ({
    name: c.name,
    indexes: c.indexes.map(({ name, keys, unique }) => ({ name, keys, ...(unique ? { unique } : {}) }) as IndexSpec),
    rule: { acl: 'CUSTOM' as const, rule: c.rules },
  }));
  return { functions, collections, storage: readStorageRule(repo.root), notes };
}
