import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { TimePosition, dataOf, docById, parseDocs, setWhole, updatedOne } from './docs';

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
  /** `opening` while the roll is written (not listed), `open`, `posted` for objections, `final`. */
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

export async function insertCampaign(doc: CampaignDoc): Promise<void> {
  await campaigns().add({ data: doc });
}

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

/** A community's campaigns (of a year), newest first, not those still opening. */
export async function campaignsOf(communityId: string, year: number | undefined, after: TimePosition | null, limit: number): Promise<CampaignDoc[]> {
  const _ = database().command;
  const base: Record<string, unknown> = { communityId, status: _.in(['open', 'posted', 'objected', 'final']) };
  if (year !== undefined) base.year = year;
  const where = after ? _.and([base, _.or([{ opensAt: _.lt(after.time) }, { opensAt: after.time, _id: _.lt(after.id) }])]) : base;
  return parse(await campaigns().where(where).orderBy('opensAt', 'desc').orderBy('_id', 'desc').limit(limit).get());
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

/** An objection holds the result from becoming final (from posted, or counted again when already held). */
export async function holdForObjection(id: string): Promise<void> {
  const _ = database().command;
  await campaigns()
    .where({ _id: id, status: _.in(['posted', 'objected']) })
    .update({ data: { status: 'objected', objections: _.inc(1) } });
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
