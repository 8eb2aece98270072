import fc from 'fast-check';
import { Emulator } from '../../emulator/app';
import { keyOf } from '../../emulator/store/indexes';
import { DEMAND_STATES, LEVELS, isOpenState } from '../../domain/demands/model';
import { call, startApp } from '../helpers/app';
import { CAT, COMMUNITY, PEOPLE, setClock } from './demand-fixtures';
import { CATEGORY_CLASS, Command, MDemand, advanced, allowed, apply, clockOf, modelFigures, scenarioArb, timerRun } from './demand-model';

/**
 * Demands go through random sequences of report / accept / reject / assign / update / resolve /
 * confirm / reopen / escalate / transfer / park / unpark and time passing (the functions' clock is
 * moved and the timer fired at exactly that time). After every step the store must agree with the
 * reference model (demand-model.ts): each demand has exactly one state and one level, its running
 * deadline is the model's to the millisecond, it rose exactly when a deadline passed and the miss is
 * counted against the level that missed it. At the end the dashboard's figures equal the model's,
 * counted from its timelines: every closed demand once in each rate. Seeded (DEMAND_MODEL_SEED).
 */
const SEED = Number(process.env.DEMAND_MODEL_SEED ?? 20261205);
const RUNS = Number(process.env.DEMAND_MODEL_RUNS ?? 100);
const CATEGORY_ID = { light: CAT.light, policy: CAT.policy, fireExit: CAT.fireExit } as const;
const REPORTER = { 1: PEOPLE.resident, 2: PEOPLE.grid2Resident } as const;

describe('demands never diverge from the reference model', () => {
  let emulator: Emulator;
  const all: MDemand[] = [];
  /** The functions' clock: a Monday morning at an odd second, moving only forward. */
  let now = Date.parse('2026-01-05T10:07:13.500+08:00');
  /** How often each kind of step was made (not refused), so a run that never reached one fails. */
  const applied = new Map<string, number>();
  beforeAll(async () => {
    emulator = await startApp();
    await setClock(emulator, new Date(now));
  });
  afterAll(() => emulator.close());

  /** The demand a step is about: the newest (0) or one of the four before it. */
  function target(pick: number): MDemand {
    const recent = all.slice(-5);
    return recent[recent.length - 1 - (pick % recent.length)];
  }

  /** Who makes a move on a demand: its reporter, the committee for parking, else the handler of its level. */
  function actor(c: Command, d: MDemand): string {
    if (c.kind === 'confirm' || c.kind === 'reopen') return d.reporter;
    if (c.kind === 'park' || c.kind === 'unpark') return PEOPLE.committee;
    if (d.level === 'street') return PEOPLE.admin;
    if (d.level === 'community') return PEOPLE.committee;
    return d.grid === 1 ? PEOPLE.gridWorker : PEOPLE.gridWorker2;
  }
  function input(c: Command, d: MDemand): Record<string, unknown> {
    const demandId = d.id;
    switch (c.kind) {
      case 'reject':
        return { demandId, reason: '不属于社区事务' };
      case 'update':
        return { demandId, note: '已联系物业' };
      case 'resolve':
        return { demandId, note: '已处理', photos: [`cloud://youlin-local.bucket/demand/${actor(c, d)}/20260101/after.jpg`] };
      case 'confirm':
        return { demandId, solved: c.solved, satisfaction: c.satisfaction };
      case 'reopen':
        return { demandId, reason: '问题还在' };
      case 'escalate':
        return { demandId, reason: '需要上级协调' };
      case 'transfer':
        return { demandId, gridId: d.grid === 1 ? 'demo-grid-2' : 'demo-grid-1', reason: '属于另一个网格' };
      case 'park':
        return { demandId, reason: '等待区维修资金', reviewOn: '2099-01-01' };
      case 'unpark':
        return { demandId, note: '资金已到位' };
      default:
        return { demandId };
    }
  }

  /** Each demand's stored document and model as they were when last found to agree. */
  const agreed = new Map<string, { stored: unknown; model: string }>();

  /**
   * The store's demand against the model's, field by field that the rules decide. A demand whose
   * stored document and model are both as they were when they last agreed still agrees: the store
   * replaces a document on every write, so the same stored object is the same document.
   */
  function check(d: MDemand, log: string[]): void {
    const stored = emulator.db.collection('demands').get(keyOf(d.id))?.doc;
    const model = JSON.stringify(d);
    const last = agreed.get(d.id);
    if (stored && last?.stored === stored && last.model === model) return;
    const doc = emulator.db.find('demands', { _id: d.id })[0] as any;
    const where = `${d.id} after ${log.join(' → ')}`;
    expect([DEMAND_STATES.includes(doc.state), LEVELS.includes(doc.level)]).toEqual([true, true]);
    expect({ where, state: doc.state, level: doc.level, misses: doc.misses.map((m: any) => `${m.level}:${m.deadline}`), reopenedAt: doc.reopenedAt }).toEqual({
      where,
      state: d.state,
      level: d.level,
      misses: d.misses.map((m) => `${m.level}:${m.deadline}`),
      reopenedAt: d.reopenedAt,
    });
    const running = d.clock.kind === 'accept' || d.clock.kind === 'resolve';
    expect({ where, clock: doc.clock, dueKind: doc.dueKind, dueAt: doc.clock === 'idle' ? null : doc.dueAt.getTime(), warned: running ? doc.warnAt === null : null }).toEqual({
      where,
      clock: running ? 'deadline' : d.clock.kind,
      dueKind: running ? d.clock.kind : null,
      dueAt: d.clock.kind === 'idle' ? null : d.clock.due,
      warned: running ? d.clock.warnAt === null : null,
    });
    expect({ where, timeline: doc.timeline.map((e: any) => e.action) }).toEqual({ where, timeline: ['report', ...d.timeline] });
    agreed.set(d.id, { stored, model });
  }

  async function step(given: Command, log: string[]): Promise<void> {
    const c = given.kind === 'advance' ? advanced(given, target(given.pick)) : given;
    const count = () => applied.set(c.kind, (applied.get(c.kind) ?? 0) + 1);
    if (c.kind === 'time') {
      now += c.minutes * 60_000;
      await setClock(emulator, new Date(now));
      const run: any = await emulator.host.fireTimer('demand', 'jobs', new Date(now));
      expect(run.ok && run.result.ok).toBe(true);
      // Closed, rejected and merged demands never change again; the rest are checked after every run.
      const live = all.filter((d) => !['closed', 'rejected', 'duplicate'].includes(d.state));
      timerRun(all, now);
      count();
      log.push(`+${c.minutes}min`);
      for (const d of live) check(d, log);
      return;
    }
    if (c.kind === 'report') {
      const res = await call(emulator, REPORTER[c.grid], 'demand', 'report', {
        categoryId: CATEGORY_ID[c.category],
        text: '楼道里的问题请处理',
        buildingId: c.grid === 1 ? 'demo-building-1' : 'demo-building-3',
        ...(c.urgent ? { urgent: true } : {}),
      });
      expect(res.error).toBeUndefined();
      const urgent = c.urgent || CATEGORY_CLASS[c.category] === 'urgent';
      const cls = urgent ? 'urgent' : CATEGORY_CLASS[c.category];
      const createdAt = Date.parse(res.data.createdAt);
      const d: MDemand = {
        id: res.data.id,
        reporter: REPORTER[c.grid],
        grid: c.grid,
        cls,
        state: 'submitted',
        level: urgent ? 'community' : 'grid',
        handler: false,
        reopenedAt: [],
        misses: [],
        clock: clockOf('submitted', cls, createdAt),
        timeline: [],
        rating: null,
        closedHow: null,
        createdAt,
        closedAt: null,
      };
      all.push(d);
      count();
      log.push(`report ${c.category}${c.urgent ? ' urgent' : ''} in grid ${c.grid}`);
      check(d, log);
      return;
    }
    const d = target(c.pick);
    log.push(`${c.kind} #${all.indexOf(d)}`);
    const res = await call(emulator, actor(c, d), 'demand', c.kind, input(c, d));
    if (!allowed(c.kind, d)) {
      expect({ step: log.join(' → '), code: res.error?.code }).toEqual({ step: log.join(' → '), code: 'FAILED_PRECONDITION' });
      return;
    }
    expect({ step: log.join(' → '), error: res.error }).toEqual({ step: log.join(' → '), error: undefined });
    const at = Date.parse(res.data.timeline[res.data.timeline.length - 1].at);
    apply(c, d, at);
    count();
    check(d, log);
  }

  it(
    `${RUNS} random sequences`,
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (commands) => {
          const log: string[] = [];
          for (const c of commands) await step(c, log);
          // Between sequences an hour passes, so each starts on a fresh minute.
          await step({ kind: 'time', minutes: 61 }, log);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // Every kind of step happened, escalation by the timer included.
      const kinds = ['report', 'accept', 'reject', 'assign', 'update', 'resolve', 'confirm', 'reopen', 'escalate', 'transfer', 'park', 'unpark', 'time'];
      expect(kinds.filter((kind) => !(applied.get(kind) ?? 0))).toEqual([]);
      expect(all.some((d) => d.misses.length > 0)).toBe(true);
      expect(all.some((d) => d.closedHow === 'unrated')).toBe(true);
    },
    30 * 60_000,
  );

  it('the dashboard’s figures equal the model’s, counted from its timelines (a year at a time)', async () => {
    const first = Math.min(...all.map((d) => d.createdAt));
    const last = Math.max(...all.map((d) => d.createdAt));
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    for (let from = first; from <= last; from += 360 * 86_400_000) {
      const to = Math.min(from + 359 * 86_400_000, last);
      const inPeriod = all.filter((d) => day(d.createdAt) >= day(from) && day(d.createdAt) <= day(to));
      const res = await call(emulator, PEOPLE.committee, 'demand', 'dashboard', { communityId: COMMUNITY, from: day(from), to: day(to) });
      expect(res.error).toBeUndefined();
      const t = res.data.totals;
      const m = modelFigures(inPeriod);
      const pair = (r: { numerator: number; denominator: number }) => [r.numerator, r.denominator];
      expect({
        reported: t.reported,
        closed: t.closed,
        rejected: t.rejected,
        unrated: t.unrated,
        response: pair(t.response),
        onTime: pair(t.onTime),
        solved: pair(t.solved),
        satisfied: pair(t.satisfied),
        reopen: pair(t.reopen),
        misses: t.misses,
        medianDaysToClose: t.medianDaysToClose,
      }).toEqual(m);
      // The overdue list's total: the period's demands still open that missed a deadline.
      expect(res.data.overdueCount).toBe(inPeriod.filter((d) => isOpenState(d.state) && d.misses.length > 0).length);
    }
  });
});
