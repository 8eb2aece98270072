import { z } from 'zod/mini';
import { scopeSchema, topicStageSchema } from '../../domain/council';
import { database } from '../kit/cloud';
import { supportLookup } from './council-supports';
import { VoteReading, parseVoteReading, voteLookup } from './council-votes';
import { dataOf, docById, docWith, parseDocs, personalRead, setWhole, updatedOne, updateWhere } from './docs';

/** The only module that touches `council_topics`: topics (议题) put to a body, and their stage. */
export const COUNCIL_TOPICS = 'council_topics';

const topicDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  bodyId: z.string(),
  bodyName: z.string(),
  /** The body's scope when proposed: who may support. */
  scope: scopeSchema,
  title: z.string(),
  content: z.string(),
  photos: z.array(z.string()),
  stage: topicStageSchema,
  proposerOpenid: z.string(),
  proposerName: z.string(),
  supports: z.number(),
  /** The households counted in `supports` (building|room), written with it: the once-per-household guard. Absent on topics from before it was kept. */
  supportedBy: z.optional(z.array(z.string())),
  threshold: z.number(),
  supportUntil: z.date(),
  screenBy: z.nullable(z.date()),
  screeningOverdue: z.boolean(),
  declineReason: z.nullable(z.string()),
  voteId: z.nullable(z.string()),
  /** The 意见建议 demand the committee turned into this topic (absent on topics proposed directly). */
  demandId: z.optional(z.nullable(z.string())),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TopicDoc = z.infer<typeof topicDocSchema>;
export type TopicPatch = Partial<Pick<TopicDoc, 'stage' | 'supports' | 'screenBy' | 'screeningOverdue' | 'declineReason' | 'voteId' | 'updatedAt'>>;

const topics = () => database().collection(COUNCIL_TOPICS);

export const getTopic = (id: string) => docById(COUNCIL_TOPICS, topicDocSchema, id);

/** A topic as a page (or a support) needs it: whether a household's support is recorded, and its vote as `voteReading` reads it. */
export interface TopicReading {
  topic: TopicDoc;
  /** The household asked about has supported: counted on the topic, or recorded before the topic kept `supportedBy`. */
  supported: boolean;
  /** The household's support is recorded in council_supports. */
  recorded: boolean;
  vote: VoteReading | null;
}

/**
 * The topic, in one aggregation, with what the caller's household did: its support, and the vote
 * the topic was put to (`voteId`: the vote's id, `v` + the topic's) with its turnout and which of
 * `rollIds` are marked. Null when there is no such topic.
 */
export async function topicReading(id: string, ask: { household: string | null; voteId?: string; rollIds?: string[] }): Promise<TopicReading | null> {
  const lookups: Record<string, Record<string, unknown>> = {};
  if (ask.household) lookups.support = supportLookup(id, ask.household, 'support');
  if (ask.voteId) lookups.vote = voteLookup(ask.voteId, ask.rollIds ?? [], 'vote');
  const read = await topicWith(id, lookups);
  if (!read) return null;
  const { topic, joined } = read;
  const recorded = (joined.support ?? []).length > 0;
  const votes = (joined.vote ?? []) as Record<string, unknown>[];
  return {
    topic,
    supported: recorded || (ask.household !== null && (topic.supportedBy ?? []).includes(ask.household)),
    recorded,
    vote: votes[0] && topic.voteId === votes[0]._id ? parseVoteReading(votes[0]) : null,
  };
}

/**
 * The topic and, in the same aggregation, what other repositories' lookups join to it (each under
 * its own name, the lookup's `as`), for their parsers to check. Null when there is no such topic.
 */
export async function topicWith(id: string, lookups: Record<string, Record<string, unknown>>): Promise<{ topic: TopicDoc; joined: Record<string, unknown[]> } | null> {
  const read = await docWith(COUNCIL_TOPICS, topicDocSchema, id, lookups);
  return read && { topic: read.doc, joined: read.joined };
}

/** For another repository's aggregation (a lookup): a topic by id, if there is one, read with `parseTopicDocs`. */
export function topicLookup(id: string, as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: COUNCIL_TOPICS, pipeline: [{ $match: { _id: id } }], as };
}

/** For another repository's aggregation (a lookup): the stage of the topic a row names in `field`, read with `topicStageOf`. */
export function topicStageLookup(field: string, as: string): Record<string, unknown> {
  return { from: COUNCIL_TOPICS, let: { topic: `$${field}` }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$topic'] } } }, { $project: { _id: 1, stage: 1 } }], as };
}

export function topicStageOf(rows: unknown): TopicDoc['stage'] | null {
  const parsed = topicStageSchema.safeParse(Array.isArray(rows) ? rows[0]?.stage : undefined);
  return parsed.success ? parsed.data : null;
}

export const parseTopicDocs = (raw: unknown[]): TopicDoc[] => parseDocs(topicDocSchema, COUNCIL_TOPICS, raw);

export async function insertTopic(doc: TopicDoc): Promise<void> {
  await topics().add({ data: doc });
}

/**
 * Counts a household's support in one conditional write: only on the version read (its `supports`
 * unchanged, so no one else counted meanwhile, the household included), still proposed and in its
 * days; the household joins `supportedBy` with it, and reaching the threshold moves the stage in the
 * same write. False when the topic moved on meanwhile: read it again.
 */
export async function countSupportIf(seen: TopicDoc, household: string, now: Date, patch: TopicPatch): Promise<boolean> {
  const _ = database().command;
  return updatedOne(
    await topics()
      .where({ _id: seen._id, stage: 'proposed', supports: seen.supports, supportUntil: _.gt(now) })
      .update({ data: { ...setWhole(patch), supportedBy: _.set([...(seen.supportedBy ?? []), household]) } }),
  );
}

/** Moves a topic on only if it is still at `from` (one of them): two committee members screening at once change it once. */
export async function moveTopicIf(id: string, from: TopicDoc['stage'] | TopicDoc['stage'][], patch: TopicPatch): Promise<boolean> {
  return updatedOne(
    await topics()
      .where({ _id: id, stage: Array.isArray(from) ? database().command.in(from) : from })
      .update({ data: setWhole(patch) }),
  );
}

/** Newest first, by _id (time-ordered ids). */
/** A community's topics, newest first; of one stage and/or one body when given (the filter is the database's, not the page's). */
export async function topicsOf(communityId: string, filter: { stage?: TopicDoc['stage']; bodyId?: string }, before: string | null, limit: number): Promise<TopicDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId };
  if (filter.stage) where.stage = filter.stage;
  if (filter.bodyId) where.bodyId = filter.bodyId;
  if (before) where._id = _.lt(before);
  return parseDocs(topicDocSchema, COUNCIL_TOPICS, dataOf(await topics().where(where).orderBy('_id', 'desc').limit(limit).get()));
}

/** Jobs: proposed topics whose 30 days ran out become `expired`. */
export async function expireTopics(now: Date): Promise<number> {
  const _ = database().command;
  return changed(
    await topics()
      .where({ stage: 'proposed', supportUntil: _.lte(now) })
      .update({ data: { stage: 'expired', updatedAt: now } }),
  );
}

/** Jobs: topics still in screening past their 7 days are flagged for the street to see. */
export async function flagOverdueScreening(now: Date): Promise<number> {
  const _ = database().command;
  return changed(
    await topics()
      .where({ stage: 'screening', screeningOverdue: false, screenBy: _.lte(now) })
      .update({ data: { screeningOverdue: true, updatedAt: now } }),
  );
}

function changed(res: unknown): number {
  const stats = typeof res === 'object' && res !== null && 'stats' in res ? (res.stats as { updated?: number }) : null;
  return typeof stats?.updated === 'number' ? stats.updated : 0;
}

/** An account's end: the person's topics stay (neighbours supported them) under the pseudonym, unnamed. */
export async function pseudonymiseProposerOf(openid: string, pseudonym: string): Promise<number> {
  return updateWhere(COUNCIL_TOPICS, { proposerOpenid: openid }, { proposerOpenid: pseudonym, proposerName: '已注销用户' });
}

/** A person's proposed council topics, newest first, at most `limit`: for their export (PersonalRead). */
export const topicsProposedByRead = (openid: string, limit: number) => personalRead(COUNCIL_TOPICS, topicDocSchema, { proposerOpenid: openid }, limit, 'createdAt');
