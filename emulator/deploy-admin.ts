import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CODE_FILE_NAME, RUNTIMES, MEMORY_SIZES, codeHash } from './function-settings';
import { FunctionHost } from './host/function-host';
import { HostedFunctionState } from './host/types';
import { HttpError } from './http-util';
import { PROJECT_ROOT } from './schema';
import { CollectionSchema, Database } from './store/database';
import { IndexSpec } from './store/indexes';
import { StoreError } from './store/types';

/**
 * The emulator's management side, what the CloudBase console and its management API are to the
 * cloud: collections with their indexes and security rules, hosted functions with their code, settings
 * and timer trigger, and the storage rule. Loopback only, like the rest of the server. It knows no
 * product: a deploy tool reads the state, then changes it one step at a time.
 *
 *   GET  /emulator/deploy/state
 *   POST /emulator/deploy/collection { name }
 *   POST /emulator/deploy/index      { collection, create: { name, keys, unique? } } | { collection, drop: name }
 *   POST /emulator/deploy/rules      { collection, acl, rule? }
 *   POST /emulator/deploy/function   { name, files?: { 'index.js': base64, 'package.json': base64 }, runtime?, timeout?, memorySize?, env?, triggers? }
 *   POST /emulator/deploy/storage    { acl, rule? }
 */

export const ACLS = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM'] as const;
const ruleBody = z.strictObject({ read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) });
const accessRule = z.strictObject({ acl: z.enum(ACLS), rule: ruleBody.optional() }).refine((r) => (r.acl === 'CUSTOM') === (r.rule !== undefined), '自定义规则（CUSTOM）必须带 rule，其他权限不带');
/** A security rule as CloudBase keeps it: a simple permission, or CUSTOM with a `{ read, write }` rule. */
export type AccessRule = z.infer<typeof accessRule>;

/** A new collection gets 仅创建者可读写, as in the console; a new environment's storage is public-read. */
export const NEW_COLLECTION_RULE: AccessRule = { acl: 'PRIVATE' };
export const NEW_STORAGE_RULE: AccessRule = { acl: 'READONLY' };

/** CloudBase indexes: 1 or -1 per field, or 2dsphere for geo; `unique` is the only option it offers. */
const indexBody = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  keys: z.record(z.string().min(1), z.union([z.literal(1), z.literal(-1), z.literal('2dsphere')])).refine((k) => Object.keys(k).length > 0, '索引至少要有一个字段'),
  unique: z.boolean().optional(),
});
const requests = {
  collection: z.strictObject({ name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  indexCreate: z.strictObject({ collection: z.string(), create: indexBody }),
  indexDrop: z.strictObject({ collection: z.string(), drop: z.string() }),
  rules: z.strictObject({ collection: z.string(), acl: z.enum(ACLS), rule: ruleBody.optional() }),
  function: z.strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/),
    files: z.record(z.string().regex(CODE_FILE_NAME), z.string()).optional(),
    runtime: z.enum(RUNTIMES).optional(),
    timeout: z.number().int().min(1).max(900).optional(),
    memorySize: z.union(MEMORY_SIZES.map((m) => z.literal(m)) as [z.ZodLiteral<128>, ...z.ZodLiteral<number>[]]).optional(),
    env: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), z.string()).optional(),
    triggers: z.array(z.strictObject({ name: z.string().min(1), type: z.literal('timer'), config: z.string() })).optional(),
  }),
};

export interface DeployState {
  collections: { name: string; indexes: IndexSpec[]; rule: AccessRule }[];
  functions: HostedFunctionState[];
  storage: AccessRule;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'INVALID_PARAM', z.prettifyError(parsed.error));
  return parsed.data;
}

export class DeployAdmin {
  private rules = new Map<string, AccessRule>();
  private storageRule: AccessRule = NEW_STORAGE_RULE;
  private codeDir: string | null = null;

  constructor(
    private db: Database,
    private host: FunctionHost,
    schema: CollectionSchema[],
  ) {
    for (const c of schema) if (c.rules) this.rules.set(c.name, { acl: 'CUSTOM', rule: c.rules });
  }

  state(): DeployState {
    return {
      collections: this.db.collectionNames().map((name) => ({ name, indexes: this.db.indexesOf(name), rule: this.rules.get(name) ?? NEW_COLLECTION_RULE })),
      functions: this.host.describe(),
      storage: this.storageRule,
    };
  }

  async handle(method: string, route: string, body: unknown): Promise<unknown> {
    if (method === 'GET' && route === 'state') return this.state();
    if (method !== 'POST') throw new HttpError(404, 'NOT_FOUND', `没有这个接口：${method} /emulator/deploy/${route}`);
    try {
      switch (route) {
        case 'collection': {
          const { name } = parse(requests.collection, body);
          const created = !this.db.collectionNames().includes(name);
          if (created) await this.db.addCollection(name);
          return { created };
        }
        case 'index': {
          const creates = typeof body === 'object' && body !== null && 'create' in body;
          const request: { collection: string; create: z.infer<typeof indexBody> } | { collection: string; drop: string } = creates
            ? parse(requests.indexCreate, body)
            : parse(requests.indexDrop, body);
          const exists = this.db.indexesOf(request.collection).some((i) => i.name === ('create' in request ? request.create.name : request.drop));
          if ('create' in request && exists) throw new HttpError(409, 'INDEX_EXISTS', `索引已存在：${request.create.name}`);
          if ('drop' in request && !exists) throw new HttpError(404, 'INDEX_NOT_EXIST', `没有这个索引：${request.drop}`);
          this.db.changeIndex(request.collection, 'create' in request ? { create: request.create as IndexSpec } : { drop: request.drop });
          return { ok: true };
        }
        case 'rules': {
          const { collection, ...rule } = parse(requests.rules, body);
          this.db.collection(collection);
          this.rules.set(collection, parse(accessRule, rule));
          return { ok: true };
        }
        case 'storage':
          this.storageRule = parse(accessRule, body);
          return { ok: true };
        case 'function':
          return this.deployFunction(parse(requests.function, body));
      }
    } catch (error) {
      if (error instanceof StoreError) throw new HttpError(400, error.code, error.message);
      throw error;
    }
    throw new HttpError(404, 'NOT_FOUND', `没有这个接口：${method} /emulator/deploy/${route}`);
  }

  private deployFunction(request: z.infer<typeof requests.function>): { codeHash: string } {
    const current = this.host.describe().find((f) => f.name === request.name);
    if (!current && !request.files) throw new HttpError(404, 'FUNCTION_NOT_EXIST', `函数 ${request.name} 不存在：创建函数需要代码`);
    // As in the cloud (SCF UpdateFunctionConfiguration), the runtime is chosen once, when the function is created.
    if (current && request.runtime && request.runtime !== current.runtime) {
      throw new HttpError(400, 'RUNTIME_FIXED', `函数 ${request.name} 的运行时 ${current.runtime} 只能在创建时选择，不能改为 ${request.runtime}`);
    }
    const release = this.host.currentRelease(request.name);
    if (request.files) {
      const files = Object.fromEntries(Object.entries(request.files).map(([name, b64]) => [name, Buffer.from(b64, 'base64')]));
      if (!files['index.js']) throw new HttpError(400, 'INVALID_PARAM', '函数代码缺少 index.js');
      checkDependencies(request.name, files['package.json']);
      const hash = codeHash(files);
      const folder = path.join(this.codeFolder(), request.name, hash);
      fs.mkdirSync(folder, { recursive: true });
      for (const [name, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
        fs.writeFileSync(path.join(folder, name), content);
      }
      Object.assign(release, { file: path.join(folder, 'index.js'), codeHash: hash, nodePath: path.join(PROJECT_ROOT, 'node_modules') });
    }
    if (request.runtime) release.runtime = request.runtime;
    if (request.timeout) release.timeoutMs = request.timeout * 1000;
    if (request.memorySize) release.memorySize = request.memorySize;
    if (request.env) release.env = { ...request.env };
    if (request.triggers) {
      try {
        release.triggers = FunctionHost.triggersOf(request.name, request.triggers);
      } catch (error) {
        throw new HttpError(400, 'INVALID_TRIGGER', (error as Error).message);
      }
    }
    this.host.replace(request.name, release);
    return { codeHash: release.codeHash };
  }

  /** Deployed code lives for the life of the server, beside nothing of the project's. */
  private codeFolder(): string {
    if (!this.codeDir) this.codeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-deployed-'));
    return this.codeDir;
  }

  close(): void {
    if (this.codeDir) fs.rmSync(this.codeDir, { recursive: true, force: true });
    this.codeDir = null;
  }
}

/**
 * The cloud installs a function's dependencies from its package.json; offline, the emulator lends its
 * own install and refuses a dependency it does not have at exactly the declared version.
 */
function checkDependencies(name: string, manifest: Buffer | undefined): void {
  if (!manifest) return;
  let dependencies: Record<string, string> = {};
  try {
    dependencies = JSON.parse(manifest.toString('utf8')).dependencies ?? {};
  } catch {
    throw new HttpError(400, 'INVALID_PARAM', `函数 ${name} 的 package.json 不是合法的 JSON`);
  }
  for (const [dep, version] of Object.entries(dependencies)) {
    let installed: string | undefined;
    try {
      installed = JSON.parse(fs.readFileSync(require.resolve(`${dep}/package.json`, { paths: [PROJECT_ROOT] }), 'utf8')).version;
    } catch {
      installed = undefined;
    }
    if (installed !== version) {
      throw new HttpError(400, 'DEPENDENCY_UNAVAILABLE', `函数 ${name} 依赖 ${dep}@${version}，模拟器只有 ${installed ? `${dep}@${installed}` : '（未安装）'}`);
    }
  }
}
