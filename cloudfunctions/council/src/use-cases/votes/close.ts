import { z } from 'zod/mini';
import { Vote, decide } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { tallyBallots } from '../../../../../server/repositories/council-ballots';
import { householdsVoted } from '../../../../../server/repositories/council-roll';
import { moveTopicIf } from '../../../../../server/repositories/council-topics';
import { VoteDoc, closeIfOpen, getVote, votesToClose } from '../../../../../server/repositories/council-votes';
import { toVote } from '../../views';

type CloseInput = z.infer<typeof councilContract.closeVote.input>;

/** A ballot whose transaction began just before the window ended may still be committing: the count waits this long. */
export const CLOSE_GRACE_MS = 60_000;

/** A committee member closes a vote once its window (and the grace) has passed, publishing the result. */
export async function closeVote(input: CloseInput, ctx: RequestContext): Promise<Vote> {
  const vote = await getVote(input.voteId);
  if (!vote) throw new AppError('NOT_FOUND', '没有找到这次表决');
  if (!canManageCommunity(ctx.user.roles, vote.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以结束表决');
  if (vote.status === 'closed') return toVote(vote, 0);
  if (ctx.now.getTime() < vote.closesAt.getTime() + CLOSE_GRACE_MS) throw new AppError('FAILED_PRECONDITION', '表决期结束后才能计票');
  return toVote(await close(vote, ctx.now), 0);
}

/** Counts the ballots, decides quorum and majority, and publishes once; the topic becomes decided. */
export async function close(vote: VoteDoc, now: Date): Promise<VoteDoc> {
  const [{ tally, ballots }, households] = await Promise.all([tallyBallots(vote._id, vote.options.length), householdsVoted(vote._id)]);
  const result = { tally, ballots, householdsVoted: households, ...decide(tally, ballots, households, vote.eligibleHouseholds) };
  if (await closeIfOpen(vote._id, result, now)) {
    await moveTopicIf(vote.topicId, 'voting', { stage: 'decided', updatedAt: now });
    return { ...vote, status: 'closed', result, closedAt: now };
  }
  return (await getVote(vote._id)) ?? vote;
}

/** Timer job: closes every vote whose window and grace have passed. */
export async function closeDueVotes(now: Date): Promise<number> {
  const due = await votesToClose(new Date(now.getTime() - CLOSE_GRACE_MS), 20);
  for (const vote of due) await close(vote, now);
  return due.length;
}
