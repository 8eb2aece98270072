import { Budget, UNBOUNDED } from '../../../../../server/kit/timers';
import { reviewsMinutedSince } from '../../../../../server/repositories/council-meetings';
import { fileProgress, parseProjectReadings, projectOfTopicLookup, projectsUpdatedSince } from '../../../../../server/repositories/council-projects';
import { topicStageLookup, topicStageOf } from '../../../../../server/repositories/council-topics';
import { topicDone } from './progress';
import { closeProjectByReview } from './review-closes';

/** How far back the timer looks for a project whose call died between its writes. */
const REPAIR_WINDOW_MS = 24 * 3600_000;

/**
 * Timer job: projects updated in the last day (the latest 200: each crash is seen by the runs just
 * after it) whose last entry is not filed get it filed, and a done project whose topic is not done
 * yet moves it; then review meetings minuted in the last day (the latest 50) whose project is not
 * done are closed as their publishing would have (a call that died between those writes). Two
 * aggregations; a write only for what is missing, none once the budget is spent.
 */
export async function fileStrandedProgress(now: Date, budget: Budget = UNBOUNDED): Promise<number> {
  const since = new Date(now.getTime() - REPAIR_WINDOW_MS);
  const rows = await projectsUpdatedSince(since, 200, [topicStageLookup('topicId', 'topic')]);
  let repaired = 0;
  for (const { reading, row } of rows) {
    if (budget.spent()) return repaired;
    const { project, latestFiled } = reading;
    if (project.latest && !latestFiled) {
      await fileProgress(project.latest);
      repaired++;
    }
    const stage = topicStageOf(row.topic);
    if (project.status === 'done' && (stage === 'in_progress' || stage === 'decided')) {
      await topicDone(project.topicId, now);
      repaired++;
    }
  }
  if (budget.spent()) return repaired;
  for (const { meeting, row } of await reviewsMinutedSince(since, 50, [projectOfTopicLookup('project')])) {
    if (budget.spent()) break;
    const project = parseProjectReadings(row.project as unknown[])[0];
    if (!project || project.project.status === 'done' || !meeting.minutes) continue;
    if (await closeProjectByReview(meeting, project, { openid: meeting.minutes.publishedBy, now })) repaired++;
  }
  return repaired;
}
