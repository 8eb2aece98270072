import { shanghaiDay } from '../../../../../domain/shanghai-time';
import { newId } from '../../../../../server/kit/ids';
import { RequestContext } from '../../../../../server/kit/router';
import { inTransaction } from '../../../../../server/kit/transaction';
import { MeetingDoc } from '../../../../../server/repositories/council-meetings';
import { addProgressInTransaction, getProjectInTransaction, projectIdOf } from '../../../../../server/repositories/council-projects';
import { moveTopicIf } from '../../../../../server/repositories/council-topics';

/**
 * A review meeting (评议会) whose minutes are published closes the project of its topic, as the
 * residents' committee rules have it: the project is done at the percent it reached, its last
 * update says the review closed it (with the day), and the topic is done. A project already done
 * (it reached 100%) stays as it is; a topic with no project has nothing to close.
 *
 * Called after the minutes are written, and again when publishing them is retried (the minutes are
 * there, the close may not be): the project is read inside the transaction, so it closes once.
 */
export async function closeProjectByReview(meeting: Pick<MeetingDoc, '_id' | 'kind' | 'topicId' | 'title'>, ctx: RequestContext): Promise<boolean> {
  if (meeting.kind !== 'review') return false;
  const id = projectIdOf(meeting.topicId);
  const day = shanghaiDay(ctx.now);
  const closed = await inTransaction(async (tx) => {
    const project = await getProjectInTransaction(tx, id);
    if (!project || project.status === 'done') return false;
    const patch = {
      status: 'done' as const,
      doneOn: day,
      updates: project.updates + 1,
      lastUpdateOn: project.lastUpdateOn && project.lastUpdateOn > day ? project.lastUpdateOn : day,
      updatedAt: ctx.now,
    };
    const text = `评议会评议后办结（${meeting.title}，纪要已公布），完成 ${project.percent}%`;
    await addProgressInTransaction(tx, { _id: newId(ctx.now), projectId: id, percent: project.percent, text, photos: [], day, by: ctx.openid, createdAt: ctx.now }, patch);
    return true;
  });
  // Done on the first close, and on a retry that finds it closed but the topic not yet moved.
  await moveTopicIf(meeting.topicId, 'in_progress', { stage: 'done', updatedAt: ctx.now });
  await moveTopicIf(meeting.topicId, 'decided', { stage: 'done', updatedAt: ctx.now });
  return closed;
}
