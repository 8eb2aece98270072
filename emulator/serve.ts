import path from 'node:path';
import { Emulator, startEmulator } from './app';
import { lockDataDir } from './data-lock';
import { CODE_CACHE_DIR, PROJECT_ROOT, defaultDataDir, readDatabaseDeclaration } from './schema';
import { readFunctionSettings } from './function-settings';
import { readStorageRules } from './storage/rules';
import { readTemplateRegistry } from './subscription-templates';

/**
 * What a product hands the local cloud: `firstStart` runs once the server is up on an empty data
 * folder (the demo seed), and answers a line for the console. The emulator itself knows no product.
 */
export interface ServeOptions {
  firstStart?: (emulator: Emulator) => Promise<string>;
}

/** True when no declared collection holds a document: a fresh data folder. */
export function isEmpty(emulator: Emulator): boolean {
  return emulator.db.collectionNames().every((name) => emulator.db.count(name, {}) === 0);
}

/** The local CloudBase on 127.0.0.1 with every function of cloudfunctions/ and durable data, until SIGINT/SIGTERM. */
export async function serveLocalCloud(options: ServeOptions = {}): Promise<Emulator> {
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = defaultDataDir();
  const unlock = lockDataDir(dataDir);
  const declaration = readDatabaseDeclaration();
  const emulator = await startEmulator({
    port,
    dataDir,
    functionsDir: process.env.YOULIN_FUNCTIONS_DIR ?? path.join(PROJECT_ROOT, 'cloudfunctions'),
    schema: declaration.collections,
    functionSettings: readFunctionSettings(),
    timers: process.env.YOULIN_TIMERS !== 'off',
    openApi: {
      templates: readTemplateRegistry(),
      // Media-check verdicts go to this function this long after the call (YOULIN_MEDIA_CHECK_DELAY_MS=off: never by themselves).
      mediaCheck: {
        functionName: process.env.YOULIN_MEDIA_CHECK_FUNCTION ?? 'circle',
        delayMs: process.env.YOULIN_MEDIA_CHECK_DELAY_MS === 'off' ? null : Number(process.env.YOULIN_MEDIA_CHECK_DELAY_MS ?? 2000),
      },
    },
    storageRules: readStorageRules(path.join(PROJECT_ROOT, 'storage.rules.json')),
    instances: { codeCacheDir: CODE_CACHE_DIR },
  });
  if (options.firstStart && isEmpty(emulator) && process.env.YOULIN_SEED !== 'off') console.log(await options.firstStart(emulator));
  const { url } = emulator;
  console.log(`Youlin Circle local CloudBase at ${url}`);
  console.log(`  data folder     ${path.relative(process.cwd(), dataDir) || '.'}`);
  console.log(`  POST ${url}/admin                 CloudBase wire endpoint for wx-server-sdk`);
  console.log(`       TCB_CONTEXT_CNFG='{"URL":"${url}/admin"}' TENCENTCLOUD_SECRETID=x TENCENTCLOUD_SECRETKEY=x TENCENTCLOUD_RUNENV=SCF`);
  console.log(`  POST ${url}/functions/{name}      call a function (header x-openid: demo-resident-1)`);
  console.log(`  GET  ${url}/outbox                sent subscription messages`);
  console.log(`  POST ${url}/emulator/upload       wx.uploadFile of a picture (local mode) → { fileID }`);
  console.log(`  GET  ${url}/emulator/file?id=…    a stored file by fileID (local mode <image src>)`);
  console.log(`  GET  ${url}/emulator/deploy/state  what \`npm run deploy -- --env local\` compares against`);
  console.log(`  GET  ${url}/healthz`);
  console.log(`  functions: ${emulator.host.names().join(', ') || '(none built)'}`);
  const timers = emulator.host.triggers();
  if (timers.length) console.log(`  timers: ${timers.map((t) => `${t.functionName}/${t.trigger}`).join(', ')}`);
  console.log(`  collections: ${emulator.db.collectionNames().join(', ') || '(none declared)'}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: flushing data and stopping…`);
    await emulator.close();
    unlock();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return emulator;
}

export function exitOnFailure(error: unknown): void {
  console.error((error as Error).message);
  process.exit(1);
}
