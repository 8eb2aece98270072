import fs from 'node:fs';
import { adminCall, spawnServer } from '../helpers/server-process';
import { tempDir } from '../helpers/emulator';

describe('an acknowledged write survives kill -9 of the server', () => {
  it('1,000 writes, killed at a random moment, restarted: every acknowledged document is there', async () => {
    const dataDir = tempDir();
    const first = await spawnServer(dataDir);
    await adminCall(first.url, { action: 'database.addCollection', collectionName: 'receipts' });

    const acknowledged: string[] = [];
    const killAfter = 100 + Math.floor(Math.random() * 800);
    let killed = false;
    const writer = async (lane: number): Promise<void> => {
      for (let i = lane; i < 1000 && !killed; i += 8) {
        const id = `r-${i}`;
        try {
          const reply = await adminCall(first.url, {
            action: 'database.insertDocument',
            collectionName: 'receipts',
            data: [JSON.stringify({ _id: id, seq: { $numberInt: String(i) }, at: { $date: { $numberLong: String(Date.now()) } } })],
          });
          if (reply.data?.insertedIds?.[0] === id) acknowledged.push(id);
        } catch {
          return; // the connection died with the server: this write was never acknowledged
        }
        if (acknowledged.length >= killAfter && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, lane) => writer(lane)));
    await new Promise((resolve) => (first.child.exitCode !== null || first.child.signalCode ? resolve(null) : first.child.once('exit', resolve)));
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

    const second = await spawnServer(dataDir);
    try {
      const found = new Set<string>();
      for (let offset = 0; ; offset += 1000) {
        const reply = await adminCall(second.url, { action: 'database.getDocument', collectionName: 'receipts', query: '{}', offset, limit: 1000 });
        for (const text of reply.data.list) found.add(JSON.parse(text)._id);
        if (reply.data.list.length < 1000) break;
      }
      expect(acknowledged.filter((id) => !found.has(id))).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('Ctrl-C flushes, compacts and exits cleanly; the data is there on the next start', async () => {
    const dataDir = tempDir();
    const first = await spawnServer(dataDir);
    await adminCall(first.url, { action: 'database.addCollection', collectionName: 'notes' });
    await adminCall(first.url, { action: 'database.insertDocument', collectionName: 'notes', data: ['{"_id":"n1","text":"楼道灯坏了"}'] });
    first.child.kill('SIGINT');
    const code = await new Promise((resolve) => first.child.once('exit', resolve));
    expect(code).toBe(0);
    expect(first.output()).toContain('flushing data and stopping');
    expect(fs.readFileSync(`${dataDir}/journal.log`, 'utf8')).toBe('');
    const second = await spawnServer(dataDir);
    const reply = await adminCall(second.url, { action: 'database.getDocument', collectionName: 'notes', query: '{"_id":"n1"}', queryType: 'DOC' });
    expect(JSON.parse(reply.data.list[0]).text).toBe('楼道灯坏了');
    second.child.kill('SIGINT');
    await new Promise((resolve) => second.child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
