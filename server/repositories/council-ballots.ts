import crypto from 'node:crypto';
import { z } from 'zod/mini';
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

/**
 * For another repository's aggregation (lookups beside the vote or campaign): the ballots counted by
 * the database, per option and in all, under `as` and `as` + `Total`; read with `tallyOf`. Only
 * counts leave the collection.
 */
export function tallyLookups(voteId: string, as: string): Record<string, unknown>[] {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return [
    { from: COUNCIL_BALLOTS, pipeline: [{ $match: { voteId } }, { $unwind: '$choices' }, { $group: { _id: '$choices', n: { $sum: 1 } } }], as },
    { from: COUNCIL_BALLOTS, pipeline: [{ $match: { voteId } }, { $count: 'n' }], as: `${as}Total` },
  ];
}

/** The count per option (of `options`) and the number of ballots that `tallyLookups` answered in `row`. */
export function tallyOf(row: Record<string, unknown>, as: string, options: number): { tally: number[]; ballots: number } {
  const tally = new Array<number>(options).fill(0);
  const perOption = Array.isArray(row[as]) ? (row[as] as Record<string, unknown>[]) : [];
  for (const r of perOption) if (typeof r._id === 'number' && r._id >= 0 && r._id < options && typeof r.n === 'number') tally[r._id] = r.n;
  const total = row[`${as}Total`];
  return { tally, ballots: Array.isArray(total) && typeof total[0]?.n === 'number' ? total[0].n : 0 };
}
