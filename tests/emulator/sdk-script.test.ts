import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, tempDir } from '../helpers/emulator';
import { spawnServer } from '../helpers/server-process';

const run = promisify(execFile);

describe('a plain Node script using the real wx-server-sdk against the local server', () => {
  it('adds, queries with commands, updates with operators, aggregates and runs a transaction; after kill -9 and a restart the data is still there', async () => {
    const dataDir = tempDir();
    const expected = {
      busy: [
        ['v1', 5, ['垃圾分类', '助老']],
        ['v2', 4, ['垃圾分类']],
      ],
      byBuilding: [
        { _id: '1号楼', hours: 5 },
        { _id: '2号楼', hours: 5 },
      ],
    };
    const first = await spawnServer(dataDir);
    const script = path.join(ROOT, 'scripts', 'sdk-smoke.js');
    try {
      const written = await run(process.execPath, [script, 'write'], { env: { ...process.env, YOULIN_URL: first.url } });
      expect(JSON.parse(written.stdout)).toEqual(expected);
    } finally {
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
    }

    const second = await spawnServer(dataDir);
    try {
      const verified = await run(process.execPath, [script, 'verify'], { env: { ...process.env, YOULIN_URL: second.url } });
      expect(JSON.parse(verified.stdout)).toEqual(expected);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
