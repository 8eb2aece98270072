import { shanghaiDay } from '../../../../../domain/shanghai-time';
import { newId } from '../../../../../server/kit/ids';
import { MeetingDoc } from '../../../../../server/repositories/council-meetings';
import { ProjectReading } from '../../../../../server/repositories/council-projects';
import { addProgress, topicDone } from './progress';

/**
 * A review meeting (评议会) whose minutes are published closes the project of its topic, as the
 * residents' committee rules have it: the project is done at the percent it reached, its last
 * update says the review closed it (with the day), and the topic is done. A project already done
 * (it reached 100%) stays as it is; a topic with no project has nothing to close.
 *
 * Called after the minutes are written, and again when publishing them is retried (the minutes are
 * there, the close may not be), with the project as the minutes' read found it: the close is a
 * conditional write on that project (see progress.ts), so it closes once. The `fileStrandedProgress`
 * timer job does the same for minutes whose publishing call died before the close, in the name of
 * whoever published them.
 */
export async function closeProjectByReview(meeting: Pick<MeetingDoc, '_id' | 'kind' | 'topicId' | 'title'>, project: ProjectReading | undefined, ctx: { openid: string; now: Date }): Promise<boolean> {
  if (meeting.kind !== 'review') return false;
  const day = shanghaiDay(ctx.now);
  const closed =
    project &&
    (await addProgress(project, (current) => {
      if (current.status === 'done') return null;
      const text = `评议会评议后办结（${meeting.title}，纪要已公布），完成 ${current.percent}%`;
      return {
        entry: { _id: newId(ctx.now), projectId: current._id, percent: current.percent, text, photos: [], day, by: ctx.openid, createdAt: ctx.now },
        patch: { status: 'done', doneOn: day, updates: current.updates + 1, lastUpdateOn: current.lastUpdateOn && current.lastUpdateOn > day ? current.lastUpdateOn : day, updatedAt: ctx.now },
      };
    }));
  // Done on the first close, and on a retry that finds it closed but the topic not yet moved.
  await topicDone(meeting.topicId, ctx.now);
  return Boolean(closed);
}
