import fs from 'node:fs';
import path from 'node:path';
import { Emulator } from '../../emulator/app';
import { collectGarbage } from '../../emulator/host/instance';
import { callFunction, startTestEmulator, tempDir } from '../helpers/emulator';

/**
 * With a code cache folder, the first instance of a function that answers a call leaves V8's compiled
 * code of its bundle there, and later instances start from it. The cache is only ever a shortcut:
 * an instance answers the same with it, without it, and with a cache V8 refuses.
 */
describe('function instances keep their compiled code in the code cache', () => {
  let dir: string;
  let emulator: Emulator;
  const cacheFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.code'));
  /** The cache is written just after the answer: wait for it by looking, not by time. */
  const written = async () => {
    for (let i = 0; i < 500 && cacheFiles().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    return cacheFiles();
  };
  const whoami = async (openid: string) => (await callFunction(emulator, 'probe', { action: 'whoami' }, openid)).body.context.OPENID;

  beforeEach(async () => {
    dir = tempDir('youlin-code-cache-');
    emulator = await startTestEmulator({ instances: { codeCacheDir: dir } });
  });
  afterEach(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the first instance's call leaves the cache; a fresh instance starts from it and answers the same", async () => {
    expect(await whoami('demo-resident-1')).toBe('demo-resident-1');
    const [file] = await written();
    expect(fs.statSync(path.join(dir, file)).size).toBeGreaterThan(1000);

    await emulator.close();
    emulator = await startTestEmulator({ instances: { codeCacheDir: dir } });
    const before = fs.statSync(path.join(dir, file)).mtimeMs;
    expect(await whoami('demo-resident-2')).toBe('demo-resident-2');
    expect(emulator.host.pool('probe').counts()).toMatchObject({ started: 1 });
    // Started from the cache, the instance leaves it as it was.
    expect(cacheFiles()).toEqual([file]);
    expect(fs.statSync(path.join(dir, file)).mtimeMs).toBe(before);
  });

  it('a damaged cache is refused by V8: the instance compiles the bundle itself, answers, and writes the cache afresh', async () => {
    expect(await whoami('demo-resident-1')).toBe('demo-resident-1');
    const [file] = await written();
    fs.writeFileSync(path.join(dir, file), Buffer.alloc(4096, 7));

    await emulator.close();
    emulator = await startTestEmulator({ instances: { codeCacheDir: dir } });
    expect(await whoami('demo-resident-3')).toBe('demo-resident-3');
    for (let i = 0; i < 500 && fs.readFileSync(path.join(dir, file))[0] === 7; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fs.readFileSync(path.join(dir, file)).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('without a cache folder nothing is written and instances load the bundle as require does', async () => {
    await emulator.close();
    emulator = await startTestEmulator();
    expect(await whoami('demo-resident-4')).toBe('demo-resident-4');
    expect(cacheFiles()).toEqual([]);
  });
});

describe('the emulator collecting its heap leaves the code cache usable', () => {
  it('after the host has collected its garbage, a fresh instance still starts from the cache instead of compiling and writing it again', async () => {
    const dir = tempDir('youlin-code-cache-');
    const start = () => startTestEmulator({ instances: { codeCacheDir: dir } });
    let emulator = await start();
    try {
      await callFunction(emulator, 'probe', { action: 'whoami' }, 'demo-resident-1');
      for (let i = 0; i < 500 && !fs.readdirSync(dir).some((f) => f.endsWith('.code')); i++) await new Promise((r) => setTimeout(r, 10));
      const [file] = fs.readdirSync(dir).filter((f) => f.endsWith('.code'));
      const written = fs.readFileSync(path.join(dir, file));
      // What the host does once its last instance has retired (V8 refuses code cached under other flags).
      collectGarbage();
      await emulator.close();
      emulator = await start();
      expect((await callFunction(emulator, 'probe', { action: 'whoami' }, 'demo-resident-2')).body.context.OPENID).toBe('demo-resident-2');
      // An instance writes the cache straight after an answer, before it takes its next call.
      await callFunction(emulator, 'probe', { action: 'whoami' }, 'demo-resident-2');
      expect(fs.readFileSync(path.join(dir, file)).equals(written)).toBe(true);
    } finally {
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
