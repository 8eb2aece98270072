import { z } from 'zod/mini';
import { VOTE_UNITS } from '../../domain/council';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { Tx } from '../kit/transaction';
import { tallyLookups, tallyOf } from './council-ballots';
import { markedLookup, idsOf, countOf, householdsVotedLookup, turnoutLookup } from './council-roll';
import { dataOf, docById, firstRow, parseDocs, readInTransaction, rowsOf, setWhole, updatedOne } from './docs';

/** The only module that touches `council_votes`: a topic's vote, its window, and its published result. */
export const COUNCIL_VOTES = 'council_votes';

const resultSchema = z.object({
  tally: z.array(z.number()),
  ballots: z.number(),
  householdsVoted: z.number(),
  quorum: z.boolean(),
  winner: z.nullable(z.number()),
});

const voteDocSchema = z.object({
  _id: z.string(),
  topicId: z.string(),
  communityId: z.string(),
  question: z.string(),
  options: z.array(z.string()),
  maxChoices: z.number(),
  unit: z.enum(VOTE_UNITS),
  opensAt: z.date(),
  closesAt: z.date(),
  /** The opening day in Shanghai (YYYY-MM-DD): the only time a ballot carries. */
  day: z.string(),
  /** `open` (inserted so once its roll is written), `closed`; `opening` only on a vote an earlier opening, vote first, left while writing its roll. */
  status: z.enum(['opening', 'open', 'closed']),
  eligible: z.number(),
  eligibleHouseholds: z.number(),
  result: z.nullable(resultSchema),
  closedAt: z.nullable(z.date()),
});
export type VoteDoc = z.infer<typeof voteDocSchema>;
export type VoteResult = z.infer<typeof resultSchema>;

const votes = () => database().collection(COUNCIL_VOTES);

export const getVote = (id: string) => docById(COUNCIL_VOTES, voteDocSchema, id);
export const getVoteInTransaction = (tx: Tx, id: string) => readInTransaction(tx, COUNCIL_VOTES, id, voteDocSchema);

/** A vote as a ballot or a page needs it: the document, its turnout, and which of `rollIds` are marked voted. */
export interface VoteReading {
  vote: VoteDoc;
  turnout: number;
  marked: Set<string>;
}

/** The vote with its turnout (and the caller's roll entries, if asked) in one aggregation; null when there is no such vote. */
export async function voteReading(id: string, rollIds: string[] = []): Promise<VoteReading | null> {
  let query = votes().aggregate().match({ _id: id }).lookup(turnoutLookup(id, 'turnout'));
  if (rollIds.length > 0) query = query.lookup(markedLookup(rollIds, 'marked'));
  const row = firstRow(await query.end());
  return row ? parseVoteReading(row) : null;
}

/** For another repository's aggregation (a lookup): the vote with its turnout and which of `rollIds` are marked, read with `parseVoteReading`. */
export function voteLookup(id: string, rollIds: string[], as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: COUNCIL_VOTES, pipeline: [{ $match: { _id: id } }, { $lookup: turnoutLookup(id, 'turnout') }, { $lookup: markedLookup(rollIds, 'marked') }], as };
}

/** A vote read by another repository's aggregation with `turnout` and `marked` beside it (lookups of the roll). */
export function parseVoteReading(row: Record<string, unknown>): VoteReading {
  const { turnout, marked, ...doc } = row;
  return { vote: parseDocs(voteDocSchema, COUNCIL_VOTES, [doc])[0], turnout: countOf(turnout), marked: idsOf(marked) };
}

/** What a close publishes, counted by the database: per option, ballots, and the households that voted. */
export type VoteCount = Pick<VoteResult, 'tally' | 'ballots' | 'householdsVoted'>;

/**
 * The vote with its ballots and roll counted (per option, in all, households that voted), in ONE
 * aggregation: what a close publishes; `beside`: other repositories' lookups, their rows in `row`.
 * Null when there is no such vote.
 */
export async function voteCounted(id: string, beside: Record<string, unknown>[] = []): Promise<{ vote: VoteDoc; count: VoteCount; row: Record<string, unknown> } | null> {
  let query = votes().aggregate().match({ _id: id });
  for (const lookup of [...tallyLookups(id, 'tally'), householdsVotedLookup(id, 'households'), ...beside]) query = query.lookup(lookup);
  const row = firstRow(await query.end());
  if (!row) return null;
  const { tally, tallyTotal, households, ...doc } = row;
  for (const lookup of beside) delete doc[String(lookup.as)];
  const vote = parseDocs(voteDocSchema, COUNCIL_VOTES, [doc])[0];
  return { vote, count: { ...tallyOf({ tally, tallyTotal }, 'tally', vote.options.length), householdsVoted: countOf(households) }, row };
}

/** For another repository's aggregation (a lookup): the vote of this id, if there is one, read with `parseVoteDocs`. */
export function voteDocLookup(id: string, as: string): Record<string, unknown> {
  return { from: COUNCIL_VOTES, pipeline: [{ $match: { _id: id } }], as };
}

export const parseVoteDocs = (raw: unknown[]): VoteDoc[] => parseDocs(voteDocSchema, COUNCIL_VOTES, raw);

/** Inserts the vote, once: false when it was there (another opening of the topic came first). */
export async function insertVoteOnce(doc: VoteDoc): Promise<boolean> {
  try {
    await votes().add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** The roll is written: a vote an opening of the earlier kind left `opening` opens with its counts of who may vote. */
export async function markOpen(id: string, counts: Pick<VoteDoc, 'eligible' | 'eligibleHouseholds'>): Promise<void> {
  await votes()
    .doc(id)
    .update({ data: { status: 'open', ...counts } });
}

/** Publishes the result once: a second close (the timer and a committee member together) changes nothing. */
export async function closeIfOpen(id: string, result: VoteResult, now: Date): Promise<boolean> {
  return updatedOne(
    await votes()
      .where({ _id: id, status: 'open' })
      .update({ data: setWhole({ status: 'closed', result, closedAt: now }) }),
  );
}

/** Jobs: open votes whose window has ended (plus the grace a late ballot may need to commit). */
export async function votesToClose(before: Date, limit: number): Promise<VoteDoc[]> {
  const _ = database().command;
  return parseDocs(
    voteDocSchema,
    COUNCIL_VOTES,
    dataOf(
      await votes()
        .where({ status: 'open', closesAt: _.lte(before) })
        .orderBy('closesAt', 'asc')
        .limit(limit)
        .get(),
    ),
  );
}

/**
 * Jobs: votes open or closed whose window ends after `since` (every open vote, and those closed
 * lately: a close comes within minutes of the end), latest first, each with the rows of `lookups`
 * beside it (another repository's, e.g. its topic's stage).
 */
export async function votesEndingSince(since: Date, limit: number, lookups: Record<string, unknown>[]): Promise<{ vote: VoteDoc; row: Record<string, unknown> }[]> {
  const _ = database().command;
  let query = votes()
    .aggregate()
    .match({ status: _.in(['open', 'closed']), closesAt: _.gte(since) })
    .sort({ closesAt: -1 })
    .limit(limit);
  for (const lookup of lookups) query = query.lookup(lookup);
  return rowsOf(await query.end()).map((row) => {
    const doc: Record<string, unknown> = { ...row };
    for (const lookup of lookups) delete doc[String(lookup.as)];
    return { vote: parseDocs(voteDocSchema, COUNCIL_VOTES, [doc])[0], row };
  });
}
