import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Emulator, EmulatorOptions, startEmulator } from '../../emulator/app';
import { CollectionSchema } from '../../emulator/store/database';
import { postJson } from './post';

export const ROOT = path.resolve(__dirname, '../..');
/** Test-only functions (tests/fixtures/cloudfunctions), built by `npm run build` before jest runs. */
export const FIXTURE_FUNCTIONS = path.join(ROOT, 'dist', 'fixtures', 'cloudfunctions');

export const TEST_SCHEMA: CollectionSchema[] = [
  // The captured SDK requests (tests/fixtures/cloudbase-wire) query todos.loc with geoNear.
  { name: 'todos', indexes: [{ name: 'loc_2dsphere', keys: { loc: '2dsphere' } }] },
  { name: 'counters' },
  // Geo queries need a 2dsphere index on the field, as in the cloud.
  {
    name: 'places',
    indexes: [
      { name: 'location_2dsphere', keys: { location: '2dsphere' } },
      { name: 'area_2dsphere', keys: { area: '2dsphere' } },
    ],
  },
  {
    name: 'residents',
    indexes: [
      { name: 'building_1', keys: { building: 1 } },
      { name: 'phone_1', keys: { phone: 1 } },
    ],
  },
  // A unique key every member has: CloudBase has no sparse indexes, so members without a phone would collide.
  { name: 'members', indexes: [{ name: 'phone_1', keys: { phone: 1 }, unique: true }] },
];

/** The probe runs whole test scenarios in one call: it gets the platform's longest timeout the tests need. */
export const FIXTURE_SETTINGS = { functions: { probe: { runtime: 'Nodejs20.19' as const, timeout: 30, memorySize: 256, env: {}, secrets: [] } } };

export function tempDir(prefix = 'youlin-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  if (!fs.existsSync(path.join(FIXTURE_FUNCTIONS, 'probe', 'index.js'))) {
    throw new Error('test fixtures are not built: run `npm run build` (npm test does it first)');
  }
  return startEmulator({ dataDir: null, functionsDir: FIXTURE_FUNCTIONS, schema: TEST_SCHEMA, functionSettings: FIXTURE_SETTINGS, ...options });
}

/** Calls a hosted function the way the mini-program's local mode does. */
export async function callFunction(emulator: Emulator, name: string, event: unknown, openid?: string): Promise<{ status: number; body: any }> {
  const { status, body } = await postJson(`${emulator.url}/functions/${name}`, event, openid);
  return { status, body };
}

/** Runs `code` (an async arrow function's source taking {cloud, db, _, $}) inside the hosted probe function. */
export async function runInFunction(emulator: Emulator, code: string, openid = 'o-test'): Promise<any> {
  const { body } = await callFunction(emulator, 'probe', { action: 'run', code }, openid);
  if (!body.ok) throw new Error(`function failed: ${JSON.stringify(body.error ?? body)}`);
  return body.value;
}
