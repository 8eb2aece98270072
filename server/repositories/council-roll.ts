import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Tx } from '../kit/transaction';
import { readInTransaction } from './docs';

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

/**
 * Writes the frozen roll, 500 entries a request. `resuming` (an opening that died part way wrote
 * some): a batch refused for an entry already there is written entry by entry, keeping those. False
 * when, not resuming, a batch met entries already there: another opening of the same vote came first.
 */
export async function insertRoll(docs: RollDoc[], resuming: boolean): Promise<boolean> {
  for (let i = 0; i < docs.length; i += 500) {
    const batch = docs.slice(i, i + 500);
    try {
      await roll().add({ data: batch });
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      if (!resuming) return false;
      for (const entry of batch) await insertIfAbsent(entry);
    }
  }
  return true;
}

async function insertIfAbsent(entry: RollDoc): Promise<void> {
  try {
    await roll().add({ data: [entry] });
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
}

/** For another repository's aggregation (a lookup): whether any entry of a vote's roll is written (an opening that died part way), read with `idsOf`. */
export function rollStartedLookup(voteId: string, as: string): Record<string, unknown> {
  return { from: COUNCIL_ROLL, pipeline: [{ $match: { voteId } }, { $limit: 1 }, { $project: { _id: 1 } }], as };
}

export const getRollInTransaction = (tx: Tx, id: string) => readInTransaction(tx, COUNCIL_ROLL, id, rollDocSchema);

export async function markVotedInTransaction(tx: Tx, id: string, mark: Pick<RollDoc, 'channel' | 'enteredBy' | 'castKey'>): Promise<void> {
  await tx
    .collection(COUNCIL_ROLL)
    .doc(id)
    .update({ data: { voted: true, ...mark } });
}

/** For another repository's aggregation (a lookup): how many of a vote's (or campaign's) roll have voted, read with `countOf`. */
export function turnoutLookup(voteId: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: COUNCIL_ROLL, pipeline: [{ $match: { voteId, voted: true } }, { $count: 'n' }], as };
}

/** The same for each row of a list of votes or campaigns: the turnout of the row's own `_id`. */
export function turnoutOfEachLookup(as: string): Record<string, unknown> {
  return { from: COUNCIL_ROLL, let: { vote: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$voteId', '$$vote'] }, voted: true } }, { $count: 'n' }], as };
}

/** For another repository's aggregation (a lookup): which of these roll entries are marked voted (their ids only). */
export function markedLookup(ids: string[], as: string): Record<string, unknown> {
  return { from: COUNCIL_ROLL, pipeline: [{ $match: { _id: { $in: ids }, voted: true } }, { $project: { _id: 1 } }], as };
}

/** A roll entry by id, for another repository's aggregation (a lookup): whether the voter is on the roll at all. */
export function entryLookup(id: string, as: string): Record<string, unknown> {
  return { from: COUNCIL_ROLL, pipeline: [{ $match: { _id: id } }, { $project: { _id: 1 } }], as };
}

/** The count a `turnoutLookup` answered. */
export function countOf(rows: unknown): number {
  return Array.isArray(rows) && typeof rows[0]?.n === 'number' ? rows[0].n : 0;
}

/** The ids a `markedLookup` (or `entryLookup`) answered. */
export function idsOf(rows: unknown): Set<string> {
  return new Set(Array.isArray(rows) ? rows.map((r) => String(r?._id)) : []);
}

/** For another repository's aggregation (a lookup): distinct households with at least one vote, the quorum's count (equal to the turnout for household votes); read with `countOf`. */
export function householdsVotedLookup(voteId: string, as: string): Record<string, unknown> {
  return { from: COUNCIL_ROLL, pipeline: [{ $match: { voteId, voted: true } }, { $group: { _id: '$household' } }, { $count: 'n' }], as };
}
