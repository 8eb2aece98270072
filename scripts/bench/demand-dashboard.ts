// The committee's dashboard over a community's 10,000 demands of a year.
import { startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../demo/seed-store';
import { Doc } from '../../emulator/store/types';
import { DemandState } from '../../domain/demands/model';
import { STAT_KEYS } from '../../domain/demands/stats';
import { DemandDoc } from '../../server/repositories/demands';
import { demoCategories, demoDemand } from '../../server/seed/demo-demands';
import { FUNCTIONS, ms, percentile } from './measure';

const DAY = 86_400_000;
const STATES: DemandState[] = ['closed', 'closed', 'closed', 'closed', 'resolved', 'in_progress', 'accepted', 'submitted', 'rejected', 'parked'];

/**
 * 10,000 demands spread over 2026, the grids and the categories, in every state (closed ones rated
 * or not, some late): `dashboard` for the year as the committee calls it, 20 times (goal ≤ 200 ms).
 */
export async function demandDashboard(): Promise<void> {
  const app = await startEmulator({ dataDir: null, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
  try {
    await seedDemo(app.db, { residents: 500 });
    const categories = demoCategories('demo-community', new Date());
    const start = Date.parse('2026-01-01T00:00:00+08:00');
    const docs = Array.from({ length: 10_000 }, (_, i): DemandDoc => {
      const state = STATES[i % STATES.length];
      const at = new Date(start + ((i * 7919) % 360) * DAY + (i % 24) * 3_600_000);
      const category = categories[i % categories.length];
      const closed = state === 'closed';
      return demoDemand({
        at,
        state,
        gridId: `demo-grid-${1 + (i % 5)}`,
        gridName: `第${1 + (i % 5)}微网格`,
        categoryId: category._id,
        categoryName: category.name,
        kind: category.kind,
        timeline: [
          { at, action: 'report', actorKind: 'reporter', actor: 'demo-resident-1', actorName: '王秀英', level: 'grid', toLevel: null, note: null, photos: [], missed: null },
          ...(state !== 'submitted'
            ? [
                {
                  at,
                  action: 'accept' as const,
                  actorKind: 'handler' as const,
                  actor: 'demo-gridworker-1',
                  actorName: '网格员',
                  level: 'grid' as const,
                  toLevel: null,
                  note: null,
                  photos: [],
                  missed: null,
                },
              ]
            : []),
          ...(closed || state === 'resolved'
            ? [
                {
                  at,
                  action: 'resolve' as const,
                  actorKind: 'handler' as const,
                  actor: 'demo-gridworker-1',
                  actorName: '网格员',
                  level: 'grid' as const,
                  toLevel: null,
                  note: '已处理',
                  photos: [],
                  missed: null,
                },
              ]
            : []),
        ],
        misses: i % 7 === 0 ? [{ level: 'grid', deadline: 'resolve', at }] : [],
        open: !closed && state !== 'rejected',
        closedAt: closed ? new Date(at.getTime() + (1 + (i % 9)) * DAY) : null,
        closedHow: closed ? (i % 5 === 0 ? 'unrated' : 'confirmed') : null,
        rating: closed && i % 5 !== 0 ? { solved: i % 3 !== 0, satisfaction: (['satisfied', 'basic', 'unsatisfied'] as const)[i % 3], comment: null } : null,
      });
    });
    let t = performance.now();
    for (let i = 0; i < docs.length; i += 2000) await app.db.insert('demands', docs.slice(i, i + 2000) as unknown as Doc[]);
    console.log(`demand dashboard: a community's 10,000 demands of 2026 (loaded in ${(performance.now() - t).toFixed(0)} ms)`);
    const post = async (format?: 'csv') => {
      const started = performance.now();
      const res = await fetch(`${app.url}/functions/demand`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-committee' },
        body: JSON.stringify({ action: 'dashboard', data: { communityId: 'demo-community', from: '2026-01-01', to: '2026-12-31', ...(format ? { format } : {}) } }),
      });
      const body = (await res.json()) as { ok?: boolean; data?: { totals: { reported: number } }; error?: unknown; errMsg?: string };
      const failed = body.ok ? null : JSON.stringify(body.error ?? body).slice(0, 160);
      return { ms: performance.now() - started, db: Number(res.headers.get('x-db-requests') ?? 0), reported: body.data?.totals.reported ?? 0, failed };
    };
    const first = await post();
    if (first.failed) throw new Error(`dashboard failed: ${first.failed}`);
    const runs: { ms: number; db: number; reported: number }[] = [];
    for (let i = 0; i < 20; i++) runs.push(await post());
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`  dashboard for the year: p50 ${ms(percentile(times, 50))}, p90 ${ms(percentile(times, 90))} (goal ≤ 200 ms), ${runs[0].db} database requests, ${runs[0].reported} demands counted`);
    // The store's share: the same $match and $group straight on the store, no SDK, no function.
    const pipeline = [
      { $match: { communityId: 'demo-community', createdAt: { $gte: new Date(start), $lt: new Date(start + 365 * DAY) } } },
      { $group: { _id: { gridId: '$gridId', categoryId: '$categoryId' }, closeDays: { $push: '$stats.closeDays' }, ...Object.fromEntries(STAT_KEYS.map((k) => [k, { $sum: `$stats.${k}` }])) } },
    ];
    t = performance.now();
    for (let i = 0; i < 5; i++) app.db.aggregate('demands', pipeline);
    console.log(`  of which the store's $match + $group alone: ${ms((performance.now() - t) / 5)}`);
    const csv = await post('csv');
    console.log(`  with the CSV export of every demand: ${csv.failed ? `failed (${csv.failed})` : `${ms(csv.ms)}, ${csv.db} database requests`}`);
  } finally {
    await app.close();
  }
}
