import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { Vote, choicesError, householdKey } from '../../../../../domain/council';
import { councilContract } from '../../../../../domain/contract/council';
import { canManageCommunity } from '../../../../../domain/permissions';
import { AppError } from '../../../../../domain/result';
import { RequestContext } from '../../../../../server/kit/router';
import { inTransaction } from '../../../../../server/kit/transaction';
import { insertBallotInTransaction, newBallot } from '../../../../../server/repositories/council-ballots';
import { RollDoc, getRollInTransaction, markVotedInTransaction, rollId } from '../../../../../server/repositories/council-roll';
import { VoteDoc, VoteReading, voteReading } from '../../../../../server/repositories/council-votes';
import { toVote } from '../../views';

type CastInput = z.infer<typeof councilContract.castVote.input>;
type PaperInput = z.infer<typeof councilContract.paperBallot.input>;

/**
 * A resident votes for their household (or themselves, in a per-person vote). A retry of the same
 * call (same voter, same idempotency key) finds its own mark on the roll and gets the same answer.
 */
export async function castVote(input: CastInput, ctx: RequestContext): Promise<{ voted: true; vote: Vote }> {
  const { vote, turnout } = openVoteFor(await voteReading(input.voteId), input.choices, ctx.now);
  const { buildingId, room } = ctx.user;
  if (ctx.user.communityId !== vote.communityId || !buildingId || !room) throw new AppError('PERMISSION_DENIED', '只有本议事范围内已绑定房屋的居民可以投票');
  const voterKey = vote.unit === 'household' ? householdKey(buildingId, room) : ctx.openid;
  const counted = await record(vote, voterKey, input.choices, { channel: 'online', enteredBy: null, castKey: castKeyOf(ctx) });
  return { voted: true, vote: toVote(vote, turnout + (counted ? 1 : 0)) };
}

/** A digest of the voter and their call's idempotency key: a retry finds its own mark on the roll. */
export function castKeyOf(ctx: RequestContext): string | null {
  return ctx.idempotencyKey ? crypto.createHash('sha256').update(`${ctx.openid}|${ctx.idempotencyKey}`).digest('hex').slice(0, 32) : null;
}

/** A committee member enters a household's paper ballot; the roll says it came on paper, the ballot does not. */
export async function paperBallot(input: PaperInput, ctx: RequestContext): Promise<{ voted: true; vote: Vote }> {
  const reading = await voteReading(input.voteId);
  if (reading && !canManageCommunity(ctx.user.roles, reading.vote.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以录入纸质选票');
  const { vote, turnout } = openVoteFor(reading, input.choices, ctx.now);
  if (vote.unit === 'person' && !input.openid) throw new AppError('INVALID_ARGUMENT', '按人表决的纸质选票请注明投票人');
  const household = householdKey(input.buildingId, input.room);
  const voterKey = vote.unit === 'household' ? household : (input.openid as string);
  // Per person: the named voter must be on the roll as a member of the household the ballot names.
  await record(vote, voterKey, input.choices, { channel: 'paper', enteredBy: ctx.openid, castKey: null }, household);
  return { voted: true, vote: toVote(vote, turnout + 1) };
}

/** The vote (read with its turnout before this ballot), open now, and the choices fit it; else a clear refusal before any write. */
function openVoteFor(reading: VoteReading | null, choices: number[], now: Date): VoteReading {
  if (!reading) throw new AppError('NOT_FOUND', '没有找到这次表决');
  const { vote } = reading;
  if (vote.status !== 'open' || now >= vote.closesAt) throw new AppError('FAILED_PRECONDITION', '这次表决不在投票期内');
  const problem = choicesError(choices, vote.options.length, vote.maxChoices);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem);
  return reading;
}

/**
 * Marks the roll and drops the ballot in ONE transaction: a crash leaves both or neither, and two
 * members of a household voting at once conflict on the roll entry, so one of them finds it marked.
 * Shared by topics' votes and the residents' yearly vote (群众评优): both keep their roll and ballots here.
 * The transaction is the floor of a vote's cost (its start, the roll entry read, the mark, the
 * ballot, the commit): the mark and the ballot are two documents that must not be joined, so no one
 * conditional write can hold both. False when a retry of the same call found its own mark.
 */
export async function record(
  vote: Pick<VoteDoc, '_id' | 'unit' | 'day'>,
  voterKey: string,
  choices: number[],
  mark: Pick<RollDoc, 'channel' | 'enteredBy' | 'castKey'>,
  household: string | null = null,
): Promise<boolean> {
  const id = rollId(vote._id, voterKey);
  const paper = mark.channel === 'paper';
  return inTransaction(async (tx) => {
    const entry = await getRollInTransaction(tx, id);
    if (!entry || (household !== null && entry.household !== household))
      throw new AppError('PERMISSION_DENIED', paper ? '这张选票上的住户（或投票人）不在这次表决的名册上' : '您不在这次表决的名册上（名册在表决开始时确定）');
    if (entry.voted && mark.castKey !== null && entry.castKey === mark.castKey) return false;
    if (entry.voted && paper) throw new AppError('CONFLICT', vote.unit === 'household' ? '这一户已经投过票了' : '这位居民已经投过票了');
    if (entry.voted) throw new AppError('CONFLICT', vote.unit === 'household' ? '您家已经投过票了' : '您已经投过票了');
    await markVotedInTransaction(tx, id, mark);
    await insertBallotInTransaction(tx, newBallot(vote._id, choices, vote.day));
    return true;
  });
}
