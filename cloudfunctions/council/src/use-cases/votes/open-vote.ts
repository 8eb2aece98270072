import { z } from 'zod/mini';
import { DAY_MS, Vote } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { canManageCommunity, committeeCommunities, isAdmin } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { RollDoc, idsOf, insertRoll, rollId, rollStartedLookup } from '../../../../../server/repositories/council-roll';
import { TopicDoc, moveTopicIf, topicWith } from '../../../../../server/repositories/council-topics';
import { VoteDoc, insertVoteOnce, markOpen, parseVoteDocs, voteDocLookup } from '../../../../../server/repositories/council-votes';
import { parseResidents, residentsOfScopeLookup } from '../../../../../server/repositories/user-lookups';
import { toVote } from '../../views';
import { RESIDENTS_PAGE, residentsOf } from '../topics/scope';
import { shanghaiDay } from '../../../../../domain/shanghai-time';

type OpenInput = z.infer<typeof councilContract.openVote.input>;

/** The day in Shanghai of an instant, YYYY-MM-DD: the only time a ballot carries. */
export { shanghaiDay };

/** Stages a topic is put to a vote from. */
const BEFORE_VOTE: TopicDoc['stage'][] = ['accepted', 'deliberating'];

const ALREADY = '这个议题已经发起过表决';

/**
 * The committee puts an accepted (or deliberated) topic to a vote. Who may vote is frozen now: the
 * roll holds one entry per household of the scope (or per bound resident, for per-person votes);
 * someone bound later is not on it. One vote per topic: its id comes from the topic.
 *
 * One read (the topic, the vote if there is one, whether its roll is begun, and the first 1,000
 * residents of its scope), then the roll (500 entries a request), the vote inserted open with its
 * counts, and the topic's move. A call that dies after the roll left entries no vote reads
 * (harmless): the next opening keeps them and writes the rest. One that dies before the topic's move
 * left the vote open and the topic where it was: opening it again moves the topic, and so does the
 * `closeDueVotes` timer job.
 */
export async function openVote(input: OpenInput, ctx: RequestContext): Promise<Vote> {
  const denied = new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以发起表决');
  // Someone who manages no community is refused before the read, which brings up to 1,000 residents.
  if (!isAdmin(ctx.user.roles) && committeeCommunities(ctx.user.roles).length === 0) throw denied;
  const voteId = `v${input.topicId}`;
  const read = await topicWith(input.topicId, { vote: voteDocLookup(voteId, 'vote'), rolled: rollStartedLookup(voteId, 'rolled'), residents: residentsOfScopeLookup(RESIDENTS_PAGE, 'residents') });
  if (!read) throw new AppError('NOT_FOUND', '没有找到这个议题');
  const { topic, joined } = read;
  if (!canManageCommunity(ctx.user.roles, topic.communityId)) throw denied;
  const earlier = parseVoteDocs(joined.vote ?? [])[0];
  if (earlier && earlier.status === 'open' && BEFORE_VOTE.includes(topic.stage)) return opened(topic, earlier, ctx);
  if (earlier && earlier.status !== 'opening') throw new AppError('CONFLICT', ALREADY);
  if (!earlier && !BEFORE_VOTE.includes(topic.stage)) throw new AppError('FAILED_PRECONDITION', '议题受理后才能发起表决');
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
    status: 'open',
    eligible: 0,
    eligibleHouseholds: 0,
    result: null,
    closedAt: null,
  };
  const residents = await residentsOf(topic.communityId, topic.scope, parseResidents(joined.residents ?? []));
  const entries = new Map<string, RollDoc>();
  for (const r of residents) {
    const voterKey = vote.unit === 'household' ? r.household : r.openid;
    entries.set(voterKey, { _id: rollId(vote._id, voterKey), voteId: vote._id, voterKey, household: r.household, voted: false, channel: null, enteredBy: null, castKey: null });
  }
  const roll = [...entries.values()];
  if (!(await insertRoll(roll, earlier !== undefined || idsOf(joined.rolled).size > 0))) throw new AppError('CONFLICT', ALREADY);
  const counts = { eligible: roll.length, eligibleHouseholds: new Set(residents.map((r) => r.household)).size };
  // A vote left `opening` by an opening of the earlier kind (vote first, then roll) opens now.
  if (earlier) await markOpen(vote._id, counts);
  else if (!(await insertVoteOnce({ ...vote, ...counts }))) throw new AppError('CONFLICT', ALREADY);
  return opened(topic, { ...vote, ...counts, status: 'open' }, ctx);
}

/** The topic moves to voting with its vote (again, after a call that died before doing it). */
async function opened(topic: TopicDoc, vote: VoteDoc, ctx: RequestContext): Promise<Vote> {
  await moveTopicIf(topic._id, BEFORE_VOTE, { stage: 'voting', voteId: vote._id, updatedAt: ctx.now });
  return toVote(vote, 0);
}
