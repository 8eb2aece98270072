import * as z from '../zod';
import { bodyKindSchema, bodySchema, photosSchema, scopeSchema, topicSchema, topicStageSchema, topicTextSchema, topicTitleSchema, voteOptionsSchema, voteSchema, VOTE_UNITS } from '../council';
import { idSchema, openidSchema, pageInput, pageOf, text } from '../common';
import { roomSchema } from '../people';
import { councilDeliberationContract } from './council-deliberation';
import { councilFollowUpContract } from './council-follow-up';
import { councilCampaignContract } from './council-campaigns';

const choicesSchema = z.array(z.number().check(z.int('选项应为整数'), z.minimum(0), z.maximum(9))).check(z.minLength(1, '请至少选择一项'), z.maxLength(10));

/** Function `council`: consultation bodies, topics (议题) with supports and screening, and secret household votes. */
export const councilContract = {
  /** The committee creates or edits a body of its community's tree (no `bodyId`: a new one). */
  saveBody: {
    input: z.strictObject({
      communityId: idSchema,
      bodyId: z.optional(idSchema),
      parentId: z.nullable(idSchema),
      kind: bodyKindSchema,
      name: text(2, 30, '名称'),
      scope: scopeSchema,
      convener: z.nullable(openidSchema),
      members: z.array(openidSchema).check(z.maxLength(60, '成员最多 60 人')),
    }),
    output: bodySchema,
  },
  bodies: { input: z.strictObject({ communityId: idSchema, ...pageInput }), output: pageOf(bodySchema) },
  /** A bound resident, a body's member or the committee puts a topic to a body. */
  propose: {
    input: z.strictObject({ bodyId: idSchema, title: topicTitleSchema, content: topicTextSchema, photos: z.optional(photosSchema) }),
    output: topicSchema,
  },
  /** 附议: once per household of the body's scope. */
  support: { input: z.strictObject({ topicId: idSchema }), output: topicSchema },
  /** The committee accepts a topic in screening, or declines it with a public reason. */
  screen: {
    input: z
      .strictObject({ topicId: idSchema, decision: z.enum(['accept', 'decline']), reason: z.optional(text(2, 200, '理由')) })
      .check(z.refine((v) => v.decision === 'accept' || v.reason !== undefined, '不予受理时请写明理由')),
    output: topicSchema,
  },
  /** Every topic of a community with its stage, newest first, of one stage and/or one body if asked: public to its residents. */
  topics: { input: z.strictObject({ communityId: idSchema, stage: z.optional(topicStageSchema), bodyId: z.optional(idSchema), ...pageInput }), output: pageOf(topicSchema) },
  topic: {
    input: z.strictObject({ topicId: idSchema }),
    output: z.object({ topic: topicSchema, supportedByMyHousehold: z.boolean(), vote: z.nullable(voteSchema), myHouseholdVoted: z.boolean() }),
  },
  /** The committee puts an accepted topic to a vote; who may vote is frozen now. */
  openVote: {
    input: z
      .strictObject({
        topicId: idSchema,
        question: text(2, 100, '表决事项'),
        options: voteOptionsSchema,
        maxChoices: z.number().check(z.int(), z.minimum(1), z.maximum(10)),
        unit: z.enum(VOTE_UNITS),
        days: z.number().check(z.int('天数应为整数'), z.minimum(3, '表决期至少 3 天'), z.maximum(7, '表决期最多 7 天')),
      })
      .check(z.refine((v) => v.maxChoices <= v.options.length, '可选项数不能超过选项数')),
    output: voteSchema,
  },
  castVote: { input: z.strictObject({ voteId: idSchema, choices: choicesSchema }), output: z.object({ voted: z.literal(true), vote: voteSchema }) },
  /** A committee member enters a household's paper ballot (per-person votes name the person too). */
  paperBallot: {
    input: z.strictObject({ voteId: idSchema, buildingId: idSchema, room: roomSchema, openid: z.optional(openidSchema), choices: choicesSchema }),
    output: z.object({ voted: z.literal(true), vote: voteSchema }),
  },
  /** Closes a vote whose window has passed (the timer does the same) and publishes its result. */
  closeVote: { input: z.strictObject({ voteId: idSchema }), output: voteSchema },
  vote: { input: z.strictObject({ voteId: idSchema }), output: voteSchema },
  ...councilDeliberationContract,
  ...councilFollowUpContract,
  ...councilCampaignContract,
} as const;
