import { AppError } from '../../../../../domain/result';
import { ProgressDoc, ProjectDoc, ProjectReading, advanceProjectIf, fileProgress, projectReading } from '../../../../../server/repositories/council-projects';
import { moveTopicIf } from '../../../../../server/repositories/council-topics';

/** Of updates racing on one project, how many times a call reads again before it gives up. */
const TRIES = 5;

/**
 * Adds an update to a project without a transaction: ONE conditional write of the project as read
 * (its figures and the entry as `latest`), then the entry filed in council_progress. Two updates at
 * once: the second's write finds `updates` moved, reads again and decides again, so none is lost.
 * A call that died between its writes left its entry on the project only: the next update of the
 * project files it first (its read says so), and the `fileStrandedProgress` timer job within 5 minutes.
 * `decide` says what the update is on the project as it is now (null: nothing to do).
 */
export async function addProgress(
  first: ProjectReading,
  decide: (project: ProjectDoc) => { entry: ProgressDoc; patch: Partial<Omit<ProjectDoc, '_id' | 'latest'>> } | null,
): Promise<ProjectDoc | null> {
  let reading: ProjectReading | null = first;
  for (let tries = 0; reading && tries < TRIES; tries++) {
    const { project, latestFiled } = reading;
    if (project.latest && !latestFiled) await fileProgress(project.latest);
    const update = decide(project);
    if (!update) return null;
    if (await advanceProjectIf(project, update.entry, update.patch)) {
      await fileProgress(update.entry);
      return { ...project, ...update.patch, latest: update.entry };
    }
    reading = await projectReading(project._id);
  }
  if (!reading) throw new AppError('FAILED_PRECONDITION', '这个议题还没有启动落实项目');
  throw new AppError('CONFLICT', '落实进度正在被别人更新，请稍后再试');
}

/** A project done moves its topic to done (from in progress, or decided for a review's close before any update). */
export async function topicDone(topicId: string, now: Date): Promise<void> {
  await moveTopicIf(topicId, ['in_progress', 'decided'], { stage: 'done', updatedAt: now });
}
