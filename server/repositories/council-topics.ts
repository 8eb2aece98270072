import { z } from 'zod/mini';
import { scopeSchema, topicStageSchema } from '../../domain/council';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { dataOf, docById, parseDocs, readInTransaction, setWhole, updatedOne, updateWhere, personalRead } from './docs';

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
export const getTopicInTransaction = (tx: Tx, id: string) => readInTransaction(tx, COUNCIL_TOPICS, id, topicDocSchema);

export async function insertTopic(doc: TopicDoc): Promise<void> {
  await topics().add({ data: doc });
}

export async function updateTopicInTransaction(tx: Tx, id: string, patch: TopicPatch): Promise<void> {
  await tx
    .collection(COUNCIL_TOPICS)
    .doc(id)
    .update({ data: setWhole(patch) });
}

/** Moves a topic on only if it is still at `from`: two committee members screening at once change it once. */
export async function moveTopicIf(id: string, from: TopicDoc['stage'], patch: TopicPatch): Promise<boolean> {
  return updatedOne(
    await topics()
      .where({ _id: id, stage: from })
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
