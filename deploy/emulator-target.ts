import type { DeployState } from '../emulator/deploy-admin';
import { DeployOperation, DeployTarget, DesiredFunction, EnvironmentState } from './model';

/** The local emulator as a deploy target, through its loopback management endpoints (/emulator/deploy/*). */
export class EmulatorTarget implements DeployTarget {
  readonly label: string;

  constructor(private baseUrl: string) {
    this.label = `the local emulator at ${baseUrl}`;
  }

  async describe(): Promise<EnvironmentState> {
    const state = (await this.request('GET', 'state')) as DeployState;
    return {
      functions: state.functions,
      collections: state.collections.map((c) => ({ name: c.name, indexes: c.indexes, rule: c.rule })),
      storage: state.storage,
    };
  }

  async apply(op: DeployOperation): Promise<void> {
    switch (op.kind) {
      case 'function.create':
        return this.post('function', { ...code(op.fn), ...config(op.fn), runtime: op.fn.runtime, triggers: op.fn.triggers });
      case 'function.code':
        return this.post('function', code(op.fn));
      case 'function.config':
        return this.post('function', config(op.fn));
      case 'function.runtime':
        return this.post('function', { name: op.fn.name, runtime: op.fn.runtime });
      case 'function.triggers':
        return this.post('function', { name: op.fn.name, triggers: op.fn.triggers });
      case 'collection.create':
        return this.post('collection', { name: op.name });
      case 'index.create':
        return this.post('index', { collection: op.collection, create: op.index });
      case 'index.drop':
        return this.post('index', { collection: op.collection, drop: op.name });
      case 'rule.set':
        return this.post('rules', { collection: op.collection, ...op.rule });
      case 'storage.set':
        return this.post('storage', op.rule);
    }
  }

  private async post(route: string, body: unknown): Promise<void> {
    await this.request('POST', route, body);
  }

  private async request(method: string, route: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/emulator/deploy/${route}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error(`no emulator answers at ${this.baseUrl}: start it with \`npm start\` (PORT picks another port)`);
    }
    const answer = (await res.json()) as { code?: string; message?: string };
    if (!res.ok) throw new Error(`${route}: ${answer.code ?? res.status} ${answer.message ?? ''}`.trim());
    return answer;
  }
}

function code(fn: DesiredFunction): { name: string; files: Record<string, string> } {
  return { name: fn.name, files: Object.fromEntries(Object.entries(fn.files).map(([file, content]) => [file, content.toString('base64')])) };
}

function config(fn: DesiredFunction): { name: string; timeout: number; memorySize: number; env: Record<string, string> } {
  return { name: fn.name, timeout: fn.timeout, memorySize: fn.memorySize, env: fn.env };
}
