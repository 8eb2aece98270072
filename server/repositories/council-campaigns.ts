import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { tallyLookups, tallyOf } from './council-ballots';
import { countOf, entryLookup, householdsVotedLookup, idsOf, markedLookup, turnoutLookup, turnoutOfEachLookup } from './council-roll';
import { TimePosition, dataOf, docById, firstRow, parseDocs, rowsOf, setWhole, updatedOne } from './docs';

/**
 * The only module that touches `council_campaigns`: the residents' yearly vote (群众评优). Its roll
 * and ballots live with the topics' votes in `council_roll` and `council_ballots`, under the
 * campaign's id, apart from each other as there.
 */
export const COUNCIL_CAMPAIGNS = 'council_campaigns';

const resultSchema = z.object({ tally: z.array(z.number()), ballots: z.number(), householdsVoted: z.number() });

const campaignDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  year: z.number(),
  title: z.string(),
  nominees: z.array(z.object({ name: z.string(), note: z.nullable(z.string()) })),
  maxChoices: z.number(),
  /** Always per household; kept so the shared ballot machinery reads it as it reads a vote. */
  unit: z.literal('household'),
  opensAt: z.date(),
  closesAt: z.date(),
  /** The opening day in Shanghai: the only time a ballot carries. */
  day: z.string(),
  /** `open` (inserted so once its roll is written), `posted` for objections, `final`; `opening` (not listed) only on a campaign an earlier opening, campaign first, left while writing its roll. */
  status: z.enum(['opening', 'open', 'posted', 'objected', 'final']),
  eligibleHouseholds: z.number(),
  result: z.nullable(resultSchema),
  objectionsUntil: z.nullable(z.date()),
  objections: z.number(),
  objectionAnswer: z.nullable(z.string()),
  createdBy: z.string(),
  createdAt: z.date(),
});
export type CampaignDoc = z.infer<typeof campaignDocSchema>;
export type CampaignResult = z.infer<typeof resultSchema>;

const campaigns = () => database().collection(COUNCIL_CAMPAIGNS);
const parse = (res: unknown) => parseDocs(campaignDocSchema, COUNCIL_CAMPAIGNS, dataOf(res));

/** One campaign a title a community a year: a retried opening finishes the same roll. */
export const campaignIdOf = (communityId: string, year: number, title: string) => `cp-${crypto.createHash('sha256').update(`${communityId}|${year}|${title}`).digest('hex').slice(0, 24)}`;

export const getCampaign = (id: string) => docById(COUNCIL_CAMPAIGNS, campaignDocSchema, id);

/** A campaign as a ballot or a page needs it: the document, its turnout, and the caller's household on its roll. */
export interface CampaignReading {
  campaign: CampaignDoc;
  turnout: number;
  /** The household's roll entry is marked voted. */
  voted: boolean;
  /** The household is on the roll at all. */
  onRoll: boolean;
}

/** The campaign with its turnout and, given a roll entry's id, that household's standing, in one aggregation; null when there is none. */
export async function campaignReading(id: string, rollId: string | null = null): Promise<CampaignReading | null> {
  let query = campaigns().aggregate().match({ _id: id }).lookup(turnoutLookup(id, 'turnout'));
  if (rollId) query = query.lookup(markedLookup([rollId], 'marked')).lookup(entryLookup(rollId, 'entry'));
  const row = firstRow(await query.end());
  if (!row) return null;
  const { turnout, marked, entry, ...doc } = row;
  return { campaign: parse({ data: [doc] })[0], turnout: countOf(turnout), voted: idsOf(marked).size > 0, onRoll: idsOf(entry).size > 0 };
}

/** The campaign with its ballots and roll counted (per nominee, in all, households that voted), in ONE aggregation: what a close posts. Null when there is none. */
export async function campaignCounted(id: string): Promise<{ campaign: CampaignDoc; count: CampaignResult } | null> {
  let query = campaigns().aggregate().match({ _id: id });
  for (const lookup of [...tallyLookups(id, 'tally'), householdsVotedLookup(id, 'households')]) query = query.lookup(lookup);
  const row = firstRow(await query.end());
  if (!row) return null;
  const { tally, tallyTotal, households, ...doc } = row;
  const campaign = parse({ data: [doc] })[0];
  return { campaign, count: { ...tallyOf({ tally, tallyTotal }, 'tally', campaign.nominees.length), householdsVoted: countOf(households) } };
}

/** For another repository's aggregation (a lookup): the campaign of this id, if there is one, read with `parseCampaignDocs`. */
export function campaignDocLookup(id: string, as: string): Record<string, unknown> {
  return { from: COUNCIL_CAMPAIGNS, pipeline: [{ $match: { _id: id } }], as };
}

/** Inserts the campaign, once: false when it was there (another opening of the same name came first). */
export async function insertCampaignOnce(doc: CampaignDoc): Promise<boolean> {
  try {
    await campaigns().add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** A campaign an opening of the earlier kind left `opening` (campaign first, then roll) opens with its count. */
export async function markCampaignOpen(id: string, eligibleHouseholds: number): Promise<void> {
  await campaigns()
    .doc(id)
    .update({ data: { status: 'open', eligibleHouseholds } });
}

/** Posts the counts once: the timer and a committee member closing together change it once. */
export async function postIfOpen(id: string, result: CampaignResult, objectionsUntil: Date): Promise<boolean> {
  return updatedOne(
    await campaigns()
      .where({ _id: id, status: 'open' })
      .update({ data: setWhole({ status: 'posted', result, objectionsUntil }) }),
  );
}

/** A community's campaigns (of a year), newest first, not those still opening, each with its turnout: one aggregation. */
export async function campaignsWithTurnout(communityId: string, year: number | undefined, after: TimePosition | null, limit: number): Promise<{ campaign: CampaignDoc; turnout: number }[]> {
  const res = await campaigns()
    .aggregate()
    .match(campaignsWhere(communityId, year, after))
    .sort({ opensAt: -1, _id: -1 })
    .limit(limit)
    .lookup(turnoutOfEachLookup('turnout'))
    .end();
  return rowsOf(res).map(({ turnout, ...doc }) => ({ campaign: parse({ data: [doc] })[0], turnout: countOf(turnout) }));
}

/** For another repository's aggregation (a lookup): a community's campaigns of a year, newest first, read with `parseCampaignDocs`. */
export function campaignsLookup(communityId: string, year: number, limit: number, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: COUNCIL_CAMPAIGNS, pipeline: [{ $match: { communityId, year, status: { $in: LISTED } } }, { $sort: { opensAt: -1, _id: -1 } }, { $limit: limit }], as };
}

export const parseCampaignDocs = (raw: unknown): CampaignDoc[] => parse({ data: raw });

const LISTED = ['open', 'posted', 'objected', 'final'];

function campaignsWhere(communityId: string, year: number | undefined, after: TimePosition | null): object {
  const _ = database().command;
  const base: Record<string, unknown> = { communityId, status: _.in(LISTED) };
  if (year !== undefined) base.year = year;
  return after ? _.and([base, _.or([{ opensAt: _.lt(after.time) }, { opensAt: after.time, _id: _.lt(after.id) }])]) : base;
}

/** Jobs: open campaigns whose window (and grace) has passed. */
export async function campaignsToClose(before: Date, limit: number): Promise<CampaignDoc[]> {
  const _ = database().command;
  return parse(
    await campaigns()
      .where({ status: 'open', closesAt: _.lte(before) })
      .orderBy('closesAt', 'asc')
      .limit(limit)
      .get(),
  );
}

/**
 * An objection holds the result from becoming final (from posted, or counted again when already held);
 * `from` narrows it to one status (a retry finishing a hold a crash left undone).
 */
export async function holdForObjection(id: string, from: CampaignDoc['status'][] = ['posted', 'objected']): Promise<boolean> {
  const _ = database().command;
  return updatedOne(
    await campaigns()
      .where({ _id: id, status: _.in(from) })
      .update({ data: { status: 'objected', objections: _.inc(1) } }),
  );
}

/** The committee's public answer to the objections makes the result final, once. */
export async function answerIfObjected(id: string, answer: string): Promise<boolean> {
  return updatedOne(
    await campaigns()
      .where({ _id: id, status: 'objected' })
      .update({ data: { status: 'final', objectionAnswer: answer } }),
  );
}

/** Jobs: posted results whose days of objections are over become final; how many. */
export async function finaliseCampaigns(now: Date): Promise<number> {
  const res: unknown = await campaigns()
    .where({ status: 'posted', objectionsUntil: database().command.lte(now) })
    .update({ data: { status: 'final' } });
  const stats = typeof res === 'object' && res !== null && 'stats' in res ? (res.stats as { updated?: number }) : {};
  return stats.updated ?? 0;
}
