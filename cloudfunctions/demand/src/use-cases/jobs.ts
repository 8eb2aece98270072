import { onFirstCall } from '../../../../server/kit/on-first-call';
import { TimerJob } from '../../../../server/kit/timers';

// Loaded when the timer first runs, not at every cold start.
const timers = onFirstCall(() => import('./timers'));

/**
 * Each job's share of the function's 3 s default timeout (cold start included); what is left over
 * is picked up by the next minute's run, earliest deadline first.
 */
export const BUDGET_MS = { sendWaiting: 400, escalateOverdue: 1400, warnDueSoon: 400, closeUnconfirmed: 400 } as const;

/**
 * The jobs of the function's one timer trigger (config.json `jobs`, every minute), in this order,
 * each with its own error handling and time budget, and each also callable by name.
 */
export const DEMAND_JOBS: readonly TimerJob[] = [
  // First: the messages of the moves since the last run (accepted, resolved, escalated by hand…).
  { name: 'sendWaiting', budgetMs: BUDGET_MS.sendWaiting, run: timers.sendWaiting },
  { name: 'escalateOverdue', budgetMs: BUDGET_MS.escalateOverdue, run: timers.escalateOverdue },
  { name: 'warnDueSoon', budgetMs: BUDGET_MS.warnDueSoon, run: timers.warnDueSoon },
  { name: 'closeUnconfirmed', budgetMs: BUDGET_MS.closeUnconfirmed, run: timers.closeUnconfirmed },
];
