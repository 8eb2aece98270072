import path from 'node:path';
import { Emulator, startEmulator } from '../../emulator/app';
import { readFunctionSettings } from '../../emulator/function-settings';
import { CODE_CACHE_DIR, readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../../scripts/demo/seed-store';
import { readStorageRules } from '../../emulator/storage/rules';
import { readTemplateRegistry } from '../../emulator/subscription-templates';
import { ROOT } from './emulator';
import { postJson } from './post';

/** The app's real functions (built by `npm run build`) on an in-memory emulator with the demo neighbourhood. */
export async function startApp(options: { seed?: boolean; mediaCheckDelayMs?: number | null; maxInstances?: number } = {}): Promise<Emulator> {
  const emulator = await startEmulator({
    dataDir: null,
    functionsDir: path.join(ROOT, 'cloudfunctions'),
    schema: readDatabaseDeclaration().collections,
    // The timeouts and memory deploy/functions.json deploys, so tests run what is deployed.
    functionSettings: readFunctionSettings(),
    // The same templates the functions send with, so the fake enforces exactly the configured fields.
    // Media-check verdicts wait for emulator.openApi.mediaChecks.flush() unless a test asks for a delay.
    openApi: { templates: readTemplateRegistry(), mediaCheck: { delayMs: options.mediaCheckDelayMs ?? null } },
    // The bucket's security rule the deploy applies: clients get what they would get in the cloud.
    storageRules: readStorageRules(path.join(ROOT, 'storage.rules.json')),
    // No app test is about a function's timeout (tests/emulator/function-host.test.ts is, at scale 1):
    // on a busy shared machine a call may take several times what it takes in the cloud.
    // Four instances a function keep four calls in flight at once, interleaving at every database
    // request, which is what the concurrent stories need; each more costs a cold start (~250 ms of
    // CPU, ~45 MB) and on two cores adds no parallelism (tests/emulator covers the pool at 16).
    instances: { timeoutScale: 5, maxInstances: options.maxInstances ?? 4, codeCacheDir: CODE_CACHE_DIR },
  });
  if (options.seed !== false) await seedDemo(emulator.db, { now: new Date('2026-11-01T02:00:00Z') });
  return emulator;
}

/** Calls `fn` as the mini-program's local mode does; returns the envelope. */
export async function call(emulator: Emulator, openid: string | null, fn: string, action: string, data?: unknown, idempotencyKey?: string): Promise<any> {
  return (await postJson(`${emulator.url}/functions/${fn}`, { action, data, ...(idempotencyKey ? { idempotencyKey } : {}) }, openid)).body;
}
