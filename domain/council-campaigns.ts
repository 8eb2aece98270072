import * as z from './zod';
import { idSchema, isoDateSchema, text } from './common';

/**
 * 群众评优: the residents' yearly vote. The committee opens a campaign (最美楼组, 优秀志愿者, 好邻居…)
 * with its nominees; every eligible household (the roll frozen at opening) votes once for up to K of
 * them, secretly, on the same roll-and-ballot machinery as topics' votes; after the close the counts
 * are posted for 5 days of objections, then final. With 企业服务评级 and 党员岗位评星 it makes the
 * three ratings (三评) of the year.
 */

/** open → posted (5 days of objections) → final; an objection holds it `objected` until the committee answers. */
export const CAMPAIGN_STATUSES = ['open', 'posted', 'objected', 'final'] as const;
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;
export const CAMPAIGN_STATUS_NAMES: Record<CampaignStatus, string> = { open: '投票中', posted: '公示中', objected: '异议处理中', final: '已揭晓' };

/** Results are posted this many days for objections before they are final. */
export const OBJECTION_DAYS = 5;

export const nomineeInputSchema = z.strictObject({ name: text(1, 30, '候选名称'), note: z.optional(text(1, 100, '候选简介')) });
export const nomineesSchema = z.array(nomineeInputSchema).check(z.minLength(2, '至少两个候选'), z.maxLength(30, '候选最多 30 个'));

export const campaignSchema = z.object({
  id: idSchema,
  communityId: idSchema,
  year: z.number(),
  title: z.string(),
  nominees: z.array(z.object({ name: z.string(), note: z.nullable(z.string()) })),
  maxChoices: z.number(),
  opensAt: isoDateSchema,
  closesAt: isoDateSchema,
  status: campaignStatusSchema,
  statusName: z.string(),
  eligibleHouseholds: z.number(),
  /** Households voted: shown while open (turnout); the counts only once closed. */
  voted: z.number(),
  result: z.nullable(z.object({ tally: z.array(z.number()), ballots: z.number(), householdsVoted: z.number() })),
  /** While posted: the last moment for objections. */
  objectionsUntil: z.nullable(isoDateSchema),
  /** Households that objected, and the committee's public answer once given. */
  objections: z.number(),
  objectionAnswer: z.nullable(z.string()),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** The three ratings of a community's year on one page. */
export const threeRatingsSchema = z.object({
  communityId: idSchema,
  year: z.number(),
  /** 企业服务评级: co-building units rated by residents for their services, best first. */
  providers: z.array(z.object({ id: idSchema, name: z.string(), average: z.nullable(z.number()), count: z.number() })),
  /**
   * 党员岗位评星, as posted (posted or final). A member's stars are theirs and their committee's
   * (see member.stars): everyone sees how many members stand at ★1 … ★5; only the committee the names.
   */
  members: z.object({
    /** counts[i]: members with i + 1 stars. */
    counts: z.array(z.number()),
    named: z.nullable(z.array(z.object({ displayName: z.string(), stars: z.number(), final: z.boolean() }))),
  }),
  /** 群众评优: the year's campaigns once closed, with each nominee's count, most votes first. */
  campaigns: z.array(z.object({ id: idSchema, title: z.string(), status: campaignStatusSchema, ballots: z.number(), ranking: z.array(z.object({ name: z.string(), votes: z.number() })) })),
});
export type ThreeRatings = z.infer<typeof threeRatingsSchema>;
