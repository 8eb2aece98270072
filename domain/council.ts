import * as z from './zod';
import { fileIdSchema, idSchema, isoDateSchema, openidSchema, text } from './common';

/**
 * Consultation (议事协商): the community's bodies (群英荟 → councils → working committees), the topics
 * residents put to them, and the votes that decide them. Pure rules here; storage in server/.
 */

export const BODY_KINDS = ['council', 'selfGovernance', 'workingCommittee'] as const;
export const bodyKindSchema = z.enum(BODY_KINDS);

/** Who a body speaks for: the whole community, some grids, or some buildings. */
export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('community') }),
  z.strictObject({ kind: z.literal('grids'), ids: z.array(idSchema).check(z.minLength(1), z.maxLength(50)) }),
  z.strictObject({ kind: z.literal('buildings'), ids: z.array(idSchema).check(z.minLength(1), z.maxLength(100)) }),
]);
export type Scope = z.infer<typeof scopeSchema>;

export const bodySchema = z.object({
  id: idSchema,
  communityId: idSchema,
  parentId: z.nullable(idSchema),
  kind: bodyKindSchema,
  name: z.string(),
  scope: scopeSchema,
  convener: z.nullable(openidSchema),
  members: z.array(openidSchema),
});
export type Body = z.infer<typeof bodySchema>;

export const TOPIC_STAGES = ['proposed', 'screening', 'accepted', 'declined', 'expired', 'deliberating', 'voting', 'decided', 'in_progress', 'done'] as const;
export const topicStageSchema = z.enum(TOPIC_STAGES);
export type TopicStage = z.infer<typeof topicStageSchema>;
export const STAGE_NAMES: Record<TopicStage, string> = {
  proposed: '征集附议',
  screening: '待审议',
  accepted: '已受理',
  declined: '未受理',
  expired: '已过期',
  deliberating: '协商中',
  voting: '表决中',
  decided: '已表决',
  in_progress: '落实中',
  done: '已办结',
};

export const DAY_MS = 24 * 3600_000;
/** Supports must reach the threshold within 30 days of the proposal. */
export const SUPPORT_DAYS = 30;
/** The party organisation screens a topic within 7 days of it reaching the threshold. */
export const SCREENING_DAYS = 7;

/** Supports a topic needs: max(10 households, ceil(5% of the scope's households)). */
export function supportThreshold(scopeHouseholds: number): number {
  return Math.max(10, Math.ceil(scopeHouseholds * 0.05));
}

/** A household is a room of a building: the unit of "one support, one vote per household". */
export function householdKey(buildingId: string, room: string): string {
  return `${buildingId}|${room.trim().toUpperCase()}`;
}

export const topicTextSchema = text(5, 2000, '议题内容');
export const topicTitleSchema = text(2, 40, '议题标题');
export const photosSchema = z.array(fileIdSchema).check(z.maxLength(9, '最多 9 张图片'));

export const topicSchema = z.object({
  id: idSchema,
  communityId: idSchema,
  bodyId: idSchema,
  bodyName: z.string(),
  title: z.string(),
  content: z.string(),
  photos: z.array(z.string()),
  stage: topicStageSchema,
  stageName: z.string(),
  proposerName: z.string(),
  supports: z.number(),
  threshold: z.number(),
  supportUntil: isoDateSchema,
  screenBy: z.nullable(isoDateSchema),
  screeningOverdue: z.boolean(),
  declineReason: z.nullable(z.string()),
  voteId: z.nullable(idSchema),
  /** The 意见建议 demand this topic came from, when the committee turned one into a topic. */
  demandId: z.optional(idSchema),
  createdAt: isoDateSchema,
});
export type Topic = z.infer<typeof topicSchema>;

export const VOTE_UNITS = ['household', 'person'] as const;
export const voteOptionsSchema = z.array(text(1, 40, '选项')).check(z.minLength(2, '至少两个选项'), z.maxLength(10, '最多 10 个选项'));

/** What anyone may see of a vote: turnout while open; the tally only once closed. */
export const voteSchema = z.object({
  id: idSchema,
  topicId: idSchema,
  question: z.string(),
  options: z.array(z.string()),
  maxChoices: z.number(),
  unit: z.enum(VOTE_UNITS),
  opensAt: isoDateSchema,
  closesAt: isoDateSchema,
  status: z.enum(['open', 'closed']),
  eligible: z.number(),
  eligibleHouseholds: z.number(),
  voted: z.number(),
  result: z.nullable(
    z.object({
      tally: z.array(z.number()),
      ballots: z.number(),
      householdsVoted: z.number(),
      quorum: z.boolean(),
      /** The option chosen by more than half of the ballots cast, when quorate; else null. */
      winner: z.nullable(z.number()),
    }),
  ),
});
export type Vote = z.infer<typeof voteSchema>;

/** The vote's result from its counts: quorum > half the eligible households, winner > half the ballots. */
export function decide(tally: readonly number[], ballots: number, householdsVoted: number, eligibleHouseholds: number) {
  const quorum = householdsVoted * 2 > eligibleHouseholds;
  const top = tally.findIndex((n) => n * 2 > ballots);
  return { quorum, winner: quorum && top >= 0 ? top : null };
}

/** Choices are distinct option indexes, at least one and at most `maxChoices`. */
export function choicesError(choices: readonly number[], options: number, maxChoices: number): string | null {
  if (choices.length === 0) return '请至少选择一项';
  if (choices.length > maxChoices) return `最多选择 ${maxChoices} 项`;
  if (new Set(choices).size !== choices.length) return '同一选项只能选一次';
  if (choices.some((c) => !Number.isInteger(c) || c < 0 || c >= options)) return '选项不存在，请刷新后重试';
  return null;
}
