import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { dataOf, readInTransaction, totalOf } from './docs';

/**
 * The only module that touches `council_roll`: who may vote in a vote, frozen when it opens, and
 * whether they have voted. It never holds a choice (those are in `council_ballots`, with no voter),
 * and an entry is never removed: its _id, from the vote and the voter, is its unique key.
 */
export const COUNCIL_ROLL = 'council_roll';

const rollDocSchema = z.object({
  _id: z.string(),
  voteId: z.string(),
  /** The household (building|room) for household votes, the openid for per-person votes. */
  voterKey: z.string(),
  household: z.string(),
  voted: z.boolean(),
  channel: z.nullable(z.enum(['online', 'paper'])),
  /** The committee member who entered a paper ballot. */
  enteredBy: z.nullable(z.string()),
  /** A digest of the voter and their call's idempotency key: a retried call is answered as the first was. */
  castKey: z.nullable(z.string()),
});
export type RollDoc = z.infer<typeof rollDocSchema>;

export function rollId(voteId: string, voterKey: string): string {
  return crypto.createHash('sha256').update(`${voteId}|${voterKey}`).digest('hex').slice(0, 32);
}

const roll = () => database().collection(COUNCIL_ROLL);

/** Writes the frozen roll in batches (one request a batch). */
export async function insertRoll(docs: RollDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) await roll().add({ data: docs.slice(i, i + 500) });
}

export const getRollInTransaction = (tx: Tx, id: string) => readInTransaction(tx, COUNCIL_ROLL, id, rollDocSchema);

export async function markVotedInTransaction(tx: Tx, id: string, mark: Pick<RollDoc, 'channel' | 'enteredBy' | 'castKey'>): Promise<void> {
  await tx
    .collection(COUNCIL_ROLL)
    .doc(id)
    .update({ data: { voted: true, ...mark } });
}

export async function isMarked(id: string): Promise<boolean> {
  const data = dataOf(await roll().where({ _id: id, voted: true }).field({ _id: true }).get());
  return Array.isArray(data) && data.length > 0;
}

/** Whether an entry is on the roll at all (voted or not). */
export async function isOnRoll(id: string): Promise<boolean> {
  return totalOf(await roll().where({ _id: id }).count()) > 0;
}

export async function countVoted(voteId: string): Promise<number> {
  return totalOf(await roll().where({ voteId, voted: true }).count());
}

/** Turnout of several votes or campaigns at once, in one aggregation (a list pays one read, not one a row). */
export async function countVotedOf(voteIds: string[]): Promise<Map<string, number>> {
  if (voteIds.length === 0) return new Map();
  const _ = database().command;
  const res = await roll()
    .aggregate()
    .match({ voteId: _.in(voteIds), voted: true })
    .group({ _id: '$voteId', n: _.aggregate.sum(1) })
    .end();
  const list = typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? (res.list as { _id: string; n: number }[]) : [];
  return new Map(list.map((row) => [row._id, row.n]));
}

/** Distinct households with at least one vote: the quorum's count (equal to the turnout for household votes). */
export async function householdsVoted(voteId: string): Promise<number> {
  const res = await roll().aggregate().match({ voteId, voted: true }).group({ _id: '$household' }).count('n').end();
  const list = typeof res === 'object' && res !== null && 'list' in res && Array.isArray(res.list) ? res.list : [];
  return typeof list[0]?.n === 'number' ? list[0].n : 0;
}
