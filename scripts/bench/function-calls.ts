// Function calls through POST /functions (calls a second and latency, with and without the database), and what
// one _.inc costs through the real SDK in a hosted function against the same update straight on the store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../../emulator/seed';
import { Database } from '../../emulator/store/database';
import { FIXTURES, FUNCTIONS, ms, percentile } from './measure';

/** Calls per second and latency of one function action through POST /functions, 8 callers at once. */
async function callRate(url: string, label: string, fn: string, event: unknown, total: number): Promise<void> {
  const body = JSON.stringify(event);
  const call = async (): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${url}/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': 'demo-resident-1' }, body });
    await res.json();
    return performance.now() - started;
  };
  for (let i = 0; i < 40; i++) await call(); // warm the instances
  const concurrency = 8;
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued++ < total) latencies.push(await call());
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(34)} ${(latencies.length / seconds).toFixed(0).padStart(5)} calls/s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}`);
}

export async function functionCalls(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-bench-'));
  const app = await startEmulator({ dataDir, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
  await seedDemo(app.db);
  console.log('function calls via POST /functions (1000 calls, 8 at once, durable data folder)');
  await callRate(app.url, 'user.me (4 database reads)', 'user', { action: 'me' }, 1000);
  await app.close();
  const emulator = await startEmulator({ dataDir: null, functionsDir: FIXTURES, schema: [{ name: 'counters' }] });
  await callRate(emulator.url, 'probe.whoami (no database)', 'probe', { action: 'whoami' }, 1000);

  // One _.inc through the real SDK inside a hosted function vs the same update straight on the store.
  const durable = Database.open({ dataDir, schema: [{ name: 'counters' }] });
  await durable.insert('counters', [{ _id: 'c', n: 0 }]);
  await emulator.db.insert('counters', [{ _id: 'c', n: 0 }]);
  const rounds = 300;
  const res = await fetch(`${emulator.url}/functions/probe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'run',
      code: `async ({ db, _ }) => { const t = Date.now(); for (let i = 0; i < ${rounds}; i++) await db.collection('counters').doc('c').update({ data: { n: _.inc(1) } }); return Date.now() - t; }`,
    }),
  });
  const viaSdk = ((await res.json()) as { value: number }).value / rounds;
  let t = performance.now();
  for (let i = 0; i < rounds; i++) await durable.update('counters', { _id: 'c' }, { $inc: { n: 1 } }, { multi: false, merge: true, upsert: false });
  const direct = (performance.now() - t) / rounds;
  const memory = Database.open({ schema: [{ name: 'counters' }] });
  await memory.insert('counters', [{ _id: 'c', n: 0 }]);
  t = performance.now();
  for (let i = 0; i < rounds; i++) await memory.update('counters', { _id: 'c' }, { $inc: { n: 1 } }, { multi: false, merge: true, upsert: false });
  const inMemory = (performance.now() - t) / rounds;
  console.log(`one _.inc(1) (${rounds} sequential updates)`);
  console.log(`  real SDK in a function ${ms(viaSdk)} (in-memory store); store direct with fsync ${ms(direct)}; store direct in memory ${ms(inMemory)}`);
  console.log(`  SDK + HTTP overhead over the store itself: ×${(viaSdk / inMemory).toFixed(0)} (in memory); journal fsync costs ${ms(direct - inMemory)} a write`);
  await emulator.close();
  await durable.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
