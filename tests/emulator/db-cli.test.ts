import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, tempDir } from '../helpers/emulator';
import { adminCall, spawnServer } from '../helpers/server-process';

const run = promisify(execFile);
const cli = (args: string[], dataDir: string) => run(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'db-cli.js'), ...args], { env: { ...process.env, YOULIN_DATA_DIR: dataDir } });

describe('db:export and db:import move a whole database between data folders', () => {
  const dirs: string[] = [];
  const dir = (): string => {
    const made = tempDir();
    dirs.push(made);
    return made;
  };
  // Servers are stopped by the helper after the file whatever happens; the folders go here.
  afterAll(() => {
    for (const made of dirs) fs.rmSync(made, { recursive: true, force: true });
  });

  it('what one neighbourhood exported is what another imports, dates included; a running server keeps its folder to itself', async () => {
    const source = dir();
    const server = await spawnServer(source, { YOULIN_SEED: 'off' });
    try {
      await adminCall(server.url, { action: 'database.addCollection', collectionName: 'notices' });
      await adminCall(server.url, {
        action: 'database.insertDocument',
        collectionName: 'notices',
        data: ['{"_id":"n1","title":"周六停水通知","at":{"$date":{"$numberLong":"1795000000000"}}}'],
      });
      // The folder is locked while the server owns it.
      await expect(cli(['export', path.join(source, 'x.json')], source)).rejects.toMatchObject({ stderr: expect.stringContaining('正被进程') });
    } finally {
      await server.stop('SIGINT');
    }
    const file = path.join(dir(), 'snapshot.json');
    expect((await cli(['export', file], source)).stdout).toContain('exported');
    const target = dir();
    expect((await cli(['import', file], target)).stdout).toContain('notices: 1');
    const second = await spawnServer(target, { YOULIN_SEED: 'off' });
    try {
      const reply = await adminCall(second.url, { action: 'database.getDocument', collectionName: 'notices', query: '{"_id":"n1"}' });
      const doc = JSON.parse(reply.data.list[0]);
      expect(doc.title).toBe('周六停水通知');
      expect(doc.at).toEqual({ $date: { $numberLong: '1795000000000' } });
    } finally {
      await second.stop('SIGINT');
    }
  }, 180_000);

  it('a file that is not an export is refused with a clear message', async () => {
    const folder = dir();
    const bad = path.join(folder, 'bad.json');
    fs.writeFileSync(bad, '{"hello":"world"}');
    await expect(cli(['import', bad], folder)).rejects.toMatchObject({ stderr: expect.stringContaining('不是 youlin-circle-db 导出文件') });
  });
});
