import fs from 'node:fs';
import path from 'node:path';
import { Emulator } from '../../emulator/app';
import { ROOT, startTestEmulator } from '../helpers/emulator';

/** The emulator's management endpoints refuse what CloudBase's management API refuses. */
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => emulator?.close());

async function post(route: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emulator.url}/emulator/deploy/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('the emulator as a deploy target', () => {
  it('offers only the index options CloudBase has: no sparse', async () => {
    const refused = await post('index', { collection: 'todos', create: { name: 'owner_1', keys: { owner: 1 }, unique: true, sparse: true } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/sparse/);
  });

  it('refuses a unique index the documents already break, and keeps the collection as it was', async () => {
    await emulator.db.insert('todos', [
      { _id: 'a', owner: 'x' },
      { _id: 'b', owner: 'x' },
    ]);
    const refused = await post('index', { collection: 'todos', create: { name: 'owner_unique', keys: { owner: 1 }, unique: true } });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(emulator.db.indexesOf('todos').map((i) => i.name)).not.toContain('owner_unique');
  });

  it('a runtime is chosen when a function is created, never changed after', async () => {
    const refused = await post('function', { name: 'probe', runtime: 'Nodejs16.13' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('RUNTIME_FIXED');
  });

  // A cold start that loads the SDK on a loaded machine can take longer than the platform's 3 s default.
  it('lends its own install for dependencies and refuses one it does not have at the declared version', async () => {
    const refused = await post('function', { name: 'other', files: { 'index.js': b64('exports.main = async () => 1;'), 'package.json': b64('{"dependencies":{"wx-server-sdk":"3.0.0"}}') } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ code: 'DEPENDENCY_UNAVAILABLE', message: '函数 other 依赖 wx-server-sdk@3.0.0，模拟器只有 wx-server-sdk@4.0.2' });
    const manifest = fs.readFileSync(path.join(ROOT, 'cloudfunctions', 'user', 'package.json'), 'utf8');
    const created = await post('function', {
      name: 'other',
      files: { 'index.js': b64("exports.main = async () => typeof require('wx-server-sdk').database;"), 'package.json': b64(manifest) },
      timeout: 60,
    });
    expect(created.status).toBe(200);
    const res = await fetch(`${emulator.url}/functions/other`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await res.json()).toBe('function');
  });
});
