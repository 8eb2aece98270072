import { z } from 'zod/mini';
import { Vote, decide } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { Budget, UNBOUNDED } from '../../../../../server/kit/timers';
import { moveTopicIf, topicStageLookup, topicStageOf } from '../../../../../server/repositories/council-topics';
import { VoteCount, VoteDoc, closeIfOpen, getVote, voteCounted, votesEndingSince, votesToClose } from '../../../../../server/repositories/council-votes';
import { toVote } from '../../views';

type CloseInput = z.infer<typeof councilContract.closeVote.input>;

/** A ballot whose transaction began just before the window ended may still be committing: the count waits this long. */
export const CLOSE_GRACE_MS = 60_000;

/**
 * A committee member closes a vote once its window (and the grace) has passed, publishing the
 * result: the vote with its ballots and roll counted and its topic's stage in one read, the one
 * conditional publish, the topic's move. A vote already closed whose topic a dying call left in
 * `voting` moves it now.
 */
export async function closeVote(input: CloseInput, ctx: RequestContext): Promise<Vote> {
  const read = await voteCounted(input.voteId, [topicStageLookup('topicId', 'topic')]);
  if (!read) throw new AppError('NOT_FOUND', '没有找到这次表决');
  const { vote, count } = read;
  if (!canManageCommunity(ctx.user.roles, vote.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以结束表决');
  if (vote.status === 'closed') {
    if (topicStageOf(read.row.topic) === 'voting') await topicDecided(vote, ctx.now);
    return toVote(vote, 0);
  }
  if (ctx.now.getTime() < vote.closesAt.getTime() + CLOSE_GRACE_MS) throw new AppError('FAILED_PRECONDITION', '表决期结束后才能计票');
  return toVote(await close(vote, count, ctx.now), 0);
}

/** Decides quorum and majority on the count, and publishes once; the topic becomes decided. */
async function close(vote: VoteDoc, count: VoteCount, now: Date): Promise<VoteDoc> {
  const result = { ...count, ...decide(count.tally, count.ballots, count.householdsVoted, vote.eligibleHouseholds) };
  if (await closeIfOpen(vote._id, result, now)) {
    await topicDecided(vote, now);
    return { ...vote, status: 'closed', result, closedAt: now };
  }
  return (await getVote(vote._id)) ?? vote;
}

const topicDecided = (vote: VoteDoc, now: Date) => moveTopicIf(vote.topicId, 'voting', { stage: 'decided', updatedAt: now });

/** How far back the timer looks for a closed vote whose topic a dying call left in `voting`. */
const REPAIR_WINDOW_MS = 2 * 24 * 3600_000;

/**
 * Timer job: closes every vote whose window and grace have passed (each read with its count, then
 * published). Then, in one aggregation of the votes open or closed in the last two days with their
 * topics' stages, finishes the topic's move a dying call left undone: an open vote's topic to
 * voting (the opening died after inserting it), a closed vote's to decided (the close died after
 * publishing). Stops starting anything once its budget is spent: what is left is the next run's.
 */
export async function closeDueVotes(now: Date, budget: Budget = UNBOUNDED): Promise<number> {
  const due = await votesToClose(new Date(now.getTime() - CLOSE_GRACE_MS), 20);
  let done = 0;
  for (const { _id } of due) {
    if (budget.spent()) return done;
    const read = await voteCounted(_id);
    if (read?.vote.status === 'open') await close(read.vote, read.count, now);
    done++;
  }
  if (budget.spent()) return done;
  const recent = await votesEndingSince(new Date(now.getTime() - REPAIR_WINDOW_MS), 100, [topicStageLookup('topicId', 'topic')]);
  let moved = 0;
  for (const { vote, row } of recent) {
    if (budget.spent()) break;
    const stage = topicStageOf(row.topic);
    if (vote.status === 'open' && (stage === 'accepted' || stage === 'deliberating')) {
      await moveTopicIf(vote.topicId, ['accepted', 'deliberating'], { stage: 'voting', voteId: vote._id, updatedAt: now });
      moved++;
    } else if (vote.status === 'closed' && stage === 'voting') {
      await topicDecided(vote, now);
      moved++;
    }
  }
  return done + moved;
}
