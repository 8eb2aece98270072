// The signup rush: a thousand neighbours tap 报名 at once for a hundred seats.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Emulator, startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../demo/seed-store';
import { startClient } from './client';
import { FUNCTIONS, goal, ms, percentile, rssMb } from './measure';

/** What a function answers: the envelope, or the platform's error when the call itself failed. */
type Answer = { ok?: boolean; data?: { id?: string; status?: string }; error?: { code: string }; errCode?: number };

/**
 * 1,000 neighbours tap 报名 at the same moment for 100 seats, each through POST /functions with an
 * idempotency key as the mini-program sends it: how long the rush takes to drain, the latency each
 * neighbour sees, what the signups collection holds afterwards and what each signup cost.
 */
export async function signupRush(): Promise<void> {
  const residents = 1000;
  const seats = 100;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-bench-'));
  const app = await startEmulator({ dataDir, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
  await seedDemo(app.db, { residents });
  const post = async (openid: string, action: string, data: unknown, idempotencyKey?: string) => {
    const started = performance.now();
    const res = await fetch(`${app.url}/functions/activity`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({ action, data, ...(idempotencyKey ? { idempotencyKey } : {}) }),
    });
    const body = (await res.json()) as Answer;
    return { body, ms: performance.now() - started, db: Number(res.headers.get('x-db-requests') ?? 0) };
  };
  const hour = 3600_000;
  const at = (offset: number) => new Date(Date.now() + offset).toISOString();
  const publish = async (title: string): Promise<string> => {
    const created = await post('demo-committee', 'create', {
      communityId: 'demo-community',
      fields: {
        title,
        description: '康养友邻：慢病管理与用药安全。',
        series: 'wellness',
        place: { text: '社区卫生服务中心二楼' },
        startAt: at(48 * hour),
        endAt: at(50 * hour),
        signupOpensAt: at(-hour),
        signupClosesAt: at(24 * hour),
        capacity: seats,
        approval: 'auto',
        audience: { kind: 'community' },
        form: { phone: 'off', companionsMax: 0, note: 'off' },
        shifts: [],
      },
    });
    const id = created.body.data?.id;
    if (!id) throw new Error(`the bench activity was not created: ${JSON.stringify(created.body)}`);
    return id;
  };
  const pool = app.host.pool('activity');
  // The thousand neighbours' phones: a process of their own, so the figures below are the emulator's.
  const client = startClient();
  /** One rush on a fresh activity: every resident taps 报名 at once. */
  const rush = async (label: string, activityId: string): Promise<void> => {
    const startedBefore = pool.counts().started;
    const openids = Array.from({ length: residents }, (_, i) => `demo-resident-${i + 1}`);
    const calls = openids.map((openid) => ({ fn: 'activity', openid, event: { action: 'signup', data: { activityId, answers: {} }, idempotencyKey: `bench-${activityId}-${openid}` } }));
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { answers, clientCpuMs } = await client.run(app.url, calls, calls.length);
    const drained = performance.now() - started;
    const used = process.cpuUsage(cpu);
    report(label, activityId, answers as { body: Answer; ms: number; db: number }[], drained, (used.user + used.system) / 1000, clientCpuMs, pool.counts().started - startedBefore);
  };
  const report = (label: string, activityId: string, answers: { body: Answer; ms: number; db: number }[], drained: number, cpuMs: number, clientCpuMs: number, coldStarts: number) => {
    const latencies = answers
      .map((a) => a.ms)
      .filter((n) => Number.isFinite(n))
      .sort((a, b) => a - b);
    const db = answers.filter((a) => a.body.ok).map((a) => a.db);
    const failures = new Map<string, number>();
    for (const a of answers) if (!a.body.ok) failures.set(a.body.error?.code ?? `errCode ${a.body.errCode}`, (failures.get(a.body.error?.code ?? `errCode ${a.body.errCode}`) ?? 0) + 1);
    const signups = app.db.find('signups', { activityId }, { limit: 5000 });
    const count = (status: string) => signups.filter((s) => s.status === status).length;
    const duplicates = signups.length - new Set(signups.map((s) => s.openid)).size;
    const activity = app.db.find('activities', { _id: activityId })[0];
    const answered = (status: string) => answers.filter((a) => a.body.data?.status === status).length;
    const overbooked = Math.max(0, count('confirmed') - seats);
    console.log(`  ${label}:`);
    console.log(
      `    drained in ${(drained / 1000).toFixed(2)} s (${(residents / (drained / 1000)).toFixed(0)} signups/s; emulator CPU ${(cpuMs / 1000).toFixed(2)} s, ${(cpuMs / residents).toFixed(1)} ms a signup, every thread; the callers' process ${(clientCpuMs / residents).toFixed(1)} ms); latency p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}; ${coldStarts} instance(s) cold-started during it`,
    );
    console.log(
      `    signups collection: ${count('confirmed')} confirmed (${overbooked} overbooked), ${count('waitlisted')} waitlisted, ${duplicates} duplicates; activity counts ${activity?.confirmed} seats taken; answers ${answered('confirmed')} confirmed / ${answered('waitlisted')} waitlisted`,
    );
    console.log(`    ${goal(drained <= 5000 && overbooked === 0, '1,000 signups for 100 seats drained ≤5 s, 0 overbooked')}`);
    console.log(`    database requests a signup: mean ${(db.reduce((a, b) => a + b, 0) / Math.max(1, db.length)).toFixed(2)}, max ${Math.max(...db)} (retries inside the call included)`);
    console.log(`    failures: ${failures.size === 0 ? 'none' : [...failures].map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  };

  console.log(`${residents.toLocaleString('en')} concurrent signups for ${seats} seats via POST /functions (auto approval, idempotency keys, durable data folder), twice in the same minute`);
  // Cold: one instance answered the committee, the rush starts the others as it needs them (as after a quiet night).
  const cold = await publish('社区健康讲座（第一场）');
  await rush('cold: 1 instance warm, the rest start during the rush', cold);
  // Warm: the same instances, still within their 30 s idle life, and all 16 started before the clock starts.
  const warm = await publish('社区健康讲座（第二场）');
  await pool.prestart(16);
  for (let i = 0; i < 16; i++) await post('demo-committee', 'get', { activityId: warm });
  await rush('warm: all 16 instances started beforehand (the goal is judged on this one)', warm);
  client.close();
  await idleMemory(app, 60_000);
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** The emulator's memory right after the rush and after `idleMs` without a call (idle instances retire after 30 s). */
async function idleMemory(app: Emulator, idleMs: number): Promise<void> {
  const busy = rssMb();
  const instances = app.host.pool('activity').counts();
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const idle = rssMb();
  const after = app.host.pool('activity').counts();
  const { heapTotal, heapUsed, external } = process.memoryUsage();
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(0)} MB`;
  console.log(
    `  memory: ${busy.toFixed(0)} MB after the rushes (${instances.idle} activity instances), ${idle.toFixed(0)} MB after ${idleMs / 1000} s idle (${after.idle} left; main heap ${mb(heapUsed)} used of ${mb(heapTotal)}, external ${mb(external)}) ${goal(idle < 300, '<300 MB after 60 s idle')}`,
  );
}
