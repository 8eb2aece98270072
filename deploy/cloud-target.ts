import path from 'node:path';
import type { DatabaseService } from '@cloudbase/manager-node/types/database';
import type { FunctionService } from '@cloudbase/manager-node/types/function';
import type { PermissionService } from '@cloudbase/manager-node/types/permission';
import type { StorageService } from '@cloudbase/manager-node/types/storage';
import { AccessRule, CollectionState, DeployOperation, DeployTarget, DesiredFunction, EnvironmentState, FunctionState, IndexSpec } from './model';

/**
 * The part of @cloudbase/manager-node's CloudBase object a deploy uses, typed from the package's own
 * declarations, so a renamed method or a changed request shape fails the typecheck.
 */
export interface Manager {
  functions: Pick<FunctionService, 'getFunctionList' | 'getFunctionDetail' | 'createFunction' | 'updateFunctionCode' | 'updateFunctionConfig' | 'createFunctionTriggers' | 'deleteFunctionTrigger'>;
  database: Pick<DatabaseService, 'listCollections' | 'describeCollection' | 'createCollectionIfNotExists' | 'updateCollection'>;
  permission: Pick<PermissionService, 'describeResourcePermission' | 'modifyResourcePermission'>;
  storage: Pick<StorageService, 'getStorageAcl' | 'setStorageAcl'>;
}

/** The cloud keeps no code hash; the deploy writes it into the function's description. */
const CODE_TAG = /youlin-code:([0-9a-f]{16})/;
/** What is not uploaded: the sources the build bundled into index.js. CloudBase installs node_modules itself. */
const NOT_UPLOADED = ['src', 'src/**'];
const PAGE = 100;

/** A CloudBase environment as a deploy target, through @cloudbase/manager-node. */
export class CloudTarget implements DeployTarget {
  readonly label: string;

  constructor(
    private manager: Manager,
    envId: string,
    private functionNames: string[],
    private collectionNames: string[],
  ) {
    this.label = `CloudBase environment ${envId}`;
  }

  async describe(): Promise<EnvironmentState> {
    return { functions: await this.describeFunctions(), collections: await this.describeCollections(), storage: await this.describeStorage() };
  }

  private async describeFunctions(): Promise<FunctionState[]> {
    const existing = new Set<string>();
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.manager.functions.getFunctionList(PAGE, offset);
      for (const fn of page.Functions) existing.add(fn.FunctionName);
      if (offset + PAGE >= page.TotalCount) break;
    }
    const out: FunctionState[] = [];
    for (const name of this.functionNames.filter((n) => existing.has(n))) {
      const detail = await this.manager.functions.getFunctionDetail(name);
      out.push({
        name,
        codeHash: CODE_TAG.exec(detail.Description ?? '')?.[1] ?? '',
        runtime: detail.Runtime,
        timeout: detail.Timeout,
        memorySize: detail.MemorySize,
        env: Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
        triggers: (detail.Triggers ?? []).filter((t) => t.Type === 'timer').map((t) => ({ name: t.TriggerName, type: 'timer' as const, config: cronOf(t.TriggerDesc) })),
      });
    }
    return out;
  }

  private async describeCollections(): Promise<CollectionState[]> {
    const existing = new Set<string>();
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.manager.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset });
      for (const c of page.Collections) existing.add(c.CollectionName);
      if (offset + PAGE >= (page.Pager?.Total ?? 0)) break;
    }
    const names = this.collectionNames.filter((n) => existing.has(n));
    const rules = new Map<string, AccessRule>();
    for (let i = 0; i < names.length; i += PAGE) {
      const { Data } = await this.manager.permission.describeResourcePermission({ resourceType: 'collection', resources: names.slice(i, i + PAGE) });
      for (const p of Data.PermissionList) if (p.Resource) rules.set(p.Resource, ruleOf(p.Permission, p.SecurityRule));
    }
    const out: CollectionState[] = [];
    for (const name of names) {
      const table = await this.manager.database.describeCollection(name);
      const indexes: IndexSpec[] = (table.Indexes ?? [])
        .filter((i) => i.Name !== '_id_')
        .map((i) => ({ name: i.Name, keys: Object.fromEntries(i.Keys.map((k) => [k.Name ?? '', directionOf(k.Direction)])), ...(i.Unique ? { unique: true } : {}) }) as IndexSpec);
      out.push({ name, indexes, rule: rules.get(name) ?? { acl: 'PRIVATE' } });
    }
    return out;
  }

  private async describeStorage(): Promise<AccessRule> {
    const { acl, rule } = await this.manager.storage.getStorageAcl({ withRule: true });
    return acl === 'CUSTOM' && rule ? { acl, rule: { read: rule.read, write: rule.write } } : { acl };
  }

  async apply(op: DeployOperation): Promise<void> {
    const { functions, database, permission, storage } = this.manager;
    switch (op.kind) {
      case 'function.create':
        await functions.createFunction({
          func: { ...settings(op.fn), runtime: op.fn.runtime, handler: 'index.main', installDependency: true, ignore: NOT_UPLOADED, triggers: op.fn.triggers },
          functionRootPath: path.dirname(op.fn.folder),
          force: false,
        });
        return;
      case 'function.code':
        await functions.updateFunctionCode({ func: { name: op.fn.name, installDependency: true, ignore: NOT_UPLOADED }, functionRootPath: path.dirname(op.fn.folder) });
        await functions.updateFunctionConfig({ name: op.fn.name, description: tag(op.fn) });
        return;
      case 'function.config':
        await functions.updateFunctionConfig(settings(op.fn));
        return;
      case 'function.runtime':
        throw new Error(
          `${op.fn.name}: CloudBase sets a function's runtime only when it is created (${op.from} now); delete the function in the console and deploy again, or keep ${op.from} in deploy/functions.json`,
        );
      case 'function.triggers':
        for (const trigger of op.remove) await functions.deleteFunctionTrigger(op.fn.name, trigger.name);
        if (op.fn.triggers.length) await functions.createFunctionTriggers(op.fn.name, op.fn.triggers);
        return;
      case 'collection.create':
        await database.createCollectionIfNotExists(op.name);
        return;
      case 'index.create': {
        const MgoIndexKeys = Object.entries(op.index.keys).map(([Name, direction]) => ({ Name, Direction: String(direction) }));
        await database.updateCollection(op.collection, { CreateIndexes: [{ IndexName: op.index.name, MgoKeySchema: { MgoIndexKeys, MgoIsUnique: op.index.unique === true } }] });
        return;
      }
      case 'index.drop':
        await database.updateCollection(op.collection, { DropIndexes: [{ IndexName: op.name }] });
        return;
      case 'rule.set':
        await permission.modifyResourcePermission({
          resourceType: 'collection',
          resource: op.collection,
          permission: op.rule.acl,
          ...(op.rule.rule ? { securityRule: JSON.stringify(op.rule.rule) } : {}),
        });
        return;
      case 'storage.set':
        await storage.setStorageAcl(op.rule.acl, op.rule.rule);
        return;
    }
  }
}

function tag(fn: DesiredFunction): string {
  return `友邻圈 ${fn.name} youlin-code:${fn.codeHash}`;
}

function settings(fn: DesiredFunction): { name: string; timeout: number; memorySize: number; envVariables: Record<string, string>; description: string } {
  return { name: fn.name, timeout: fn.timeout, memorySize: fn.memorySize, envVariables: fn.env, description: tag(fn) };
}

/** SCF reports a timer's TriggerDesc as `{"cron":"…"}`; it is created from the bare cron. */
function cronOf(desc: string): string {
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    return typeof parsed.cron === 'string' ? parsed.cron : desc;
  } catch {
    return desc;
  }
}

function directionOf(direction: string | undefined): 1 | -1 | '2dsphere' {
  if (direction === '-1') return -1;
  if (direction === '2dsphere') return '2dsphere';
  return 1;
}

function ruleOf(permission: string | undefined, securityRule: string | undefined): AccessRule {
  if (permission === 'CUSTOM' && securityRule) {
    const rule = JSON.parse(securityRule) as { read: boolean | string; write: boolean | string };
    return { acl: 'CUSTOM', rule: { read: rule.read, write: rule.write } };
  }
  return { acl: (permission as AccessRule['acl']) ?? 'PRIVATE' };
}
