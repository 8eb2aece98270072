// `npm run bench`: prints figures, never fails the build. Numbers vary with the machine and its load.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/app';
import { PROJECT_ROOT, readDatabaseDeclaration } from '../emulator/schema';
import { seedDemo } from '../emulator/seed';
import { Database } from '../emulator/store/database';

const FIXTURES = path.join(PROJECT_ROOT, 'dist', 'fixtures', 'cloudfunctions');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

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

async function functionCalls(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-bench-'));
  const app = await startEmulator({ dataDir, functionsDir: path.join(PROJECT_ROOT, 'cloudfunctions'), schema: readDatabaseDeclaration().collections });
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

/** What a function answers: the envelope, or the platform's error when the call itself failed. */
type Answer = { ok?: boolean; data?: { id?: string; status?: string }; error?: { code: string }; errCode?: number };

/**
 * 1,000 neighbours tap 报名 at the same moment for 100 seats, each through POST /functions with an
 * idempotency key as the mini-program sends it: how long the rush takes to drain, the latency each
 * neighbour sees, what the signups collection holds afterwards and what each signup cost.
 */
async function signupRush(): Promise<void> {
  const residents = 1000;
  const seats = 100;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-bench-'));
  const app = await startEmulator({ dataDir, functionsDir: path.join(PROJECT_ROOT, 'cloudfunctions'), schema: readDatabaseDeclaration().collections });
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
  const created = await post('demo-committee', 'create', {
    communityId: 'demo-community',
    fields: {
      title: '社区健康讲座', description: '康养友邻：慢病管理与用药安全。', series: 'wellness', place: { text: '社区卫生服务中心二楼' },
      startAt: at(48 * hour), endAt: at(50 * hour), signupOpensAt: at(-hour), signupClosesAt: at(24 * hour),
      capacity: seats, approval: 'auto', audience: { kind: 'community' }, form: { phone: 'off', companionsMax: 0, note: 'off' }, shifts: [],
    },
  });
  const activityId = created.body.data?.id;
  if (!activityId) throw new Error(`the bench activity was not created: ${JSON.stringify(created.body)}`);
  // Warm the function's worker instances before the rush.
  for (let i = 0; i < 16; i++) await post('demo-committee', 'get', { activityId });

  const openids = Array.from({ length: residents }, (_, i) => `demo-resident-${i + 1}`);
  const started = performance.now();
  const answers = await Promise.all(
    openids.map((openid) => post(openid, 'signup', { activityId, answers: {} }, `bench-${openid}`).catch((error: Error) => ({ body: { error: { code: error.message } } as Answer, ms: NaN, db: NaN }))),
  );
  const drained = performance.now() - started;

  const latencies = answers.map((a) => a.ms).filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  const db = answers.filter((a) => a.body.ok).map((a) => a.db);
  const failures = new Map<string, number>();
  for (const a of answers) if (!a.body.ok) failures.set(a.body.error?.code ?? `errCode ${a.body.errCode}`, (failures.get(a.body.error?.code ?? `errCode ${a.body.errCode}`) ?? 0) + 1);
  const signups = app.db.find('signups', { activityId }, { limit: 5000 });
  const count = (status: string) => signups.filter((s) => s.status === status).length;
  const duplicates = signups.length - new Set(signups.map((s) => s.openid)).size;
  const activity = app.db.find('activities', { _id: activityId })[0];
  const answered = (status: string) => answers.filter((a) => a.body.data?.status === status).length;

  console.log(`${residents.toLocaleString('en')} concurrent signups for ${seats} seats via POST /functions (auto approval, idempotency keys, durable data folder)`);
  console.log(`  drained in ${(drained / 1000).toFixed(2)} s (${(residents / (drained / 1000)).toFixed(0)} signups/s); latency p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies[latencies.length - 1])} (waiting for one of the function's 16 instances included)`);
  console.log(`  signups collection: ${count('confirmed')} confirmed, ${count('waitlisted')} waitlisted, ${duplicates} duplicates; activity counts ${activity?.confirmed} seats taken; answers ${answered('confirmed')} confirmed / ${answered('waitlisted')} waitlisted`);
  console.log(`  database requests a signup: mean ${(db.reduce((a, b) => a + b, 0) / Math.max(1, db.length)).toFixed(2)}, max ${Math.max(...db)} (retries inside the call included)`);
  console.log(`  failures: ${failures.size === 0 ? 'none' : [...failures].map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The circle's feed on a community with 100,000 posts and 500 residents, seeded straight into the
 * store: page latency through POST /functions/circle with the indexes database.json declares, and
 * with a schema that leaves out the circle's indexes. An index whose leading fields the feed fixes
 * (communityId, pinned) and whose next fields are its sort (createdAt desc, _id desc) is walked in
 * order and the walk stops after the page; without it every matching post is examined and sorted.
 */
async function circleFeed(): Promise<void> {
  const posts = 100_000;
  const residents = 500;
  const declared = readDatabaseDeclaration().collections;
  const circle = new Set(['posts', 'comments', 'post_likes', 'notice_reads', 'reports']);
  const variants = [
    { label: 'declared indexes', schema: declared },
    { label: 'without circle indexes', schema: declared.map((c) => (circle.has(c.name) ? { ...c, indexes: [] } : c)) },
  ];
  console.log(`circle feed: ${posts.toLocaleString('en')} posts, ${residents} residents, via POST /functions/circle (in-memory store)`);
  for (const variant of variants) {
    const app = await startEmulator({ dataDir: null, functionsDir: path.join(PROJECT_ROOT, 'cloudfunctions'), schema: variant.schema });
    await seedDemo(app.db, { residents });
    const start = Date.now() - posts * 60_000;
    const docs = Array.from({ length: posts }, (_, i) => {
      const resident = (i % residents) + 1;
      const at = new Date(start + i * 60_000);
      const notice = i % 500 === 0;
      return {
        _id: `bench-post-${String(i).padStart(6, '0')}`, communityId: 'demo-community', kind: notice ? 'notice' : 'neighbour', title: notice ? '公告' : null,
        content: `第 ${i} 条邻里动态`, images: [], imageStatus: 'none', author: { openid: `demo-resident-${resident}`, displayName: `居民${resident}`, buildingId: null, buildingName: null },
        anonymous: false, status: i % 97 === 0 ? 'review' : 'published', needsReview: i % 97 === 0, pinned: notice && i % 25_000 === 0,
        audience: notice ? { kind: 'grids', ids: ['demo-grid-1'] } : null, audienceKeys: notice ? ['g:demo-grid-1'] : ['c:demo-community'], resolved: null,
        likeCount: 0, commentCount: 0, readCount: 0, reportCount: 0, check: { suggest: 'pass', label: 100 }, moderatedBy: null, moderatedAt: null, hideReason: null, createdAt: at, updatedAt: at,
      };
    });
    const loaded = performance.now();
    for (let i = 0; i < posts; i += 5000) await app.db.insert('posts', docs.slice(i, i + 5000));
    const loadMs = performance.now() - loaded;
    const feed = async (openid: string, cursor?: string) => {
      const started = performance.now();
      const res = await fetch(`${app.url}/functions/circle`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify({ action: 'feed', data: cursor ? { cursor } : {} }) });
      const body = (await res.json()) as { ok: boolean; data?: { items: unknown[]; nextCursor: string | null } };
      if (!body.ok || !body.data) throw new Error(`feed failed: ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, db: Number(res.headers.get('x-db-requests') ?? 0), next: body.data.nextCursor ?? undefined, items: body.data.items.length };
    };
    for (let i = 0; i < 5; i++) await feed('demo-resident-1');
    const first: number[] = [];
    const deep: number[] = [];
    let db = 0;
    for (let i = 0; i < 60; i++) {
      const openid = `demo-resident-${(i % residents) + 1}`;
      const page = await feed(openid);
      first.push(page.ms);
      db = page.db;
      let cursor = page.next;
      for (let p = 0; p < 4 && cursor; p++) {
        const next = await feed(openid, cursor);
        deep.push(next.ms);
        cursor = next.next;
      }
    }
    first.sort((a, b) => a - b);
    deep.sort((a, b) => a - b);
    const plan = app.db.explain('posts', { communityId: 'demo-community', pinned: false }, { order: { createdAt: -1, _id: -1 }, limit: 21 });
    console.log(`  ${variant.label.padEnd(24)} first page p50 ${ms(percentile(first, 50))}, p99 ${ms(percentile(first, 99))}; later pages p50 ${ms(percentile(deep, 50))}, p99 ${ms(percentile(deep, 99))}; ${db} db requests a first page; a 21-post page examines ${plan.examined} (index ${plan.index}${plan.ordered ? ', ordered walk' : ''}); loaded in ${loadMs.toFixed(0)} ms`);
    await app.close();
  }
}

async function indexedQuery(): Promise<void> {
  const db = Database.open({ schema: [{ name: 'residents', indexes: [{ name: 'building_1', keys: { building: 1 } }] }] });
  const n = 100_000;
  const docs = Array.from({ length: n }, (_, i) => ({ _id: `r${i}`, building: `b${i % 500}`, buildingCopy: `b${i % 500}`, age: 20 + (i % 70) }));
  let t = performance.now();
  for (let i = 0; i < n; i += 5000) await db.insert('residents', docs.slice(i, i + 5000));
  console.log(`query on ${n.toLocaleString('en')} documents (loaded in ${(performance.now() - t).toFixed(0)} ms)`);
  const time = (query: Record<string, unknown>): number => {
    const runs = 30;
    const started = performance.now();
    for (let i = 0; i < runs; i++) db.find('residents', query, { limit: 1000 });
    return (performance.now() - started) / runs;
  };
  const indexed = time({ building: 'b17', age: { $gte: 60 } });
  const unindexed = time({ buildingCopy: 'b17', age: { $gte: 60 } });
  const plan = db.explain('residents', { building: 'b17', age: { $gte: 60 } });
  const scan = db.explain('residents', { buildingCopy: 'b17', age: { $gte: 60 } });
  console.log(`  indexed   ${ms(indexed)} (examined ${plan.examined}, index ${plan.index})`);
  console.log(`  unindexed ${ms(unindexed)} (examined ${scan.examined}) → index ×${(unindexed / indexed).toFixed(0)} faster`);
}

function coldRequire(): void {
  const folders = [path.join(PROJECT_ROOT, 'cloudfunctions'), FIXTURES].filter((d) => fs.existsSync(d));
  console.log('cold require of each built function (fresh node process, median of 3)');
  for (const dir of folders) {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name, 'index.js');
      if (!fs.existsSync(file)) continue;
      const samples = [0, 1, 2].map(() =>
        Number(
          execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`], {
            env: { ...process.env, TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', SCF_NAMESPACE: 'bench', SILENCE: 'true' },
          }).toString(),
        ),
      );
      samples.sort((a, b) => a - b);
      const size = fs.statSync(file).size;
      console.log(`  ${path.relative(PROJECT_ROOT, file).padEnd(48)} ${ms(samples[1]).padStart(10)}  ${(size / 1024).toFixed(1)} KB`);
    }
  }
}

/** The mini-program's package sizes, as `npm test` checks them (scripts/miniprogram-size.mjs). */
function miniprogramSizes(): void {
  try {
    console.log(execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'miniprogram-size.mjs')]).toString().trimEnd());
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer };
    console.log(`${failed.stdout?.toString() ?? ''}${failed.stderr?.toString() ?? ''}`.trimEnd());
  }
}

/**
 * The largest setData payloads of the page tests: runs them with the recorder writing each test's
 * largest payload to a file (tests/miniprogram/simulate.ts), then prints the top five.
 */
function largestSetData(): void {
  const log = path.join(os.tmpdir(), `youlin-setdata-${process.pid}.jsonl`);
  const jest = path.join(PROJECT_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  try {
    execFileSync(process.execPath, [jest, 'tests/miniprogram', '--silent'], { cwd: PROJECT_ROOT, env: { ...process.env, YOULIN_SETDATA_LOG: log }, stdio: 'ignore' });
  } catch {
    console.log('  (some page tests failed; figures are from those that ran)');
  }
  if (!fs.existsSync(log)) return;
  let rows: { test: string; component: string; keys: string[]; bytes: number; mostListGrowth: number }[] = fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  fs.rmSync(log, { force: true });
  // The recorder's own test drives a fixture past the budget on purpose: only the mini-program's pages count.
  rows = rows.filter((r) => !r.component.includes('fixtures/'));
  rows.sort((a, b) => b.bytes - a.bytes);
  console.log(`setData in page tests: ${rows.length} tests; largest payloads (budget 64 KB, +20 list items a call):`);
  for (const r of rows.slice(0, 5)) console.log(`  ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  ${r.component} (${r.keys.join(', ')})  — ${r.test}`);
  console.log(`  most list items added in one call: ${Math.max(...rows.map((r) => r.mostListGrowth))}`);
}

async function main(): Promise<void> {
  console.log(`Youlin Circle bench — node ${process.version}, ${os.cpus().length} cores\n`);
  await functionCalls();
  await signupRush();
  await circleFeed();
  await indexedQuery();
  coldRequire();
  console.log();
  miniprogramSizes();
  console.log();
  largestSetData();
}

main().catch((error: unknown) => {
  // Benchmarks report; they do not fail the build.
  console.error('bench error:', (error as Error).message);
});
