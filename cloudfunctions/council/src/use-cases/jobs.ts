import { logFailure } from '../../../../server/kit/log';
import { expireTopics, flagOverdueScreening } from '../../../../server/repositories/council-topics';
import { closeDueVotes } from './close';

/** The function's jobs, in the order the one timer runs them. */
const JOBS: [string, (now: Date) => Promise<number>][] = [
  // Proposed topics that did not reach their supports within 30 days expire.
  ['expireTopics', expireTopics],
  // Topics in screening past their 7 days are flagged overdue.
  ['flagOverdueScreening', flagOverdueScreening],
  // Votes whose window has passed are counted and published.
  ['closeDueVotes', closeDueVotes],
];

/**
 * The one timer trigger (CloudBase allows one a function): each job runs in its own try/catch, so a
 * job that fails is logged and the next still runs; the answer says what each did.
 */
export async function councilJobs(now: Date): Promise<Record<string, number | 'failed'>> {
  const done: Record<string, number | 'failed'> = {};
  for (const [name, job] of JOBS) {
    try {
      done[name] = await job(now);
    } catch (error) {
      logFailure('council', `job:${name}`, error);
      done[name] = 'failed';
    }
  }
  return done;
}
