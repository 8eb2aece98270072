// A street: 30 communities, 100,000 residents and a year of posts, activities with their signups and
// demands, generated straight into the store; the figures of the other measures at that size.
import { startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { Database } from '../../emulator/store/database';
import { Doc } from '../../emulator/store/types';
import { liveKeyOf } from '../../server/repositories/signups';
import { demoCategories, demoDemand } from '../../server/seed/demo-demands';
import { seedDemo } from '../demo/seed-store';
import { feedPost } from './circle-feed';
import { startClient } from './client';
import { callRate } from './function-calls';
import { FUNCTIONS, goal, ms, percentile, rssMb } from './measure';

const COMMUNITIES = 30;
const RESIDENTS = 100_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** Every string naming the demo community's things (`demo-…`) renamed to community k's (`s<k>-…`); the street stays shared. */
function renamed(value: unknown, k: number): unknown {
  if (typeof value === 'string') return value === 'demo-street' ? value : value.replaceAll('demo-', `s${k}-`);
  if (Array.isArray(value)) return value.map((v) => renamed(v, k));
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, renamed(v, k)]));
  return value;
}

/** Loads the street: the demo community's people and places 30 times over, then a year of life in each. */
async function loadStreet(db: Database): Promise<Record<string, number>> {
  const template = Database.open({ schema: readDatabaseDeclaration().collections });
  await seedDemo(template, { residents: Math.ceil(RESIDENTS / COMMUNITIES) });
  const counts: Record<string, number> = {};
  const put = async (name: string, docs: Doc[]) => {
    for (let i = 0; i < docs.length; i += 5000) await db.insert(name, docs.slice(i, i + 5000));
    counts[name] = (counts[name] ?? 0) + docs.length;
  };
  const now = Date.now();
  for (let k = 1; k <= COMMUNITIES; k++) {
    for (const name of template.collectionNames()) {
      // A few council records have hashed ids, not demo- ones: numbered per community (nothing measured reads them).
      const docs = [...template.collection(name).docs.values()].map(({ doc }) => {
        const copy = renamed(doc, k) as Doc;
        return copy._id === doc._id && doc._id !== 'demo-street' ? { ...copy, _id: `${String(doc._id)}-s${k}` } : copy;
      });
      await put(name, k === 1 ? docs : docs.filter((d) => d._id !== 'demo-street'));
    }
    const communityId = `s${k}-community`;
    // A year of posts: 10 a day.
    const posts = 3650;
    await put(
      'posts',
      Array.from({ length: posts }, (_, i) => feedPost(i, { communityId, prefix: `s${k}`, residents: 3334, at: new Date(now - YEAR + (i * YEAR) / posts) })),
    );
    // Two activities a week, 30 signups each (the last few still to come).
    const activities: Doc[] = [];
    const signups: Doc[] = [];
    for (let a = 0; a < 104; a++) {
      const startAt = new Date(now - YEAR + a * 3.5 * DAY + 30 * DAY);
      const _id = `s${k}-activity-${a}`;
      activities.push({
        _id,
        communityId,
        title: '周六垃圾分类督导',
        description: '在垃圾厢房旁引导居民分类投放。',
        series: 'civility',
        place: { text: '3号楼垃圾厢房', location: null, servicePointId: null },
        startAt,
        endAt: new Date(startAt.getTime() + 2 * 3_600_000),
        signupOpensAt: new Date(startAt.getTime() - 7 * DAY),
        signupClosesAt: new Date(startAt.getTime() - DAY),
        capacity: 30,
        approval: 'auto',
        audience: { kind: 'community' },
        form: { phone: 'off', companionsMax: 0, note: 'off' },
        shifts: [],
        cover: null,
        pointsPerHour: 1,
        checkinRadiusMetres: null,
        status: 'published',
        confirmed: 30,
        createdBy: `s${k}-committee`,
        createdAt: new Date(startAt.getTime() - 10 * DAY),
        updatedAt: new Date(startAt.getTime() - 10 * DAY),
      });
      for (let s = 0; s < 30; s++) {
        const openid = `s${k}-resident-${1 + ((a * 30 + s) % 3334)}`;
        const at = new Date(startAt.getTime() - 5 * DAY);
        signups.push({
          _id: `${_id}-signup-${s}`,
          activityId: _id,
          shiftId: null,
          communityId,
          openid,
          liveKey: liveKeyOf(_id, null, openid),
          status: 'confirmed',
          answers: { phone: null, companions: 0, note: null },
          seats: 1,
          reason: null,
          createdAt: at,
          decidedAt: at,
          checkinAt: null,
          checkoutAt: null,
          hours: null,
        });
      }
    }
    await put('activities', activities);
    await put('signups', signups);
    // A thousand demands a year, spread over the grids and categories.
    const categories = demoCategories('demo-community', new Date(now - YEAR));
    await put(
      'demands',
      Array.from({ length: 1000 }, (_, i) => {
        const category = categories[i % categories.length];
        const at = new Date(now - YEAR + (i * YEAR) / 1000);
        const closed = i % 10 < 7;
        return renamed(
          demoDemand({
            at,
            state: closed ? 'closed' : 'submitted',
            categoryId: category._id,
            categoryName: category.name,
            kind: category.kind,
            open: !closed,
            closedAt: closed ? new Date(at.getTime() + 3 * DAY) : null,
          }),
          k,
        ) as Doc;
      }),
    );
  }
  await template.close();
  return counts;
}

/** `npm run bench -- street`: memory, the feed, a 4-read call and the signup rush with the whole street loaded. */
export async function street(): Promise<void> {
  const before = rssMb();
  const app = await startEmulator({ dataDir: null, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
  try {
    const loading = performance.now();
    const counts = await loadStreet(app.db);
    const loadMs = performance.now() - loading;
    const heap = process.memoryUsage().heapUsed / (1024 * 1024);
    console.log(`a street: ${COMMUNITIES} communities, a year of their life, generated into the in-memory store in ${(loadMs / 1000).toFixed(1)} s`);
    console.log(
      `  ${Object.entries(counts)
        .filter(([, n]) => n >= 1000)
        .map(([name, n]) => `${name} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    );
    console.log(`  memory: ${before.toFixed(0)} MB before, ${rssMb().toFixed(0)} MB loaded (main heap ${heap.toFixed(0)} MB), no function instance yet`);

    // The feed's first page for residents of every community.
    const feed = async (openid: string): Promise<number> => {
      const started = performance.now();
      const res = await fetch(`${app.url}/functions/circle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action: 'feed', data: {} }),
      });
      const body = (await res.json()) as { ok: boolean; data?: { items: unknown[] } };
      if (!body.ok || !body.data?.items.length) throw new Error(`feed failed: ${JSON.stringify(body).slice(0, 200)}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) await feed('s1-resident-1');
    const pages: number[] = [];
    for (let i = 0; i < 90; i++) pages.push(await feed(`s${1 + (i % COMMUNITIES)}-resident-${1 + i * 37}`));
    pages.sort((a, b) => a - b);
    const p99 = percentile(pages, 99);
    console.log(`  feed first page (90 residents of all 30 communities): p50 ${ms(percentile(pages, 50))}, p99 ${ms(p99)} ${goal(p99 <= 50, 'first page p99 ≤50 ms')}`);

    await app.host.pool('user').prestart(8);
    const client = startClient();
    const me = await callRate(client, app.url, 'user.me (1 database request warm)', 'user', { action: 'me' }, 500);
    console.log(`  ${goal(me <= 15, 'a 4-read call p50 ≤15 ms at 8 at once')}`);

    // 1,000 residents of one community rush 100 seats, all 16 instances warm.
    const activity = (openid: string, action: string, data: unknown, key?: string) =>
      fetch(`${app.url}/functions/activity`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data, ...(key ? { idempotencyKey: key } : {}) }),
      }).then((res) => res.json() as Promise<{ ok: boolean; data?: { id?: string } }>);
    const hour = 3_600_000;
    const at = (offset: number) => new Date(Date.now() + offset).toISOString();
    const created = await activity('s7-committee', 'create', {
      communityId: 's7-community',
      fields: {
        title: '社区健康讲座',
        description: '康养友邻：慢病管理与用药安全。',
        series: 'wellness',
        place: { text: '社区卫生服务中心二楼' },
        startAt: at(48 * hour),
        endAt: at(50 * hour),
        signupOpensAt: at(-hour),
        signupClosesAt: at(24 * hour),
        capacity: 100,
        approval: 'auto',
        audience: { kind: 'community' },
        form: { phone: 'off', companionsMax: 0, note: 'off' },
        shifts: [],
      },
    });
    const activityId = created.data?.id;
    if (!activityId) throw new Error(`the street's activity was not created: ${JSON.stringify(created)}`);
    await app.host.pool('activity').prestart(16);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const rush = Array.from({ length: 1000 }, (_, i) => ({
      fn: 'activity',
      openid: `s7-resident-${i + 1}`,
      event: { action: 'signup', data: { activityId, answers: {} }, idempotencyKey: `street-${i}` },
    }));
    const answers = (await client.run(app.url, rush, rush.length)).answers.map((a) => a.body as { ok?: boolean });
    const drained = performance.now() - started;
    const used = process.cpuUsage(cpu);
    client.close();
    const confirmed = app.db.count('signups', { activityId, status: 'confirmed' });
    console.log(
      `  1,000 signups for 100 seats in one community (warm): drained in ${(drained / 1000).toFixed(2)} s (emulator CPU ${((used.user + used.system) / 1e6).toFixed(2)} s), ${answers.filter((a) => a.ok).length} answered ok, ${confirmed} confirmed (${Math.max(0, confirmed - 100)} overbooked) ${goal(drained <= 5000 && confirmed <= 100, '≤5 s, 0 overbooked')}`,
    );
    console.log(`  memory: ${rssMb().toFixed(0)} MB with the street loaded and 24 instances running`);
  } finally {
    await app.close();
  }
}
