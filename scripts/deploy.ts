/**
 * `npm run deploy -- --env <envId> [--dry-run]`: brings a CloudBase environment (or, with
 * `--env local`, the emulator `npm start` serves on 127.0.0.1:PORT, default 8787) to what the
 * repository declares: functions (code, runtime, timeout, memory, env, timer trigger), database.json's
 * collections with their indexes and rules, and the storage rule (storage.rules.json). Credentials come
 * from the environment (TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, optional
 * TENCENTCLOUD_SESSIONTOKEN), never from a file in the repository.
 */
import { CloudTarget, Manager } from '../deploy/cloud-target';
import { readRepository } from '../deploy/desired';
import { EmulatorTarget } from '../deploy/emulator-target';
import { DeployTarget } from '../deploy/model';
import { deploy } from '../deploy/run';

const USAGE = 'usage: npm run deploy -- --env <envId | local> [--dry-run]';

function parseArgs(argv: string[]): { env: string; dryRun: boolean } {
  let env = '';
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--env') env = argv[++i] ?? '';
    else if (arg.startsWith('--env=')) env = arg.slice('--env='.length);
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!env) throw new Error(USAGE);
  if (env !== 'local' && !/^[a-z0-9][a-z0-9-]{1,60}$/.test(env)) throw new Error(`"${env}" is not a CloudBase environment id\n${USAGE}`);
  return { env, dryRun };
}

function cloudTarget(envId: string): DeployTarget {
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) {
    throw new Error(
      'set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (an API key of the Tencent Cloud account that owns the environment) in this shell; never write them into a file in the repository',
    );
  }
  // Loaded only for a cloud deploy: the local one needs nothing of it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node') as new (config: { secretId: string; secretKey: string; token?: string; envId: string }) => Manager;
  const manager = new CloudBase({ secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined, envId });
  const repo = readRepository();
  const functions = Object.keys(repo.functions.functions);
  return new CloudTarget(
    manager,
    envId,
    functions,
    repo.database.collections.map((c) => c.name),
  );
}

async function main(): Promise<void> {
  const { env, dryRun } = parseArgs(process.argv.slice(2));
  const local = env === 'local';
  const target = local ? new EmulatorTarget(`http://127.0.0.1:${process.env.PORT || 8787}`) : cloudTarget(env);
  await deploy(target, { dryRun, local });
}

main().catch((error: unknown) => {
  console.error(`deploy failed: ${(error as Error).message}`);
  process.exit(1);
});
