import { onFirstCall } from '../../../../server/kit/on-first-call';
import { TimerJob } from '../../../../server/kit/timers';

// Loaded when the timer first runs them, not at every cold start.
const topics = onFirstCall(() => import('../../../../server/repositories/council-topics'));
const votes = onFirstCall(() => import('./votes/close'));
const campaignVotes = onFirstCall(() => import('./campaigns/campaign-votes'));
const campaigns = onFirstCall(() => import('../../../../server/repositories/council-campaigns'));
const stranded = onFirstCall(() => import('./follow-up/stranded'));

/**
 * The jobs of the function's one timer trigger (config.json `jobs`, every 5 minutes), in this order,
 * each with its own error handling and budget. The budgets add up to the run's 18 s
 * (DEFAULT_TOTAL_BUDGET_MS): the two flagging jobs and finaliseCampaigns are one write each, the
 * closing and repair jobs stop starting work when theirs is spent (the next run, 5 minutes on, goes on).
 */
export const COUNCIL_JOBS: readonly TimerJob[] = [
  // Proposed topics that did not reach their supports within 30 days expire.
  { name: 'expireTopics', budgetMs: 2000, run: topics.expireTopics },
  // Topics in screening past their 7 days are flagged overdue.
  { name: 'flagOverdueScreening', budgetMs: 2000, run: topics.flagOverdueScreening },
  // Votes whose window has passed are counted and published.
  { name: 'closeDueVotes', budgetMs: 7000, run: votes.closeDueVotes },
  // 群众评优 campaigns whose window has passed are counted and posted for objections.
  { name: 'closeDueCampaigns', budgetMs: 3000, run: campaignVotes.closeDueCampaigns },
  // Posted campaigns whose 5 days of objections are over become final.
  { name: 'finaliseCampaigns', budgetMs: 1000, run: campaigns.finaliseCampaigns },
  // A project update whose call died between its writes: its entry filed, a done project's topic moved;
  // a review's minutes whose close died: its project closed.
  { name: 'fileStrandedProgress', budgetMs: 3000, run: stranded.fileStrandedProgress },
];
