import { z } from 'zod/mini';
import { MAX_PAGE } from '../../../../../domain/common';
import { councilContract } from '../../../../../domain/contract/council';
import { Progress, Project, progressProblem } from '../../../../../domain/council-follow-up';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { shanghaiDay } from '../../../../../domain/shanghai-time';
import { newId } from '../../../../../server/kit/ids';
import { RequestContext } from '../../../../../server/kit/router';
import { SCENE, checkText } from '../../../../../server/moderation';
import { ProjectDoc, getProject, insertProjectOnce, parseProjectReadings, projectIdOf, projectLookup, projectWithProgress } from '../../../../../server/repositories/council-projects';
import { TopicDoc, getTopic, moveTopicIf, topicWith } from '../../../../../server/repositories/council-topics';
import { decodeCursor, encodeCursor } from '../../../../../server/repositories/docs';
import { toProgress, toProject } from '../../views-follow-up';
import { addProgress, topicDone } from './progress';

type StartInput = z.infer<typeof councilContract.startProject.input>;
type ReportInput = z.infer<typeof councilContract.reportProgress.input>;
type ProjectInput = z.infer<typeof councilContract.project.input>;

async function managedTopic(topicId: string, ctx: RequestContext, what: string): Promise<TopicDoc> {
  const topic = await getTopic(topicId);
  if (!topic) throw new AppError('NOT_FOUND', '没有找到这个议题');
  if (!canManageCommunity(ctx.user.roles, topic.communityId)) throw new AppError('PERMISSION_DENIED', `只有本居民区的居委会可以${what}`);
  return topic;
}

/**
 * The committee takes a decided topic on as a project (落实): the topic moves to `in_progress` and
 * the project starts at 0%. Its id comes from the topic, so doing it twice (or retrying after a
 * crash between the two writes) leaves one project and the topic moved once.
 */
export async function startProject(input: StartInput, ctx: RequestContext): Promise<Project> {
  const topic = await managedTopic(input.topicId, ctx, '启动落实项目');
  const id = projectIdOf(topic._id);
  if (topic.stage === 'done') throw new AppError('CONFLICT', '这个议题的落实项目已经启动');
  if (topic.stage !== 'decided' && topic.stage !== 'in_progress') throw new AppError('FAILED_PRECONDITION', '议题表决后才能启动落实项目');
  const doc: ProjectDoc = {
    _id: id,
    topicId: topic._id,
    communityId: topic.communityId,
    title: input.title ?? topic.title,
    status: 'in_progress',
    percent: 0,
    startedOn: shanghaiDay(ctx.now),
    lastUpdateOn: null,
    doneOn: null,
    updates: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const created = await insertProjectOnce(doc);
  if (!created && topic.stage === 'in_progress') throw new AppError('CONFLICT', '这个议题的落实项目已经启动');
  await moveTopicIf(topic._id, 'decided', { stage: 'in_progress', updatedAt: ctx.now });
  return toProject(created ? doc : ((await getProject(id)) ?? doc));
}

/**
 * The committee reports progress: a percentage (never below the last), what was done, photos, and
 * the day it was done (not in the future, not before the start). The project's new figures and the
 * update are one conditional write and one insert (see progress.ts), so two reports at once never
 * lose one; 100% finishes the project and the topic is done.
 */
export async function reportProgress(input: ReportInput, ctx: RequestContext): Promise<Project> {
  const id = projectIdOf(input.topicId);
  // The topic and its project (with whether its last entry is filed) in one read.
  const read = await topicWith(input.topicId, { project: projectLookup(id, 'project') });
  if (!read) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const { topic } = read;
  if (!canManageCommunity(ctx.user.roles, topic.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以更新落实进度');
  const seen = parseProjectReadings(read.joined.project ?? [])[0];
  if (!seen) throw new AppError('FAILED_PRECONDITION', '这个议题还没有启动落实项目');
  const today = shanghaiDay(ctx.now);
  const early = progressProblem(seen.project, input, today);
  if (early) throw new AppError(early.code, early.message);
  await checkText(ctx.openid, SCENE.post, input.text);
  const project = await addProgress(seen, (current) => {
    const problem = progressProblem(current, input, today);
    if (problem) throw new AppError(problem.code, problem.message);
    const done = input.percent === 100;
    return {
      entry: { _id: newId(ctx.now), projectId: id, percent: input.percent, text: input.text, photos: input.photos ?? [], day: input.day, by: ctx.openid, createdAt: ctx.now },
      patch: {
        percent: input.percent,
        updates: current.updates + 1,
        lastUpdateOn: current.lastUpdateOn && current.lastUpdateOn > input.day ? current.lastUpdateOn : input.day,
        ...(done ? { status: 'done' as const, doneOn: input.day } : {}),
        updatedAt: ctx.now,
      },
    };
  });
  if (!project) throw new AppError('FAILED_PRECONDITION', '这个议题还没有启动落实项目');
  if (project.status === 'done') await topicDone(topic._id, ctx.now);
  return toProject(project);
}

/** A topic's project with its updates, newest first, 20 a page: public, for residents to follow. */
export async function project(input: ProjectInput): Promise<{ project: Project; updates: Progress[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  const read = await projectWithProgress(projectIdOf(input.topicId), decodeCursor(input.cursor), limit + 1);
  if (!read) throw new AppError('NOT_FOUND', '这个议题还没有落实项目');
  const docs = read.updates;
  const page = docs.slice(0, limit);
  return { project: toProject(read.project), updates: page.map(toProgress), nextCursor: docs.length > limit ? encodeCursor(page[page.length - 1]._id) : null };
}
