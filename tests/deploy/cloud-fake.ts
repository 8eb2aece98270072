import type { IFunctionInfo } from '@cloudbase/manager-node/types/function/types';
import type { IndexInfo } from '@cloudbase/manager-node/types/interfaces';
import { Manager } from '../../deploy/cloud-target';

export interface RecordedCall {
  method: string;
  args: unknown[];
}

/**
 * A recording stand-in for @cloudbase/manager-node's CloudBase object: the `Manager` type (method names
 * and parameters from the package's own .d.ts) keeps it honest. It answers the way the services answer
 * (shapes from the package's typings and lib/), keeping a small cloud in memory so a second deploy sees
 * the first one's effect. Nothing here talks to a network.
 */
export function fakeCloud(): { manager: Manager; calls: RecordedCall[]; functions: Map<string, IFunctionInfo>; indexes: Map<string, IndexInfo[]> } {
  const calls: RecordedCall[] = [];
  const functions = new Map<string, IFunctionInfo>();
  const indexes = new Map<string, IndexInfo[]>();
  const rules = new Map<string, { Permission: string; SecurityRule?: string }>();
  let storage: { acl: 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM'; rule?: { read: boolean | string; write: boolean | string } } = { acl: 'READONLY' };
  const record = (method: string, args: unknown[]): void => void calls.push({ method, args: JSON.parse(JSON.stringify(args)) });
  const ok = { RequestId: 'req' };

  const manager: Manager = {
    functions: {
      async getFunctionList(limit = 20, offset = 0) {
        record('functions.getFunctionList', [limit, offset]);
        const names = [...functions.keys()];
        return { ...ok, Functions: names.slice(offset, offset + limit).map((FunctionName) => ({ FunctionName })), TotalCount: names.length };
      },
      async getFunctionDetail(name) {
        record('functions.getFunctionDetail', [name]);
        const fn = functions.get(name);
        if (!fn) throw new Error(`ResourceNotFound.Function: ${name}`);
        return fn;
      },
      async createFunction(param) {
        record('functions.createFunction', [param]);
        const { func } = param;
        functions.set(func.name, {
          FunctionName: func.name,
          Runtime: func.runtime ?? 'Nodejs20.19',
          Timeout: func.timeout ?? 3,
          MemorySize: func.memorySize ?? 256,
          Description: func.description ?? '',
          Environment: { Variables: Object.entries(func.envVariables ?? {}).map(([Key, Value]) => ({ Key, Value: String(Value) })) },
          // SCF reports a timer's description as JSON around the cron it was created with.
          Triggers: (func.triggers ?? []).map((t) => ({ Name: t.name, TriggerName: t.name, Type: t.type, Config: t.config, TriggerDesc: JSON.stringify({ cron: t.config }) })),
        } as IFunctionInfo);
        return ok;
      },
      async updateFunctionCode(param) {
        record('functions.updateFunctionCode', [param]);
        return ok;
      },
      async updateFunctionConfig(func) {
        record('functions.updateFunctionConfig', [func]);
        const fn = functions.get(func.name)!;
        if (func.timeout !== undefined) fn.Timeout = func.timeout;
        if (func.memorySize !== undefined) fn.MemorySize = func.memorySize;
        if (func.description !== undefined) fn.Description = func.description;
        if (func.envVariables && Object.keys(func.envVariables).length) {
          fn.Environment = { Variables: Object.entries(func.envVariables).map(([Key, Value]) => ({ Key, Value: String(Value) })) };
        }
        return ok;
      },
      async createFunctionTriggers(name, triggers = []) {
        record('functions.createFunctionTriggers', [name, triggers]);
        const fn = functions.get(name)!;
        fn.Triggers.push(...triggers.map((t) => ({ Name: t.name, TriggerName: t.name, Type: t.type, Config: t.config, TriggerDesc: JSON.stringify({ cron: t.config }) })));
        return ok;
      },
      async deleteFunctionTrigger(name, triggerName) {
        record('functions.deleteFunctionTrigger', [name, triggerName]);
        const fn = functions.get(name)!;
        fn.Triggers = fn.Triggers.filter((t) => t.TriggerName !== triggerName);
        return ok;
      },
    },
    database: {
      async listCollections(options) {
        record('database.listCollections', [options]);
        const names = [...indexes.keys()];
        const offset = options?.MgoOffset ?? 0;
        const limit = options?.MgoLimit ?? 100;
        return {
          ...ok,
          Collections: names.slice(offset, offset + limit).map((n) => ({ TableName: n, CollectionName: n, Count: 0, Size: 0, IndexCount: 1, IndexSize: 0 })),
          Pager: { Offset: offset, Limit: limit, Total: names.length },
        };
      },
      async describeCollection(name) {
        record('database.describeCollection', [name]);
        return { ...ok, Indexes: indexes.get(name) ?? [] };
      },
      async createCollectionIfNotExists(name) {
        record('database.createCollectionIfNotExists', [name]);
        const created = !indexes.has(name);
        if (created) indexes.set(name, [{ Name: '_id_', Size: 0, Keys: [{ Name: '_id', Direction: '1' }], Accesses: { Ops: 0, Since: '' }, Unique: true }]);
        return { ...ok, IsCreated: created, ExistsResult: { ...ok, Exists: !created } };
      },
      async updateCollection(name, info) {
        record('database.updateCollection', [name, info]);
        let list = indexes.get(name) ?? [];
        for (const drop of info.DropIndexes ?? []) list = list.filter((i) => i.Name !== drop.IndexName);
        for (const create of info.CreateIndexes ?? []) {
          list.push({ Name: create.IndexName, Size: 0, Keys: create.MgoKeySchema.MgoIndexKeys, Accesses: { Ops: 0, Since: '' }, Unique: create.MgoKeySchema.MgoIsUnique });
        }
        indexes.set(name, list);
        return ok;
      },
    },
    permission: {
      async describeResourcePermission(options) {
        record('permission.describeResourcePermission', [options]);
        const PermissionList = (options.resources ?? []).map((Resource) => ({ ResourceType: options.resourceType, Resource, ...(rules.get(Resource) ?? { Permission: 'PRIVATE' }) }));
        return { RequestId: 'req', Data: { TotalCount: PermissionList.length, PermissionList } };
      },
      async modifyResourcePermission(options) {
        record('permission.modifyResourcePermission', [options]);
        rules.set(options.resource!, { Permission: options.permission, SecurityRule: options.securityRule });
        return { RequestId: 'req', Data: { Success: true } };
      },
    },
    storage: {
      getStorageAcl: (async (options?: { withRule: true }) => {
        record('storage.getStorageAcl', [options]);
        return options?.withRule ? { ...storage } : storage.acl;
      }) as Manager['storage']['getStorageAcl'],
      async setStorageAcl(acl, rule) {
        record('storage.setStorageAcl', [acl, rule]);
        storage = rule ? { acl, rule } : { acl };
        return ok;
      },
    },
  };
  return { manager, calls, functions, indexes };
}
