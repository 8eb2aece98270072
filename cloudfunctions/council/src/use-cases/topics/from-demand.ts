import { z } from 'zod/mini';
import { Topic } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { isDuplicateWrite } from '../../../../../server/kit/errors';
import { RequestContext } from '../../../../../server/kit/router';
import { SCENE, checkText } from '../../../../../server/moderation';
import { bodyWith } from '../../../../../server/repositories/council-bodies';
import { countOf } from '../../../../../server/repositories/council-roll';
import { TopicDoc, insertTopic, parseTopicDocs, topicLookup } from '../../../../../server/repositories/council-topics';
import { DemandDoc, changeDemand, demandLookup, getDemand, parseDemandDocs } from '../../../../../server/repositories/demands';
import { householdsOfScopeLookup } from '../../../../../server/repositories/user-lookups';
import { toTopic } from '../../views';
import { newTopic } from './topics';

type FromDemandInput = z.infer<typeof councilContract.topicFromDemand.input>;

/** The one topic a demand can become: its id comes from the demand, so a second try finds the first. */
export const topicIdOfDemand = (demandId: string) => `dm-${demandId}`;

/**
 * The committee turns a resident's 意见建议 demand into a topic for one of its bodies: the topic
 * records the demand (its text and photos, unless the committee words it anew), and the demand's
 * timeline says so, for its reporter and neighbours to follow. The topic then goes the usual way,
 * starting with supports. Done twice (or retried after a crash), it finishes the first, never two.
 */
export async function topicFromDemand(input: FromDemandInput, ctx: RequestContext): Promise<Topic> {
  // The body with its scope's households, the demand, and the topic it may already be: one read.
  const topicId = topicIdOfDemand(input.demandId);
  const read = await bodyWith(input.bodyId, { households: householdsOfScopeLookup('households'), demand: demandLookup(input.demandId, 'demand'), earlier: topicLookup(topicId, 'earlier') });
  const demand = read ? parseDemandDocs(read.joined.demand)[0] : await getDemand(input.demandId);
  if (!demand) throw new AppError('NOT_FOUND', '没有找到这件诉求');
  if (!canManageCommunity(ctx.user.roles, demand.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以把诉求转为议题');
  if (demand.kind !== 'suggestion') throw new AppError('FAILED_PRECONDITION', '只有“意见建议”类诉求可以转为议题');
  if (demand.state === 'rejected' || demand.state === 'duplicate') throw new AppError('FAILED_PRECONDITION', '这件诉求已不予受理或已合并，不能转为议题');
  const body = read?.body;
  if (!read || !body || body.communityId !== demand.communityId) throw new AppError('NOT_FOUND', '没有找到本居民区的这个议事机构');
  const earlier = parseTopicDocs(read.joined.earlier)[0];
  if (earlier) {
    if (await noteOnDemand(demand, earlier, ctx)) return toTopic(earlier);
    throw new AppError('CONFLICT', '这件诉求已经转为议题');
  }
  const content = input.content ?? demand.text;
  await checkText(ctx.openid, SCENE.post, content, input.title);
  const doc = newTopic(body, countOf(read.joined.households), { _id: topicId, title: input.title, content, photos: demand.photos, demandId: demand._id }, ctx);
  try {
    await insertTopic(doc);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    throw new AppError('CONFLICT', '这件诉求已经转为议题');
  }
  await noteOnDemand(demand, doc, ctx);
  return toTopic(doc);
}

/**
 * The demand's timeline entry naming the topic, written once on the version read (re-read when a
 * handler changed the demand meanwhile). True when this call wrote it, false when it was there.
 */
async function noteOnDemand(demand: DemandDoc, topic: TopicDoc, ctx: RequestContext): Promise<boolean> {
  let doc: DemandDoc | null = demand;
  for (let attempt = 0; doc && attempt < 5; attempt++) {
    if (doc.timeline.some((e) => e.action === 'topic')) return false;
    const entry = {
      at: ctx.now,
      action: 'topic' as const,
      actorKind: 'handler' as const,
      actor: ctx.openid,
      actorName: ctx.user.displayName,
      level: doc.level,
      toLevel: null,
      note: `转为议题「${topic.title}」，提交${topic.bodyName}`,
      photos: [],
      missed: null,
    };
    if (await changeDemand(doc, { updatedAt: ctx.now }, [entry])) return true;
    doc = await getDemand(demand._id);
  }
  throw new AppError('CONFLICT', '这件诉求刚刚有了变化，请稍后再试');
}
