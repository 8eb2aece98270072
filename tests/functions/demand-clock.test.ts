import { Emulator } from '../../emulator/app';
import { Doc } from '../../emulator/store/types';
import { startApp } from '../helpers/app';
import { DAY, HOUR, PEOPLE, demandDoc, messagesTo, okDemand, setClock, subscribe } from './demand-fixtures';

/**
 * The timer's jobs: escalation is idempotent (two runs at once raise a demand once and tell its
 * new level once) and pages through the overdue by the due-time index, so 500 overdue among 10,000
 * open are all raised in one run; the 75% warning goes once; three days without the reporter's word
 * close a demand unrated; a move's message waits in the demand's outbox for the next run.
 */
describe('the demand clock', () => {
  let emulator: Emulator;
  const now = new Date('2026-12-01T02:00:00Z');
  beforeAll(async () => {
    emulator = await startApp();
    await setClock(emulator, now);
  });
  afterAll(() => emulator.close());

  const insert = async (docs: ReturnType<typeof demandDoc>[]) => {
    for (let i = 0; i < docs.length; i += 500) await emulator.db.insert('demands', docs.slice(i, i + 500) as unknown as Doc[]);
  };
  const escalations = (id: string) => (emulator.db.find('demands', { _id: id })[0].timeline as { action: string }[]).filter((e) => e.action === 'escalate').length;

  it('two runs at once raise each overdue demand once, and its new level hears once', async () => {
    await subscribe(emulator, PEOPLE.committee, ['demandEscalated', 'demandEscalated']);
    const overdue = Array.from({ length: 40 }, () => demandDoc({ at: new Date(now.getTime() - 3 * DAY), dueAt: new Date(now.getTime() - HOUR), gridId: 'demo-grid-2' }));
    await insert(overdue);
    const [a, b] = await Promise.all([emulator.host.fireTimer('demand', 'escalateOverdue'), emulator.host.fireTimer('demand', 'escalateOverdue')]);
    const changed = [a, b].map((r: any) => r.result.data.changed);
    expect(changed[0] + changed[1]).toBe(40);
    for (const d of overdue) expect(escalations(d._id)).toBe(1);
    const risen = emulator.db.find('demands', { _id: { $in: overdue.map((d) => d._id) } });
    expect(risen.every((d: any) => d.level === 'community' && d.misses.length === 1 && d.misses[0].level === 'grid' && d.stats.missGrid === 1)).toBe(true);
    // One message per run that raised something: never one per demand, never twice for the same demand.
    const told = messagesTo(emulator, PEOPLE.committee, 'demandEscalated');
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told.length).toBeLessThanOrEqual(2);
    // A third run finds nothing to do.
    const again: any = await emulator.host.fireTimer('demand', 'escalateOverdue');
    expect(again.result.data).toEqual({ changed: 0, more: false });
  });

  // How many rise in one run depends on the machine (each run stops at its time budget and says
  // `more`); the bench measures that. Here: every late one rises, once, and none of the others.
  it('10,000 open demands of which 500 are overdue: all 500 rise, run after run until none is left, none of the others', async () => {
    const late = Array.from({ length: 500 }, (_, i) =>
      demandDoc({
        at: new Date(now.getTime() - 3 * DAY),
        dueAt: new Date(now.getTime() - (i + 1) * 60_000),
        state: i % 2 ? 'submitted' : 'in_progress',
        dueKind: i % 2 ? 'accept' : 'resolve',
        handler: i % 2 ? null : PEOPLE.gridWorker,
        warnAt: null,
      }),
    );
    const onTime = Array.from({ length: 9500 }, () => demandDoc({ at: now, dueAt: new Date(now.getTime() + 5 * DAY), warnAt: null }));
    await insert([...late, ...onTime]);
    // The store builds an ordered index on its first ordered read; a live database's is always built.
    emulator.db.find('demands', { clock: 'deadline', dueAt: { $lte: now } }, { order: { dueAt: 1 }, limit: 1 });
    let changed = 0;
    let dbRequests = 0;
    for (let runs = 0; runs < 20; runs++) {
      const run: any = await emulator.host.fireTimer('demand', 'escalateOverdue');
      expect(run.ok).toBe(true);
      changed += run.result.data.changed;
      dbRequests += run.dbRequests;
      if (!run.result.data.more) break;
    }
    expect(changed).toBe(500);
    const raised = emulator.db.count('demands', { _id: { $in: late.map((d) => d._id) }, level: 'community' });
    expect(raised).toBe(500);
    expect(emulator.db.count('demands', { _id: { $in: onTime.slice(0, 2000).map((d) => d._id) }, level: 'grid' })).toBe(2000);
    // The resolve misses are counted as such, the accept misses as such.
    expect(emulator.db.count('demands', { _id: { $in: late.map((d) => d._id) }, 'misses.deadline': 'resolve' })).toBe(250);
    // Reads went through the due-time index a page at a time, not through the 10,000.
    expect(dbRequests).toBeLessThan(500 + 50);
  });

  it('the 75% warning reaches the handler once, however often the clock runs', async () => {
    await subscribe(emulator, PEOPLE.gridWorker2, ['demandOverdue', 'demandOverdue']);
    const doc = demandDoc({
      at: new Date(now.getTime() - 4 * DAY),
      state: 'in_progress',
      handler: PEOPLE.gridWorker2,
      gridId: 'demo-grid-2',
      dueAt: new Date(now.getTime() + DAY),
      warnAt: new Date(now.getTime() - HOUR),
    });
    await insert([doc]);
    await Promise.all([emulator.host.fireTimer('demand', 'warnDueSoon'), emulator.host.fireTimer('demand', 'warnDueSoon')]);
    await emulator.host.fireTimer('demand', 'jobs');
    expect(messagesTo(emulator, PEOPLE.gridWorker2, 'demandOverdue')).toHaveLength(1);
    expect((emulator.db.find('demands', { _id: doc._id })[0].timeline as { action: string }[]).filter((e) => e.action === 'warn')).toHaveLength(1);
  });

  it('three days after resolved without a word, the demand closes unrated: never counted as satisfied', async () => {
    const doc = demandDoc({ at: new Date(now.getTime() - 4 * DAY), state: 'resolved', handler: PEOPLE.gridWorker, meToo: ['demo-resident-6'], meTooCount: 1 });
    await insert([{ ...doc, dueAt: new Date(now.getTime() - HOUR) }]);
    await subscribe(emulator, 'demo-resident-6', ['demandClosed']);
    const run: any = await emulator.host.fireTimer('demand', 'jobs');
    expect(run.result.data.jobs.find((j: { name: string }) => j.name === 'closeUnconfirmed')).toEqual({ name: 'closeUnconfirmed', ok: true, result: { changed: 1, more: false } });
    const closed = emulator.db.find('demands', { _id: doc._id })[0] as any;
    expect(closed).toMatchObject({ state: 'closed', closedHow: 'unrated', open: false, clock: 'idle', stats: { closed: 1, unrated: 1, rated: 0, satisfied: 0 } });
    expect(messagesTo(emulator, 'demo-resident-6', 'demandClosed')).toHaveLength(1);
  });

  it("a handler's move leaves its message in the demand's outbox; the next run sends it once, however many runs at once", async () => {
    await subscribe(emulator, PEOPLE.gridWorker2, ['demandEscalated']);
    const doc = demandDoc({ at: now, gridId: 'demo-grid-1', dueAt: new Date(now.getTime() + DAY) });
    await insert([doc]);
    await okDemand(emulator, PEOPLE.committee, 'transfer', { demandId: doc._id, gridId: 'demo-grid-2', reason: '属于第2网格' });
    expect(emulator.db.find('demands', { _id: doc._id })[0].outbox).toHaveLength(1);
    expect(messagesTo(emulator, PEOPLE.gridWorker2, 'demandEscalated')).toHaveLength(0);
    await Promise.all([emulator.host.fireTimer('demand', 'sendWaiting'), emulator.host.fireTimer('demand', 'sendWaiting')]);
    await emulator.host.fireTimer('demand', 'jobs');
    expect(messagesTo(emulator, PEOPLE.gridWorker2, 'demandEscalated')).toHaveLength(1);
    expect(emulator.db.find('demands', { _id: doc._id })[0]).toMatchObject({ outbox: [], outboxAt: null, gridId: 'demo-grid-2' });
  });

  it('the one trigger declared is jobs, every minute; its jobs run in order and answer by name too', async () => {
    const triggers = emulator.host.triggers().filter((t) => t.functionName === 'demand');
    expect(triggers).toEqual([{ functionName: 'demand', trigger: 'jobs' }]);
    const run: any = await emulator.host.fireTimer('demand', 'jobs');
    expect(run.result.data.jobs.map((j: { name: string }) => j.name)).toEqual(['sendWaiting', 'escalateOverdue', 'warnDueSoon', 'closeUnconfirmed']);
  });
});
