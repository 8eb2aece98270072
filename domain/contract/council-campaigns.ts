import * as z from '../zod';
import { idSchema, pageInput, pageOf, text } from '../common';
import { campaignSchema, nomineesSchema, threeRatingsSchema } from '../council-campaigns';
import { roomSchema } from '../people';

const choicesSchema = z.array(z.number().check(z.int('选项应为整数'), z.minimum(0), z.maximum(29))).check(z.minLength(1, '请至少选择一项'), z.maxLength(10));
const yearSchema = z.number().check(z.int('年份应为整数'), z.minimum(2020, '年份不正确'), z.maximum(2100, '年份不正确'));

/** Function `council`, 群众评优 and 三评: the residents' yearly vote, and the three ratings on one page. */
export const councilCampaignContract = {
  /** The committee opens this year's campaign with its nominees; the roll of households is frozen now. */
  openCampaign: {
    input: z.strictObject({
      communityId: idSchema,
      title: text(2, 30, '评优名称'),
      nominees: nomineesSchema,
      maxChoices: z.number().check(z.int('可投数量应为整数'), z.minimum(1, '每户至少可投 1 个'), z.maximum(10, '每户最多可投 10 个')),
      days: z.number().check(z.int('天数应为整数'), z.minimum(3, '投票期至少 3 天'), z.maximum(14, '投票期最多 14 天')),
    }),
    output: campaignSchema,
  },
  /** A household votes once for up to K nominees, secretly. */
  campaignVote: { input: z.strictObject({ campaignId: idSchema, choices: choicesSchema }), output: z.object({ voted: z.literal(true), campaign: campaignSchema }) },
  /** A committee member enters a household's paper ballot (recorded as paper; the ballot itself holds no voter), once per household as online. */
  campaignPaperBallot: {
    input: z.strictObject({ campaignId: idSchema, buildingId: idSchema, room: roomSchema, choices: choicesSchema }),
    output: z.object({ voted: z.literal(true), campaign: campaignSchema }),
  },
  /** Closes a campaign whose window has passed (the timer does the same): the counts are posted for 5 days. */
  closeCampaign: { input: z.strictObject({ campaignId: idSchema }), output: campaignSchema },
  /** A household on the roll objects to the posted result within its 5 days, once, with a reason. */
  objectCampaign: { input: z.strictObject({ campaignId: idSchema, reason: text(2, 200, '异议理由') }), output: campaignSchema },
  /** After the 5 days the committee answers the objections in public; the result is final. */
  answerObjections: { input: z.strictObject({ campaignId: idSchema, answer: text(2, 500, '答复') }), output: campaignSchema },
  /** The committee reads the objections' reasons (no names). */
  objections: {
    input: z.strictObject({ campaignId: idSchema }),
    output: z.object({ items: z.array(z.object({ reason: z.string(), createdAt: z.string() })) }),
  },
  campaigns: { input: z.strictObject({ communityId: idSchema, year: z.optional(yearSchema), ...pageInput }), output: pageOf(campaignSchema) },
  campaign: { input: z.strictObject({ campaignId: idSchema }), output: z.object({ campaign: campaignSchema, myHouseholdVoted: z.boolean() }) },
  /** 三评: providers' ratings, members' stars and this year's 群众评优 on one page. */
  threeRatings: { input: z.strictObject({ communityId: idSchema, year: yearSchema }), output: threeRatingsSchema },
} as const;
