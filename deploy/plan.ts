import { NEW_COLLECTION_RULE } from '../emulator/deploy-admin';
import { AccessRule, CollectionState, DeployOperation, DesiredFunction, DesiredState, EnvironmentState, FunctionState, IndexSpec, PlanItem } from './model';

/**
 * The plan: every resource the repository declares, compared with what the target reports, in the
 * order it is applied (collections with their indexes and rules, then functions, then storage).
 * Resources the repository does not declare (other collections, other functions) are left alone.
 */
export function computePlan(desired: DesiredState, current: EnvironmentState): PlanItem[] {
  const items: PlanItem[] = [];
  for (const collection of desired.collections)
    items.push(
      ...planCollection(
        collection,
        current.collections.find((c) => c.name === collection.name),
      ),
    );
  for (const fn of desired.functions)
    items.push(
      planFunction(
        fn,
        current.functions.find((f) => f.name === fn.name),
      ),
    );
  if (desired.storage) {
    const now = current.storage;
    const same = now !== null && sameRule(now, desired.storage);
    items.push({
      resource: 'storage rule',
      action: same ? 'leave' : 'change',
      details: same ? [] : [`${now ? describeRule(now) : '?'} → ${describeRule(desired.storage)}`],
      operations: same ? [] : [{ kind: 'storage.set', rule: desired.storage }],
    });
  }
  return items;
}

function planCollection(desired: CollectionState, current: CollectionState | undefined): PlanItem[] {
  const items: PlanItem[] = [];
  items.push(
    current
      ? { resource: `collection ${desired.name}`, action: 'leave', details: [], operations: [] }
      : { resource: `collection ${desired.name}`, action: 'create', details: [], operations: [{ kind: 'collection.create', name: desired.name }] },
  );
  const indexes = current?.indexes ?? [];
  for (const index of desired.indexes) {
    const now = indexes.find((i) => i.name === index.name);
    const resource = `index ${desired.name}.${index.name}`;
    if (!now) items.push({ resource, action: 'create', details: [describeIndex(index)], operations: [{ kind: 'index.create', collection: desired.name, index }] });
    else if (describeIndex(now) !== describeIndex(index)) {
      const operations: DeployOperation[] = [
        { kind: 'index.drop', collection: desired.name, name: index.name },
        { kind: 'index.create', collection: desired.name, index },
      ];
      items.push({ resource, action: 'change', details: [`${describeIndex(now)} → ${describeIndex(index)}`], operations });
    } else items.push({ resource, action: 'leave', details: [], operations: [] });
  }
  for (const extra of indexes.filter((i) => !desired.indexes.some((d) => d.name === i.name))) {
    items.push({ resource: `index ${desired.name}.${extra.name}`, action: 'drop', details: [describeIndex(extra)], operations: [{ kind: 'index.drop', collection: desired.name, name: extra.name }] });
  }
  const rule = current?.rule ?? NEW_COLLECTION_RULE;
  items.push(
    sameRule(rule, desired.rule)
      ? { resource: `rule ${desired.name}`, action: 'leave', details: [], operations: [] }
      : {
          resource: `rule ${desired.name}`,
          action: 'change',
          details: [`${describeRule(rule)} → ${describeRule(desired.rule)}`],
          operations: [{ kind: 'rule.set', collection: desired.name, rule: desired.rule }],
        },
  );
  return items;
}

function planFunction(fn: DesiredFunction, now: FunctionState | undefined): PlanItem {
  const resource = `function ${fn.name}`;
  if (!now) {
    const details = [`${fn.runtime}, ${fn.timeout} s, ${fn.memorySize} MB`, ...envDetails(fn, {}), ...triggerDetails([], fn.triggers)];
    return { resource, action: 'create', details, operations: [{ kind: 'function.create', fn }] };
  }
  const details: string[] = [];
  const operations: DeployOperation[] = [];
  if (now.runtime !== fn.runtime) {
    details.push(`runtime ${now.runtime} → ${fn.runtime}`);
    operations.push({ kind: 'function.runtime', fn, from: now.runtime });
  }
  if (now.codeHash !== fn.codeHash) {
    details.push(`code ${now.codeHash || '(unknown)'} → ${fn.codeHash}`);
    operations.push({ kind: 'function.code', fn });
  }
  const config: string[] = [];
  if (now.timeout !== fn.timeout) config.push(`timeout ${now.timeout} s → ${fn.timeout} s`);
  if (now.memorySize !== fn.memorySize) config.push(`memory ${now.memorySize} MB → ${fn.memorySize} MB`);
  config.push(...envDetails(fn, now.env));
  if (config.length) {
    details.push(...config);
    operations.push({ kind: 'function.config', fn });
  }
  const triggers = triggerDetails(now.triggers, fn.triggers);
  if (triggers.length) {
    details.push(...triggers);
    const remove = now.triggers.filter((t) => !fn.triggers.some((d) => d.name === t.name && d.config === t.config));
    operations.push({ kind: 'function.triggers', fn, remove });
  }
  return { resource, action: operations.length ? 'change' : 'leave', details, operations };
}

/** Names only: a value (a secret's above all) is never printed. */
function envDetails(fn: DesiredFunction, now: Record<string, string>): string[] {
  const tag = (name: string): string => (fn.secrets.includes(name) ? `${name} (secret)` : name);
  const out: string[] = [];
  for (const [name, value] of Object.entries(fn.env)) {
    if (!(name in now)) out.push(`env +${tag(name)}`);
    else if (now[name] !== value) out.push(`env ~${tag(name)}`);
  }
  for (const name of Object.keys(now)) if (!(name in fn.env)) out.push(`env -${name}`);
  return out;
}

function triggerDetails(now: FunctionState['triggers'], desired: FunctionState['triggers']): string[] {
  const key = (t: FunctionState['triggers'][number]): string => `${t.name} "${t.config}"`;
  const before = now.map(key).sort().join(', ');
  const after = desired.map(key).sort().join(', ');
  return before === after ? [] : [`timer ${before || '(none)'} → ${after || '(none)'}`];
}

export function describeIndex(index: IndexSpec): string {
  const keys = Object.entries(index.keys)
    .map(([field, direction]) => `${field}: ${direction}`)
    .join(', ');
  return `{ ${keys} }${index.unique ? ' unique' : ''}`;
}

function describeRule(rule: AccessRule): string {
  return rule.acl === 'CUSTOM' && rule.rule ? `CUSTOM ${JSON.stringify({ read: rule.rule.read, write: rule.rule.write })}` : rule.acl;
}

function sameRule(a: AccessRule, b: AccessRule): boolean {
  return describeRule(a) === describeRule(b);
}

/** Nothing to create, change or drop. */
export function isEmptyPlan(items: PlanItem[]): boolean {
  return items.every((item) => item.action === 'leave');
}

export function formatPlan(label: string, items: PlanItem[], notes: string[] = []): string {
  const lines = [`Deploy plan for ${label}`];
  for (const note of notes) lines.push(`  note: ${note}`);
  const width = Math.max(...items.map((i) => i.resource.length), 10);
  for (const item of items) lines.push(`  ${item.action.padEnd(6)}  ${item.resource.padEnd(width)}  ${item.details.join('; ')}`.trimEnd());
  const count = (action: string): number => items.filter((i) => i.action === action).length;
  lines.push(
    isEmptyPlan(items)
      ? `Nothing to do: ${label} already runs what the repository declares (${items.length} resources).`
      : `${count('create')} to create, ${count('change')} to change, ${count('drop')} to drop, ${count('leave')} to leave.`,
  );
  return lines.join('\n');
}
