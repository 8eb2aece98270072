import { COUNCIL_JOBS } from '../../cloudfunctions/council/src/use-cases/jobs';
import { MEMBER_JOBS } from '../../cloudfunctions/member/src/use-cases/timers';
import { Budget, DEFAULT_TOTAL_BUDGET_MS, TIMER_TRIGGER, TimerPlan, runTimerEvent, timerPlan } from '../../server/kit/timers';

/**
 * WeChat's tooling gives a function ONE timer trigger (DESIGN.md); a function with several scheduled
 * jobs runs them in order inside that trigger. Each job has its own error handling (one failing does not
 * stop the next) and its own time budget (it stops starting new work when its budget is spent, so the
 * whole run ends within the function's timeout). A job can still be fired alone by its name.
 */

/** A clock the test moves by hand: no test here depends on how fast the machine is. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const NOW = new Date('2026-12-05T02:00:00Z');

describe('one timer trigger running a function’s jobs in order', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  it('runs every job in the declared order with the trigger’s time, and reports each outcome', async () => {
    const ran: string[] = [];
    const plan = timerPlan('activity', [
      { name: 'remind', budgetMs: 5000, run: async (now) => (ran.push(`remind@${now.toISOString()}`), { reminded: 2 }) },
      { name: 'close', budgetMs: 5000, run: async () => (ran.push('close'), { closed: 1 }) },
    ]);
    const res = await runTimerEvent(plan, TIMER_TRIGGER, NOW, fakeClock().now);
    expect(ran).toEqual(['remind@2026-12-05T02:00:00.000Z', 'close']);
    expect(res).toEqual({
      ok: true,
      data: {
        jobs: [
          { name: 'remind', ok: true, result: { reminded: 2 } },
          { name: 'close', ok: true, result: { closed: 1 } },
        ],
      },
    });
  });

  it('a job that fails is logged and reported, and the next job still runs', async () => {
    const plan = timerPlan('service', [
      {
        name: 'broken',
        budgetMs: 5000,
        run: async () => {
          throw new Error('database request failed');
        },
      },
      { name: 'after', budgetMs: 5000, run: async () => 'done' },
    ]);
    const res = await runTimerEvent(plan, TIMER_TRIGGER, NOW, fakeClock().now);
    expect(res).toEqual({
      ok: true,
      data: {
        jobs: [
          { name: 'broken', ok: false, error: 'INTERNAL' },
          { name: 'after', ok: true, result: 'done' },
        ],
      },
    });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('"action":"timer:broken"'));
    // Never the error's message: it could carry personal data.
    expect(errors).not.toHaveBeenCalledWith(expect.stringContaining('database request failed'));
  });

  it('a job stops starting new batches when its own budget is spent', async () => {
    const clock = fakeClock();
    const batches = async (_now: Date, budget: Budget) => {
      let done = 0;
      while (done < 100 && !budget.spent()) {
        clock.advance(400); // each batch takes 400 ms
        done++;
      }
      return { done };
    };
    const plan = timerPlan('activity', [
      { name: 'slow', budgetMs: 1000, run: batches },
      { name: 'next', budgetMs: 2000, run: batches },
    ]);
    const res = await runTimerEvent(plan, TIMER_TRIGGER, NOW, clock.now);
    // 0, 400, 800 ms left budget when a batch starts: three batches; the next job gets its own 2 s.
    expect(res).toEqual({
      ok: true,
      data: {
        jobs: [
          { name: 'slow', ok: true, result: { done: 3 } },
          { name: 'next', ok: true, result: { done: 5 } },
        ],
      },
    });
  });

  it('no job starts once the whole run’s budget is spent; the skipped ones are reported', async () => {
    const clock = fakeClock();
    const plan: TimerPlan = timerPlan(
      'activity',
      [
        {
          name: 'hog',
          budgetMs: 60_000,
          run: async () => {
            clock.advance(19_000);
          },
        },
        { name: 'late', budgetMs: 1000, run: async () => 'ran' },
      ],
      { totalBudgetMs: 18_000 },
    );
    const res = await runTimerEvent(plan, TIMER_TRIGGER, NOW, clock.now);
    expect(res).toEqual({
      ok: true,
      data: {
        jobs: [
          { name: 'hog', ok: true },
          { name: 'late', ok: false, skipped: true },
        ],
      },
    });
  });

  it('a job fired alone by its name (by hand, in the emulator) answers its own result', async () => {
    const plan = timerPlan('user', [{ name: 'forgetRetryAnswers', budgetMs: 1000, run: async () => ({ forgotten: 3 }) }]);
    expect(await runTimerEvent(plan, 'forgetRetryAnswers', NOW, fakeClock().now)).toEqual({ ok: true, data: { forgotten: 3 } });
    expect(await runTimerEvent(plan, 'nothing', NOW, fakeClock().now)).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '未知定时任务：nothing' } });
  });

  it('refuses two jobs with one name, and a job named like the trigger', () => {
    const job = { name: 'a', budgetMs: 1, run: async () => null };
    expect(() => timerPlan('x', [job, job])).toThrow(/a/);
    expect(() => timerPlan('x', [{ ...job, name: TIMER_TRIGGER }])).toThrow(new RegExp(TIMER_TRIGGER));
  });

  it.each([
    ['council', COUNCIL_JOBS],
    ['member', MEMBER_JOBS],
  ])('%s: its jobs’ budgets add up to no more than the whole run’s', (_fn, jobs) => {
    expect(jobs.reduce((sum, job) => sum + job.budgetMs, 0)).toBeLessThanOrEqual(DEFAULT_TOTAL_BUDGET_MS);
  });
});
