import { z } from 'zod/mini';
import { DAY_MS, SCREENING_DAYS, SUPPORT_DAYS, Topic, householdKey, supportThreshold } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { newId } from '../../../../../server/kit/ids';
import { RequestContext } from '../../../../../server/kit/router';
import { SCENE, checkText } from '../../../../../server/moderation';
import { BodyDoc, bodyWith } from '../../../../../server/repositories/council-bodies';
import { countOf } from '../../../../../server/repositories/council-roll';
import { householdsOfScopeLookup } from '../../../../../server/repositories/user-lookups';
import { insertSupportOnce, supportId } from '../../../../../server/repositories/council-supports';
import { TopicDoc, countSupportIf, getTopic, insertTopic, moveTopicIf, topicReading } from '../../../../../server/repositories/council-topics';
import { toTopic } from '../../views';
import { householdOf } from './scope';

type ProposeInput = z.infer<typeof councilContract.propose.input>;
type SupportInput = z.infer<typeof councilContract.support.input>;
type ScreenInput = z.infer<typeof councilContract.screen.input>;

/**
 * A bound resident of the community, a member of the body, or the committee puts a topic to a body.
 * The text is checked (scene 3, like circle posts) before anything is written. The support
 * threshold is fixed now from the households in the body's scope.
 */
export async function propose(input: ProposeInput, ctx: RequestContext): Promise<Topic> {
  // The body and the households of its scope (the threshold's base) in one read.
  const read = await bodyWith(input.bodyId, { households: householdsOfScopeLookup('households') });
  if (!read) throw new AppError('NOT_FOUND', '没有找到这个议事机构');
  const { body } = read;
  const member = body.convener === ctx.openid || body.members.includes(ctx.openid);
  const resident = ctx.user.communityId === body.communityId && ctx.user.buildingId !== null;
  if (!member && !resident && !canManageCommunity(ctx.user.roles, body.communityId)) {
    throw new AppError('PERMISSION_DENIED', '绑定本居民区的房屋后才能提出议题');
  }
  await checkText(ctx.openid, SCENE.post, input.content, input.title);
  const doc = newTopic(body, countOf(read.joined.households), { _id: newId(ctx.now), title: input.title, content: input.content, photos: input.photos ?? [], demandId: null }, ctx);
  await insertTopic(doc);
  return toTopic(doc);
}

/** A topic just put to `body`: its support threshold fixed now from the households in the body's scope. */
export function newTopic(body: BodyDoc, households: number, fields: Pick<TopicDoc, '_id' | 'title' | 'content' | 'photos' | 'demandId'>, ctx: RequestContext): TopicDoc {
  return {
    ...fields,
    communityId: body.communityId,
    bodyId: body._id,
    bodyName: body.name,
    scope: body.scope,
    stage: 'proposed',
    proposerOpenid: ctx.openid,
    proposerName: ctx.user.displayName,
    supports: 0,
    supportedBy: [],
    threshold: supportThreshold(households),
    supportUntil: new Date(ctx.now.getTime() + SUPPORT_DAYS * DAY_MS),
    screenBy: null,
    screeningOverdue: false,
    declineReason: null,
    voteId: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/**
 * 附议: once per household of the scope. The count, the household's place among those counted and
 * the move to screening on reaching the threshold are one conditional write on the topic as read,
 * so two members of one household (or a retry) count once and the threshold is crossed exactly
 * once; someone else counted meanwhile, the topic is read again. The household's record (who, when)
 * follows; a crash before it is mended by the household's next try.
 */
export async function support(input: SupportInput, ctx: RequestContext): Promise<Topic> {
  for (let attempt = 1; ; attempt++) {
    const household = ctx.user.buildingId && ctx.user.room ? householdKey(ctx.user.buildingId, ctx.user.room) : null;
    const reading = await topicReading(input.topicId, { household });
    if (!reading) throw new AppError('NOT_FOUND', '没有找到这个议题');
    const { topic: seen } = reading;
    const mine = householdOf(ctx.user, seen.communityId, seen.scope, '附议');
    const record = { _id: supportId(seen._id, mine), topicId: seen._id, household: mine, openid: ctx.openid, createdAt: ctx.now };
    if (reading.supported) {
      if (!reading.recorded) await insertSupportOnce(record);
      throw new AppError('CONFLICT', '您家已经附议过这个议题');
    }
    if (seen.stage !== 'proposed' || seen.supportUntil <= ctx.now) throw new AppError('FAILED_PRECONDITION', '这个议题已不在附议期');
    const supports = seen.supports + 1;
    const reached = supports >= seen.threshold;
    const patch = reached ? { supports, stage: 'screening' as const, screenBy: new Date(ctx.now.getTime() + SCREENING_DAYS * DAY_MS), updatedAt: ctx.now } : { supports, updatedAt: ctx.now };
    if (await countSupportIf(seen, mine, ctx.now, patch)) {
      await insertSupportOnce(record);
      return toTopic({ ...seen, ...patch });
    }
    if (attempt >= 20) throw new AppError('CONFLICT', '附议的人太多了，请稍后再试');
  }
}

/** The party organisation (the committee) accepts a topic in screening, or declines it with a public reason. */
export async function screen(input: ScreenInput, ctx: RequestContext): Promise<Topic> {
  const topic = await getTopic(input.topicId);
  if (!topic) throw new AppError('NOT_FOUND', '没有找到这个议题');
  if (!canManageCommunity(ctx.user.roles, topic.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以审议议题');
  if (topic.stage !== 'screening') throw new AppError('FAILED_PRECONDITION', '这个议题不在待审议阶段');
  const patch = input.decision === 'accept' ? { stage: 'accepted' as const, updatedAt: ctx.now } : { stage: 'declined' as const, declineReason: input.reason ?? null, updatedAt: ctx.now };
  if (!(await moveTopicIf(topic._id, 'screening', patch))) throw new AppError('CONFLICT', '这个议题刚刚已被审议，请刷新');
  return toTopic({ ...topic, ...patch });
}
