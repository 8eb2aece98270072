// Where a call's CPU goes: starts the emulator on the demo data and makes N calls of one action, 8 at
// once from a callers' process of their own, and prints the CPU each of the emulator's threads spent a
// call (Linux). Under `node --cpu-prof` each thread also writes a profile; the window printed is the
// measured calls' (profile timestamps are on the same clock), to leave out start-up and seeding.
// `npm run build && node dist/scripts/profile-calls.js me|signup [calls]`
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/app';
import { readDatabaseDeclaration } from '../emulator/schema';
import { seedDemo } from './demo/seed-store';
import { Call, startClient } from './bench/client';
import { FUNCTIONS } from './bench/measure';

/** CPU ms of each thread of this process (Linux /proc), by thread id and name. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${tid} ${name}`, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // the thread ended
    }
  }
  return out;
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'me';
  const total = Number(process.argv[3] ?? 2000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-profile-'));
  const app = await startEmulator({ dataDir, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
  await seedDemo(app.db, { residents: Math.max(1000, total) });
  const client = startClient();
  const post = async (fn: string, openid: string, event: unknown) => (await client.run(app.url, [{ fn, openid, event }], 1)).answers[0].body as { data?: { id?: string } };
  let calls: Call[];
  if (which === 'signup') {
    const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const created = await post('activity', 'demo-committee', {
      action: 'create',
      data: {
        communityId: 'demo-community',
        fields: {
          title: '社区健康讲座',
          description: '康养友邻。',
          series: 'wellness',
          place: { text: '社区卫生服务中心二楼' },
          startAt: at(48),
          endAt: at(50),
          signupOpensAt: at(-1),
          signupClosesAt: at(24),
          capacity: 100,
          approval: 'auto',
          audience: { kind: 'community' },
          form: { phone: 'off', companionsMax: 0, note: 'off' },
          shifts: [],
        },
      },
    });
    const activityId = created.data?.id;
    if (!activityId) throw new Error(`the activity was not created: ${JSON.stringify(created)}`);
    calls = Array.from({ length: total }, (_, i) => ({
      fn: 'activity',
      openid: `demo-resident-${i + 1}`,
      event: { action: 'signup', data: { activityId, answers: {} }, idempotencyKey: `profile-${activityId}-${i}` },
    }));
    await app.host.pool('activity').prestart(8);
  } else {
    calls = Array.from({ length: total }, () => ({ fn: 'user', openid: 'demo-resident-1', event: { action: 'me' } }));
    await app.host.pool('user').prestart(8);
    await client.run(app.url, calls.slice(0, 80), 1);
  }
  const threads = threadCpu();
  console.log(`window from ${process.hrtime.bigint() / 1000n}`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { clientCpuMs, answers } = await client.run(app.url, calls, 8);
  console.log(`window to ${process.hrtime.bigint() / 1000n}`);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  console.log(
    `${which}: ${total} calls in ${(wall / 1000).toFixed(2)} s; emulator CPU ${((used.user + used.system) / 1000 / total).toFixed(2)} ms a call (every thread; the callers ${(clientCpuMs / total).toFixed(2)} ms)`,
  );
  const outcomes = new Map<string, number>();
  for (const a of answers) {
    const body = a.body as { ok?: boolean; data?: { status?: string }; error?: { code?: string } };
    const key = body.ok ? `ok ${body.data?.status ?? ''}`.trim() : (body.error?.code ?? `HTTP ${a.status}`);
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  console.log(`  answers: ${[...outcomes].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const byName = new Map<string, number>();
  for (const [key, after] of threadCpu()) {
    // Worker threads and V8's helpers are all named "node": the main thread is the one whose id is the pid.
    const name = key.startsWith(`${process.pid} `) ? 'main' : key;
    byName.set(name, (byName.get(name) ?? 0) + after - (threads.get(key) ?? 0));
  }
  for (const [name, used] of [...byName].sort((a, b) => b[1] - a[1])) if (used > 0) console.log(`  ${name.padEnd(24)} ${(used / total).toFixed(2)} ms a call`);
  client.close();
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
