import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';

/**
 * The only module that touches `council_ballots`: the secret ballots. A ballot holds the vote, the
 * choices and the vote's opening day, nothing else: a random id (not time-ordered), no voter, no
 * household, no time of casting, no channel, so nothing in it can be joined to the roll.
 */
export const COUNCIL_BALLOTS = 'council_ballots';

export const ballotDocSchema = z.strictObject({ _id: z.string(), voteId: z.string(), choices: z.array(z.number()), day: z.string() });
export type BallotDoc = z.infer<typeof ballotDocSchema>;

export function newBallot(voteId: string, choices: number[], day: string): BallotDoc {
  return { _id: crypto.randomBytes(16).toString('hex'), voteId, choices: [...choices].sort((a, b) => a - b), day };
}

export async function insertBallotInTransaction(tx: Tx, ballot: BallotDoc): Promise<void> {
  await tx.collection(COUNCIL_BALLOTS).add({ data: ballot });
}

/** The count per option and the number of ballots, counted by the database. */
export async function tallyBallots(voteId: string, options: number): Promise<{ tally: number[]; ballots: number }> {
  const $ = database().command.aggregate;
  const ballots = database().collection(COUNCIL_BALLOTS);
  const [perOption, total] = await Promise.all([
    ballots
      .aggregate()
      .match({ voteId })
      .unwind('$choices')
      .group({ _id: '$choices', n: $.sum(1) })
      .end(),
    ballots.where({ voteId }).count(),
  ]);
  const tally = new Array<number>(options).fill(0);
  const list = typeof perOption === 'object' && perOption !== null && 'list' in perOption && Array.isArray(perOption.list) ? perOption.list : [];
  for (const row of list) if (typeof row._id === 'number' && row._id >= 0 && row._id < options) tally[row._id] = row.n;
  const n = typeof total === 'object' && total !== null && 'total' in total && typeof total.total === 'number' ? total.total : 0;
  return { tally, ballots: n };
}
