import { PROJECT_STATUS_NAMES, Progress, Project } from '../../../domain/council-follow-up';
import { ProgressDoc, ProjectDoc } from '../../../server/repositories/council-projects';

/** What projects and their progress look like to callers (who reported an update is not shown). */

export function toProject(doc: ProjectDoc): Project {
  return {
    id: doc._id,
    topicId: doc.topicId,
    title: doc.title,
    status: doc.status,
    statusName: PROJECT_STATUS_NAMES[doc.status],
    percent: doc.percent,
    startedOn: doc.startedOn,
    lastUpdateOn: doc.lastUpdateOn,
    doneOn: doc.doneOn,
    updates: doc.updates,
  };
}

export function toProgress(doc: ProgressDoc): Progress {
  return { id: doc._id, percent: doc.percent, text: doc.text, photos: doc.photos, day: doc.day, createdAt: doc.createdAt.toISOString() };
}
