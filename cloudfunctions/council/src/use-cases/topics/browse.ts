import { z } from 'zod/mini';
import { Topic, Vote, householdKey } from '../../../../../domain/council';
import { MAX_PAGE } from '../../../../../domain/common';
import { councilContract } from '../../../../../domain/contract/council';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { rollId } from '../../../../../server/repositories/council-roll';
import { topicReading, topicsOf } from '../../../../../server/repositories/council-topics';
import { voteReading } from '../../../../../server/repositories/council-votes';
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

/**
 * A topic with what the caller's household has done: supported it, voted on it (never how). One
 * aggregation reads the topic, the household's support and the topic's vote (its id is `v` + the
 * topic's) with its turnout and the caller's two possible roll entries (household, person).
 */
export async function topic(input: { topicId: string }, ctx: RequestContext) {
  const { buildingId, room } = ctx.user;
  const mine = buildingId && room ? householdKey(buildingId, room) : null;
  const voteId = `v${input.topicId}`;
  const rollIds = [...(mine ? [rollId(voteId, mine)] : []), rollId(voteId, ctx.openid)];
  const reading = await topicReading(input.topicId, { household: mine, voteId, rollIds });
  if (!reading) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const doc = reading.topic;
  const household = ctx.user.communityId === doc.communityId ? mine : null;
  const vote = reading.vote;
  const myEntry = vote && household ? rollId(vote.vote._id, vote.vote.unit === 'household' ? household : ctx.openid) : null;
  return {
    topic: toTopic(doc),
    supportedByMyHousehold: household !== null && reading.supported,
    vote: vote ? toVote(vote.vote, vote.vote.status !== 'closed' ? vote.turnout : 0) : null,
    myHouseholdVoted: myEntry !== null && vote !== null && vote.marked.has(myEntry),
  };
}

export async function vote(input: { voteId: string }): Promise<Vote> {
  const reading = await voteReading(input.voteId);
  if (!reading) throw new AppError('NOT_FOUND', '没有找到这次表决');
  return toVote(reading.vote, reading.vote.status === 'closed' ? 0 : reading.turnout);
}
