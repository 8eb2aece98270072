// The circle's feed on a large community, with the declared indexes and without the circle's.
import { startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../demo/seed-store';
import { FUNCTIONS, goal, ms, percentile } from './measure';

/**
 * The circle's feed on a community with 100,000 posts and 500 residents, seeded straight into the
 * store: page latency through POST /functions/circle with the indexes database.json declares, and
 * with a schema that leaves out the circle's indexes. An index whose leading fields the feed fixes
 * (communityId, pinned) and whose next fields are its sort (createdAt desc, _id desc) is walked in
 * order and the walk stops after the page; without it every matching post is examined and sorted.
 */
export async function circleFeed(): Promise<void> {
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
    const app = await startEmulator({ dataDir: null, functionsDir: FUNCTIONS, schema: variant.schema });
    await seedDemo(app.db, { residents });
    const start = Date.now() - posts * 60_000;
    const docs = Array.from({ length: posts }, (_, i) => feedPost(i, { communityId: 'demo-community', prefix: 'demo', residents, at: new Date(start + i * 60_000) }));
    const loaded = performance.now();
    for (let i = 0; i < posts; i += 5000) await app.db.insert('posts', docs.slice(i, i + 5000));
    const loadMs = performance.now() - loaded;
    const feed = async (openid: string, cursor?: string) => {
      const started = performance.now();
      const res = await fetch(`${app.url}/functions/circle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action: 'feed', data: cursor ? { cursor } : {} }),
      });
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
    const p99 = percentile(first, 99);
    const target = variant.schema === declared ? ` ${goal(p99 <= 50, 'first page p99 ≤50 ms @100k')}` : '';
    console.log(
      `  ${variant.label.padEnd(24)} first page p50 ${ms(percentile(first, 50))}, p99 ${ms(p99)}${target}; later pages p50 ${ms(percentile(deep, 50))}, p99 ${ms(percentile(deep, 99))}; ${db} db requests a first page; a 21-post page examines ${plan.examined} (index ${plan.index}${plan.ordered ? ', ordered walk' : ''}); loaded in ${loadMs.toFixed(0)} ms`,
    );
    await app.close();
  }
}

/**
 * The i-th post of a busy community (every 500th a grid notice, every 25,000th of those pinned, every
 * 97th awaiting review), by residents `<prefix>-resident-1…residents`; shared with the street bench.
 */
export function feedPost(i: number, o: { communityId: string; prefix: string; residents: number; at: Date }) {
  const resident = (i % o.residents) + 1;
  const notice = i % 500 === 0;
  return {
    _id: `${o.prefix}-post-${String(i).padStart(6, '0')}`,
    communityId: o.communityId,
    kind: notice ? 'notice' : 'neighbour',
    title: notice ? '公告' : null,
    content: `第 ${i} 条邻里动态`,
    images: [],
    imageStatus: 'none',
    author: { openid: `${o.prefix}-resident-${resident}`, displayName: `居民${resident}`, buildingId: null, buildingName: null },
    anonymous: false,
    status: i % 97 === 0 ? 'review' : 'published',
    needsReview: i % 97 === 0,
    pinned: notice && i % 25_000 === 0,
    audience: notice ? { kind: 'grids', ids: [`${o.prefix}-grid-1`] } : null,
    audienceKeys: notice ? [`g:${o.prefix}-grid-1`] : [`c:${o.communityId}`],
    resolved: null,
    likeCount: 0,
    commentCount: 0,
    readCount: 0,
    reportCount: 0,
    check: { suggest: 'pass', label: 100 },
    moderatedBy: null,
    moderatedAt: null,
    hideReason: null,
    createdAt: o.at,
    updatedAt: o.at,
  };
}
