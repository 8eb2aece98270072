import { z } from 'zod/mini';
import { Topic, Vote, householdKey } from '../../../../../domain/council';
import { MAX_PAGE } from '../../../../../domain/common';
import { councilContract } from '../../../../../domain/contract/council';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { hasSupport } from '../../../../../server/repositories/council-supports';
import { countVoted, isMarked, rollId } from '../../../../../server/repositories/council-roll';
import { getTopic, topicsOf } from '../../../../../server/repositories/council-topics';
import { getVote } from '../../../../../server/repositories/council-votes';
import { decodeCursor, encodeCursor } from '../../../../../server/repositories/docs';
import { toTopic, toVote } from '../../views';

type TopicsInput = z.infer<typeof councilContract.topics.input>;

/** Every topic of a community with its stage, newest first (of one stage, one body, if asked): the public record of what was raised. */
export async function topics(input: TopicsInput): Promise<{ items: Topic[]; nextCursor: string | null }> {
  const limit = input.limit ?? MAX_PAGE;
  const docs = await topicsOf(input.communityId, { stage: input.stage, bodyId: input.bodyId }, decodeCursor(input.cursor), limit + 1);
  const page = docs.slice(0, limit);
  return { items: page.map(toTopic), nextCursor: docs.length > limit ? encodeCursor(page[page.length - 1]._id) : null };
}

/** A topic with what the caller's household has done: supported it, voted on it (never how). */
export async function topic(input: { topicId: string }, ctx: RequestContext) {
  const doc = await getTopic(input.topicId);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const { buildingId, room } = ctx.user;
  const household = ctx.user.communityId === doc.communityId && buildingId && room ? householdKey(buildingId, room) : null;
  const vote = doc.voteId ? await getVote(doc.voteId) : null;
  const [supported, voted, turnout] = await Promise.all([
    household ? hasSupport(doc._id, household) : false,
    vote && household ? isMarked(rollId(vote._id, vote.unit === 'household' ? household : ctx.openid)) : false,
    vote && vote.status !== 'closed' ? countVoted(vote._id) : 0,
  ]);
  return { topic: toTopic(doc), supportedByMyHousehold: supported, vote: vote ? toVote(vote, turnout) : null, myHouseholdVoted: voted };
}

export async function vote(input: { voteId: string }): Promise<Vote> {
  const doc = await getVote(input.voteId);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这次表决');
  return toVote(doc, doc.status === 'closed' ? 0 : await countVoted(doc._id));
}
