// Function calls through POST /functions (calls a second and latency, with and without the database), and what
// one _.inc costs through the real SDK in a hosted function against the same update straight on the store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../demo/seed-store';
import { Database } from '../../emulator/store/database';
import { BenchClient, Call, startClient } from './client';
import { FIXTURES, FUNCTIONS, goal, ms, percentile } from './measure';

/**
 * Calls per second and latency of one function action through POST /functions, 8 callers at once (in
 * their own process: `client`); returns the p50. The CPU figure is the emulator's process alone.
 */
export async function callRate(client: BenchClient, url: string, label: string, fn: string, event: unknown, total: number): Promise<number> {
  const call: Call = { fn, openid: 'demo-resident-1', event };
  // Warm the instances as a day's traffic would: each isolate compiles its own hot code, and ~100 calls
  // an instance are needed before it runs optimised (user.me after 5 calls an instance: 4.4–5.1 ms of
  // emulator CPU a call; after 100: 3.3–3.7 ms).
  await client.run(
    url,
    Array.from({ length: 800 }, () => call),
    8,
  );
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { answers, clientCpuMs } = await client.run(
    url,
    Array.from({ length: total }, () => call),
    8,
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  // CPU time of every thread of the emulator (server and instances) a call: steadier than latency on a loaded machine.
  const cpuMs = (used.user + used.system) / 1000 / latencies.length;
  console.log(
    `  ${label.padEnd(34)} ${(latencies.length / seconds).toFixed(0).padStart(5)} calls/s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}; emulator CPU ${ms(cpuMs)} a call (the callers' process ${ms(clientCpuMs / total)})`,
  );
  return percentile(latencies, 50);
}

export async function functionCalls(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-bench-'));
  const app = await startEmulator({ dataDir, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
  await seedDemo(app.db);
  console.log('function calls via POST /functions (1000 calls, 8 at once, durable data folder)');
  await app.host.pool('user').prestart(8);
  const client = startClient();
  const me = await callRate(client, app.url, 'user.me (1 database request warm)', 'user', { action: 'me' }, 1000);
  console.log(`  ${goal(me <= 15, 'a 4-read call p50 ≤15 ms at 8 at once')}`);
  await app.close();
  // The SDK's writes go to a durable data folder, as the store's own fsync'd writes below do.
  const sdkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-bench-'));
  // The 300 updates run in one call: its timeout is stretched so a loaded machine cannot cut it short.
  const emulator = await startEmulator({ dataDir: sdkDir, functionsDir: FIXTURES, schema: [{ name: 'counters' }], instances: { timeoutScale: 30 } });
  await emulator.host.pool('probe').prestart(8);
  await callRate(client, emulator.url, 'probe.whoami (no database)', 'probe', { action: 'whoami' }, 1000);

  // One _.inc through the real SDK inside a hosted function vs the same update straight on the store.
  const durable = Database.open({ dataDir, schema: [{ name: 'counters' }] });
  await durable.insert('counters', [{ _id: 'c', n: 0 }]);
  await emulator.db.insert('counters', [{ _id: 'c', n: 0 }]);
  const rounds = 300;
  /** Runs `body` (a loop of `rounds` requests) inside the probe instance; answers ms a request. */
  const inInstance = async (body: string): Promise<number> => {
    const res = await fetch(`${emulator.url}/functions/probe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'run', code: `async ({ db, _ }) => { const t = Date.now(); for (let i = 0; i < ${rounds}; i++) ${body}; return Date.now() - t; }` }),
    });
    return ((await res.json()) as { value: number }).value / rounds;
  };
  const viaSdk = await inInstance(`await db.collection('counters').doc('c').update({ data: { n: _.inc(1) } })`);
  // The floor under any SDK request: one bare HTTP round trip from the instance to the admin endpoint (a read by id).
  const bare = await inInstance(
    `await new Promise((ok, fail) => { const body = JSON.stringify({ action: 'database.getDocument', collectionName: 'counters', query: '{"_id":"c"}', limit: 1 }); const req = require('node:http').request(JSON.parse(process.env.TCB_CONTEXT_CNFG).URL, { method: 'POST', headers: { 'content-type': 'application/json' } }, (r) => { r.resume(); r.on('end', ok); }); req.on('error', fail); req.end(body); })`,
  );
  let t = performance.now();
  for (let i = 0; i < rounds; i++) await durable.update('counters', { _id: 'c' }, { $inc: { n: 1 } }, { multi: false, merge: true, upsert: false });
  const direct = (performance.now() - t) / rounds;
  const memory = Database.open({ schema: [{ name: 'counters' }] });
  await memory.insert('counters', [{ _id: 'c', n: 0 }]);
  t = performance.now();
  for (let i = 0; i < rounds; i++) await memory.update('counters', { _id: 'c' }, { $inc: { n: 1 } }, { multi: false, merge: true, upsert: false });
  const inMemory = (performance.now() - t) / rounds;
  console.log(`one _.inc(1) (${rounds} sequential updates, each acknowledged only once fsync'd)`);
  console.log(`  baseline: the store's own fsync'd write ${ms(direct)} (in memory ${ms(inMemory)}; the journal's fsync is ${ms(direct - inMemory)} of it)`);
  console.log(
    `  real SDK in a function, over the admin protocol, same durable store: ${ms(viaSdk)} = ×${(viaSdk / direct).toFixed(1)} the baseline ${goal(viaSdk <= 3 * direct, "SDK + protocol ≤3× the fsync'd write")}`,
  );
  console.log(`  of which one bare HTTP round trip from the instance to the admin endpoint (no SDK, in-memory read): ${ms(bare)}`);
  client.close();
  await emulator.close();
  await durable.close();
  for (const dir of [dataDir, sdkDir]) fs.rmSync(dir, { recursive: true, force: true });
}
