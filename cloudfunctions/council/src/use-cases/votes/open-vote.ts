import { z } from 'zod/mini';
import { DAY_MS, Vote } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { isDuplicateWrite } from '../../../../../server/kit/errors';
import { RequestContext } from '../../../../../server/kit/router';
import { RollDoc, insertRoll, rollId } from '../../../../../server/repositories/council-roll';
import { getTopic, moveTopicIf } from '../../../../../server/repositories/council-topics';
import { VoteDoc, getVote, insertVote, markOpen } from '../../../../../server/repositories/council-votes';
import { toVote } from '../../views';
import { residentsOf } from '../topics/scope';
import { shanghaiDay } from '../../../../../domain/shanghai-time';

type OpenInput = z.infer<typeof councilContract.openVote.input>;

/** The day in Shanghai of an instant, YYYY-MM-DD: the only time a ballot carries. */
export { shanghaiDay };

/**
 * The committee puts an accepted (or deliberated) topic to a vote. Who may vote is frozen now: the
 * roll holds one entry per household of the scope (or per bound resident, for per-person votes);
 * someone bound later is not on it. One vote per topic: its id comes from the topic, so a retried
 * opening finishes the same roll instead of starting another.
 */
export async function openVote(input: OpenInput, ctx: RequestContext): Promise<Vote> {
  const topic = await getTopic(input.topicId);
  if (!topic) throw new AppError('NOT_FOUND', '没有找到这个议题');
  if (!canManageCommunity(ctx.user.roles, topic.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以发起表决');
  const voteId = `v${topic._id}`;
  const earlier = await getVote(voteId);
  if (earlier && earlier.status !== 'opening') throw new AppError('CONFLICT', '这个议题已经发起过表决');
  if (!earlier && topic.stage !== 'accepted' && topic.stage !== 'deliberating') throw new AppError('FAILED_PRECONDITION', '议题受理后才能发起表决');
  const vote: VoteDoc = earlier ?? {
    _id: voteId,
    topicId: topic._id,
    communityId: topic.communityId,
    question: input.question,
    options: input.options,
    maxChoices: input.maxChoices,
    unit: input.unit,
    opensAt: ctx.now,
    closesAt: new Date(ctx.now.getTime() + input.days * DAY_MS),
    day: shanghaiDay(ctx.now),
    status: 'opening',
    eligible: 0,
    eligibleHouseholds: 0,
    result: null,
    closedAt: null,
  };
  if (!earlier) await insertVote(vote);
  const residents = await residentsOf(topic.communityId, topic.scope);
  const entries = new Map<string, RollDoc>();
  for (const r of residents) {
    const voterKey = vote.unit === 'household' ? r.household : r.openid;
    entries.set(voterKey, { _id: rollId(vote._id, voterKey), voteId: vote._id, voterKey, household: r.household, voted: false, channel: null, enteredBy: null, castKey: null });
  }
  const roll = [...entries.values()];
  await writeRoll(roll, earlier !== null);
  const counts = { eligible: roll.length, eligibleHouseholds: new Set(residents.map((r) => r.household)).size };
  await markOpen(vote._id, counts);
  await moveTopicIf(topic._id, topic.stage, { stage: 'voting', voteId: vote._id, updatedAt: ctx.now });
  return toVote({ ...vote, ...counts, status: 'open' }, 0);
}

/** A retry after a crash meets entries already written: those are kept, one by one. */
export async function writeRoll(roll: RollDoc[], resuming: boolean): Promise<void> {
  if (!resuming) return insertRoll(roll);
  for (const entry of roll) {
    try {
      await insertRoll([entry]);
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
    }
  }
}
