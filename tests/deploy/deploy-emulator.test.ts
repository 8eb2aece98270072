import fs from 'node:fs';
import { Emulator, startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { tempDir } from '../helpers/emulator';
import { deployLocal, runNode } from './run-cli';

/**
 * `npm run deploy -- --env local` against a running emulator that starts as a new CloudBase
 * environment does: no collections, no functions, the platform's default storage rule.
 */
jest.setTimeout(120_000);

let emulator: Emulator;
let emptyFunctions: string;

async function state(): Promise<any> {
  return (await fetch(`${emulator.url}/emulator/deploy/state`)).json();
}

beforeAll(async () => {
  emptyFunctions = tempDir('youlin-no-functions-');
  emulator = await startEmulator({ dataDir: null, functionsDir: emptyFunctions, schema: [] });
});

afterAll(async () => {
  await emulator?.close();
  fs.rmSync(emptyFunctions, { recursive: true, force: true });
});

describe('deploying the repository to a fresh environment', () => {
  it('a dry run prints what it would create and changes nothing', async () => {
    const before = await state();
    const run = await deployLocal(emulator.url, true);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}create {2}collection users\b/m);
    expect(run.stdout).toMatch(/^ {2}create {2}index users\.communityId_1 +\{ communityId: 1, _id: 1 \}/m);
    expect(run.stdout).toMatch(/^ {2}change {2}rule users +PRIVATE → CUSTOM \{"read":false,"write":false\}/m);
    expect(run.stdout).toMatch(/^ {2}create {2}function activity +Nodejs20\.19, 20 s, 256 MB; env \+YOULIN_MINIPROGRAM_STATE/m);
    expect(run.stdout).toContain('Dry run: nothing was changed.');
    expect(await state()).toEqual(before);
  });

  it('applies the plan; the real SDK then works against what was deployed; a second deploy finds nothing to do', async () => {
    const first = await deployLocal(emulator.url, false, { YOULIN_CHECKIN_SECRET: 'a-long-random-test-secret' });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ step\(s\)\./);
    // The secret reached the function and never the output.
    expect(first.stdout).toContain('YOULIN_CHECKIN_SECRET (secret)');
    expect(first.stdout).not.toContain('a-long-random-test-secret');

    const deployed = await state();
    const declared = readDatabaseDeclaration().collections;
    expect(deployed.collections.map((c: any) => c.name).sort()).toEqual(declared.map((c) => c.name).sort());
    const users = deployed.collections.find((c: any) => c.name === 'users');
    expect(users.rule).toEqual({ acl: 'CUSTOM', rule: { read: false, write: false } });
    expect(users.indexes.map((i: any) => i.name)).toEqual(declared.find((c) => c.name === 'users')!.indexes.map((i) => i.name));
    const activity = deployed.functions.find((f: any) => f.name === 'activity');
    expect(activity).toMatchObject({ runtime: 'Nodejs20.19', timeout: 20, memorySize: 256 });
    expect(activity.env).toEqual({ YOULIN_MINIPROGRAM_STATE: 'formal', YOULIN_CHECKIN_SECRET: 'a-long-random-test-secret' });
    expect(activity.triggers.length).toBeGreaterThan(0);

    // The smoke script: the real wx-server-sdk writes, queries and aggregates, then calls deployed code.
    const sdkEnv = { YOULIN_URL: emulator.url };
    const write = await runNode('scripts/sdk-smoke.js', ['write'], sdkEnv);
    expect(write.stderr).toBe('');
    expect(JSON.parse(write.stdout).byBuilding).toEqual([
      { _id: '1号楼', hours: 5 },
      { _id: '2号楼', hours: 5 },
    ]);
    const called = await runNode('scripts/sdk-smoke.js', ['call', 'community', 'tree'], sdkEnv);
    expect(called.stderr).toBe('');
    // An answer in the function's own envelope: the deployed bundle ran, with its dependencies.
    expect(JSON.parse(called.stdout)).toHaveProperty('ok');

    const second = await deployLocal(emulator.url, false, { YOULIN_CHECKIN_SECRET: 'a-long-random-test-secret' });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Nothing to do: the local emulator at .* already runs what the repository declares/);
    expect(second.stdout).not.toMatch(/^ {2}(create|change|drop) /m);
  });

  it('a drifted environment is brought back: an undeclared index dropped, a changed index rebuilt, a changed timeout and secret reset', async () => {
    const post = (route: string, body: unknown): Promise<Response> =>
      fetch(`${emulator.url}/emulator/deploy/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('index', { collection: 'users', create: { name: 'nickname_1', keys: { nickname: 1 } } })).status).toBe(200);
    expect((await post('index', { collection: 'units', drop: 'kind_1' })).status).toBe(200);
    expect((await post('index', { collection: 'units', create: { name: 'kind_1', keys: { kind: -1 } } })).status).toBe(200);
    expect((await post('function', { name: 'user', timeout: 3 })).status).toBe(200);

    const dry = await deployLocal(emulator.url, true, { YOULIN_CHECKIN_SECRET: 'another-secret-value' });
    expect(dry.stdout).toMatch(/^ {2}drop {4}index users\.nickname_1 +\{ nickname: 1 \}/m);
    expect(dry.stdout).toMatch(/^ {2}change {2}index units\.kind_1 +\{ kind: -1 \} → \{ kind: 1 \}/m);
    expect(dry.stdout).toMatch(/^ {2}change {2}function user +timeout 3 s → 10 s/m);
    expect(dry.stdout).toMatch(/^ {2}change {2}function activity +env ~YOULIN_CHECKIN_SECRET \(secret\)/m);
    expect(dry.stdout).toContain('5 to change, 1 to drop');

    const applied = await deployLocal(emulator.url, false, { YOULIN_CHECKIN_SECRET: 'another-secret-value' });
    expect(applied.code).toBe(0);
    const again = await deployLocal(emulator.url, true, { YOULIN_CHECKIN_SECRET: 'another-secret-value' });
    expect(again.stdout).toContain('Nothing to do');
  });
});
