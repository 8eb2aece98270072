// The escalation sweep: 100,000 open demands of which 1,000 are overdue, one run of the timer's job.
import { startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../demo/seed-store';
import { Doc } from '../../emulator/store/types';
import { demoDemand } from '../../server/seed/demo-demands';
import { FUNCTIONS, ms } from './measure';

const DAY = 86_400_000;

/**
 * 100,000 open demands in the store, 1,000 of them past their deadline, and one `escalateOverdue`
 * run through the hosted function: its time and database requests (goal: under 1 s, requests in
 * proportion to the overdue, not the open). Then 2,000 overdue, to show the requests grow with them.
 */
export async function demandSweep(): Promise<void> {
  const app = await startEmulator({ dataDir: null, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
  try {
    await seedDemo(app.db, { residents: 200 });
    const now = new Date('2026-12-01T02:00:00Z');
    app.host.clock.set(now);
    const insert = async (docs: ReturnType<typeof demoDemand>[]) => {
      for (let i = 0; i < docs.length; i += 5000) await app.db.insert('demands', docs.slice(i, i + 5000) as unknown as Doc[]);
    };
    const overdue = (n: number) =>
      Array.from({ length: n }, (_, i) => demoDemand({ at: new Date(now.getTime() - 3 * DAY), dueAt: new Date(now.getTime() - (i + 1) * 1000), warnAt: null, gridId: `demo-grid-${1 + (i % 4)}` }));
    let t = performance.now();
    await insert(Array.from({ length: 99_000 }, () => demoDemand({ at: now, dueAt: new Date(now.getTime() + 5 * DAY), warnAt: null })));
    await insert(overdue(1000));
    console.log(`demand escalation sweep: 100,000 open demands, 1,000 overdue (loaded in ${(performance.now() - t).toFixed(0)} ms)`);
    // Warm the function's instance, and the store's ordered index (built on its first ordered read, as
    // a live database's index always is).
    await app.host.fireTimer('demand', 'closeUnconfirmed');
    app.db.find('demands', { clock: 'deadline', dueAt: { $lte: now } }, { order: { dueAt: 1 }, limit: 1 });
    for (const [label, extra] of [
      ['1,000 overdue', 0],
      ['2,000 overdue', 2000],
    ] as const) {
      if (extra) await insert(overdue(extra));
      t = performance.now();
      const run = await app.host.fireTimer('demand', 'escalateOverdue');
      const took = performance.now() - t;
      const data = run.ok ? (run.result as { data?: { changed: number; more: boolean } }).data : undefined;
      console.log(`  ${label}: ${ms(took)} (goal < 1000 ms), ${run.dbRequests} database requests (goal ∝ overdue), raised ${data?.changed ?? '?'}${data?.more ? ', more left for the next run' : ''}`);
    }
  } finally {
    await app.close();
  }
}
