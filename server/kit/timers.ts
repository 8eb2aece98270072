import { AppError, Result } from '../../domain/result';
import { logFailure } from './log';

/**
 * WeChat's tooling gives a cloud function one timer trigger. Every function declares that one trigger
 * in its config.json under this name, and its scheduled jobs run in order inside it.
 */
export const TIMER_TRIGGER = 'jobs';

/** How long a job may keep starting new work; checked by the job between its batches. */
export interface Budget {
  /** Milliseconds left (never below 0). */
  left(): number;
  /** True once the budget is used up: start nothing new. */
  spent(): boolean;
}

/** A budget that is never spent: for a job called outside a timer run. */
export const UNBOUNDED: Budget = { left: () => Infinity, spent: () => false };

export interface TimerJob {
  /** The job's name: in logs, in the run's report, and to fire it alone in the emulator. */
  name: string;
  /** Its own share of the run: it stops starting new work when this is spent. */
  budgetMs: number;
  run: (now: Date, budget: Budget) => Promise<unknown>;
}

export interface TimerPlan {
  fn: string;
  jobs: readonly TimerJob[];
  /** No job starts after this long; below the function's timeout (set at deploy, 20–60 s). */
  totalBudgetMs: number;
}

/** One job's line in the run's report. */
export type JobOutcome = { name: string; ok: true; result?: unknown } | { name: string; ok: false; error?: string; skipped?: true };

/** The default whole-run budget: the smallest timeout the deploy sets (20 s) less a margin. */
export const DEFAULT_TOTAL_BUDGET_MS = 18_000;

/** A function's timer jobs, in the order they run; names are unique and differ from the trigger's. */
export function timerPlan(fn: string, jobs: readonly TimerJob[], options: { totalBudgetMs?: number } = {}): TimerPlan {
  const names = new Set<string>();
  for (const job of jobs) {
    if (job.name === TIMER_TRIGGER) throw new Error(`${fn}: a timer job cannot be named "${TIMER_TRIGGER}", the trigger's name`);
    if (names.has(job.name)) throw new Error(`${fn}: two timer jobs are named "${job.name}"`);
    names.add(job.name);
  }
  return { fn, jobs, totalBudgetMs: options.totalBudgetMs ?? DEFAULT_TOTAL_BUDGET_MS };
}

function budgetUntil(deadline: number, clock: () => number): Budget {
  return { left: () => Math.max(0, deadline - clock()), spent: () => clock() >= deadline };
}

async function runJob(plan: TimerPlan, job: TimerJob, now: Date, budget: Budget): Promise<JobOutcome> {
  try {
    const result = await job.run(now, budget);
    return result === undefined ? { name: job.name, ok: true } : { name: job.name, ok: true, result };
  } catch (error) {
    logFailure(plan.fn, `timer:${job.name}`, error);
    return { name: job.name, ok: false, error: error instanceof AppError ? error.code : 'INTERNAL' };
  }
}

/**
 * A timer event: the trigger runs every job in order, each with its own error handling and budget,
 * none started once the whole run's budget is spent; a job's own name (sent by hand in the emulator,
 * never by the platform) runs that job alone and answers its result.
 */
export async function runTimerEvent(plan: TimerPlan, triggerName: string, now: Date, clock: () => number = () => performance.now()): Promise<Result<unknown>> {
  const started = clock();
  if (triggerName === TIMER_TRIGGER) {
    const jobs: JobOutcome[] = [];
    for (const job of plan.jobs) {
      if (clock() - started >= plan.totalBudgetMs) {
        jobs.push({ name: job.name, ok: false, skipped: true });
        continue;
      }
      const deadline = Math.min(clock() + job.budgetMs, started + plan.totalBudgetMs);
      jobs.push(await runJob(plan, job, now, budgetUntil(deadline, clock)));
    }
    return { ok: true, data: { jobs } };
  }
  const job = plan.jobs.find((j) => j.name === triggerName);
  if (!job) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `未知定时任务：${triggerName.slice(0, 64)}` } };
  const outcome = await runJob(plan, job, now, budgetUntil(started + job.budgetMs, clock));
  return outcome.ok ? { ok: true, data: outcome.result } : { ok: false, error: { code: 'INTERNAL', message: '定时任务失败' } };
}
